using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using EventBusPermissions.Aws;
using EventBusPermissions.Connection;
using EventBusPermissions.Engine;

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

        /// <summary>
        /// How many requests (and buses) are worked on at once. The default, 8, keeps a run over many buses well within
        /// EventBridge's control-plane request quota of an account (an older quota page says 50 requests a second for
        /// all APIs but PutEvents): at the tens of milliseconds a request to AWS takes, 8 in flight is some 50 to 200 a
        /// second at most, and a throttling answer makes every request of the run wait out one growing pause instead of
        /// failing. 1 works one bus after another, one request at a time.
        /// </summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = DefaultThrottleLimit;

        internal const int DefaultThrottleLimit = 8;

        private RequestPacer? _pacer;

        /// <summary>Paces every request of this run (see <see cref="RequestPacer"/>); made on first use, with the -ThrottleLimit given.</summary>
        private protected RequestPacer Pacer => _pacer ?? (_pacer = new RequestPacer(ThrottleLimit));

        /// <summary>Writes what the pacer did (throttling pauses) as Verbose; on the pipeline thread only.</summary>
        private protected void WritePacerNotices()
        {
            if (_pacer == null) return;
            while (_pacer.Notices.TryDequeue(out var notice)) WriteVerbose(notice);
        }

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
            WritePacerNotices();
            _pacer?.Dispose();
            _cancel.Dispose();
            base.EndProcessing();
        }

        /// <summary>
        /// The client for these parameters in <paramref name="region"/> (an item's own region, passed down rather than
        /// written to -Region), its requests paced with the rest of the run's. No region or no credentials stops the
        /// command: nothing can be done without them.
        /// </summary>
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
                return new PacedEventBridgeApi(api, Pacer);
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
        protected ErrorRecord ServiceError(EventBridgeApiException e, string what, object? target) => CommandErrors.Service(e, what, target);

        /// <summary>A non-terminating error for input that breaks a rule, raised before any request.</summary>
        protected ErrorRecord InvalidInput(string errorId, string message, object? target) => CommandErrors.InvalidInput(errorId, message, target);

        private static ErrorCategory SetupCategory(string reason) => CommandErrors.SetupCategory(reason);
    }
}
