using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using EventBusPermissions.Aws;
using EventBusPermissions.Connection;

namespace EventBusPermissions.Commands
{
    /// <summary>
    /// The parameters every cmdlet of the module shares (where and as whom to call AWS), the client lookup,
    /// cancellation on Ctrl+C, and the mapping of service errors to PowerShell error records.
    /// </summary>
    public abstract class EventBridgeCmdlet : PSCmdlet
    {
        private readonly CancellationTokenSource _cancel = new CancellationTokenSource();

        /// <summary>A profile of the shared credentials/config files (SSO and assume-role profiles included).</summary>
        [Parameter]
        [Alias("StoredCredentials", "AWSProfileName")]
        [ValidateNotNullOrEmpty]
        public string? ProfileName { get; set; }

        /// <summary>A credentials file other than the default one.</summary>
        [Parameter]
        [Alias("AWSProfilesLocation", "ProfilesLocation")]
        [ValidateNotNullOrEmpty]
        public string? ProfileLocation { get; set; }

        [Parameter]
        [Alias("AK")]
        [ValidateNotNullOrEmpty]
        public string? AccessKey { get; set; }

        [Parameter]
        [Alias("SK", "SecretAccessKey")]
        [ValidateNotNullOrEmpty]
        public string? SecretKey { get; set; }

        [Parameter]
        [Alias("ST")]
        [ValidateNotNullOrEmpty]
        public string? SessionToken { get; set; }

        /// <summary>
        /// Credentials as an object: a PSCredential (access key id as user name, secret key as password), an object
        /// with AccessKeyId, SecretAccessKey and SessionToken (the Credentials of Use-STSRole), or an AWSCredentials.
        /// </summary>
        [Parameter]
        public object? Credential { get; set; }

        /// <summary>An endpoint other than AWS's (a local endpoint, a VPC endpoint).</summary>
        [Parameter]
        [Alias("EndpointUri")]
        [ValidateNotNullOrEmpty]
        public string? EndpointUrl { get; set; }

        /// <summary>Cancelled when the user presses Ctrl+C, so the request in flight stops.</summary>
        protected CancellationToken CancelToken => _cancel.Token;

        protected override void BeginProcessing()
        {
            FormatLoader.EnsureLoaded(this);
            base.BeginProcessing();
        }

        protected override void StopProcessing()
        {
            _cancel.Cancel();
            base.StopProcessing();
        }

        protected override void EndProcessing()
        {
            _cancel.Dispose();
            base.EndProcessing();
        }

        /// <summary>
        /// The client for the current parameters (the pipeline may change Region per item). No region or no
        /// credentials stops the command: nothing can be done without them.
        /// </summary>
        /// <summary>The client for these parameters in <paramref name="region"/> (an item's own region, passed down rather than written to -Region).</summary>
        protected IEventBridgeApi Connect(string? region)
        {
            var parameters = new ConnectionParameters
            {
                Region = region, ProfileName = ProfileName, ProfileLocation = ProfileLocation, AccessKey = AccessKey,
                SecretKey = SecretKey, SessionToken = SessionToken, EndpointUrl = EndpointUrl, Credential = Credential,
            };
            EventBridgeConnectionOptions options;
            try
            {
                options = parameters.ToOptions(SessionState.PSVariable.GetValue);
            }
            catch (ArgumentException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, "InvalidCredential", ErrorCategory.InvalidArgument, Credential));
                throw; // not reached
            }
            try
            {
                var api = EventBridgeConnector.Connect(options);
                var endpointSource = (api as IEndpointOrigin)?.EndpointSource;
                var endpoint = api.EndpointUrl == null ? "the AWS endpoint" : "endpoint " + api.EndpointUrl + (endpointSource != null ? $" (from {endpointSource})" : "");
                WriteVerbose($"Using region {api.Region}, {endpoint}, credentials from {api.CredentialSource}.");
                return api;
            }
            catch (EventBridgeSetupException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, e.Reason, SetupCategory(e.Reason), null));
                throw; // not reached: ThrowTerminatingError always throws
            }
        }

        /// <summary>Waits for a request, giving up at once when the user stops the command.</summary>
        protected T Await<T>(Task<T> task)
        {
            try
            {
                return task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (CancelToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        protected void Await(Task task) => Await(AsObjectTask(task));

        private static async Task<object?> AsObjectTask(Task task)
        {
            await task.ConfigureAwait(false);
            return null;
        }

        /// <summary>A non-terminating error for one item that the service refused or could not answer.</summary>
        protected ErrorRecord ServiceError(EventBridgeApiException e, string what, object? target)
        {
            var message = $"{what}: {e.Message}" + (e.RequestId != null ? $" (request id {e.RequestId})" : "");
            // A credential source that failed at request time gets the same id and category as at connect time.
            var errorId = e.ErrorCode ?? e.SetupReason ?? "RequestFailed";
            var category = e.SetupReason != null ? SetupCategory(e.SetupReason) : ServiceCategory(e);
            var record = new ErrorRecord(new EventBridgeApiException(message, e.ErrorCode, e.StatusCode, e.RequestId, e.IsThrottling, e), errorId, category, target);
            return record;
        }

        /// <summary>A non-terminating error for input that breaks a rule, raised before any request.</summary>
        protected ErrorRecord InvalidInput(string errorId, string message, object? target)
            => new ErrorRecord(new ArgumentException(message), errorId, ErrorCategory.InvalidArgument, target);

        private static ErrorCategory SetupCategory(string reason)
            => SetupFailure.IsAboutCredentials(reason) ? ErrorCategory.AuthenticationError : ErrorCategory.InvalidArgument;

        private static ErrorCategory ServiceCategory(EventBridgeApiException e)
        {
            switch (e.ErrorCode)
            {
                case "ResourceNotFoundException": return ErrorCategory.ObjectNotFound;
                case "AccessDeniedException": return ErrorCategory.PermissionDenied;
                case "UnrecognizedClientException":
                case "InvalidSignatureException":
                case "ExpiredTokenException":
                case "MissingAuthenticationTokenException":
                    return ErrorCategory.AuthenticationError;
                case "ValidationException": return ErrorCategory.InvalidArgument;
                case "ThrottlingException":
                case "PolicyLengthExceededException":
                    return ErrorCategory.LimitsExceeded;
                case "ConcurrentModificationException": return ErrorCategory.ResourceBusy;
                case "OperationDisabledException": return ErrorCategory.NotEnabled;
            }
            if (e.StatusCode == 0) return ErrorCategory.ConnectionError;
            return ErrorCategory.NotSpecified;
        }
    }
}
