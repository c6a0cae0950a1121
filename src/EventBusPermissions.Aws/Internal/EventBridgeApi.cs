using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using EventBusPermissions.Aws.Operations;

namespace EventBusPermissions.Aws.Internal
{
    /// <summary>
    /// Adapts the SDK-based client to <see cref="IEventBridgeApi"/>, turning SDK exceptions into
    /// <see cref="EventBridgeApiException"/> so that no SDK type crosses into the module.
    /// </summary>
    internal sealed class EventBridgeApi : IEventBridgeApi, IEndpointOrigin
    {
        private readonly EventBridgeServiceClient _client;
        private readonly SecretScrubber _scrubber;

        public EventBridgeApi(EventBridgeServiceClient client, string region, string? endpointUrl, string? endpointSource, string credentialSource, SecretScrubber scrubber)
        {
            _client = client;
            _scrubber = scrubber;
            Region = region;
            EndpointUrl = endpointUrl;
            EndpointSource = endpointSource;
            CredentialSource = credentialSource;
        }

        public string Region { get; }
        public string? EndpointUrl { get; }
        public string? EndpointSource { get; }
        public string CredentialSource { get; }

        public async Task<EventBusDescription> DescribeEventBusAsync(string? nameOrArn, CancellationToken cancellationToken)
        {
            var response = await Call(() => _client.DescribeEventBusAsync(new DescribeEventBusRequest { Name = nameOrArn }, cancellationToken), cancellationToken).ConfigureAwait(false);
            return new EventBusDescription
            {
                Name = response.Name,
                Arn = response.Arn,
                Description = response.Description,
                KmsKeyIdentifier = response.KmsKeyIdentifier,
                DeadLetterArn = response.DeadLetterArn,
                Policy = response.Policy,
                CreationTime = response.CreationTime,
                LastModifiedTime = response.LastModifiedTime,
                RequestId = response.ResponseMetadata?.RequestId,
            };
        }

        public Task PutPermissionAsync(PutPermissionInput input, CancellationToken cancellationToken)
        {
            var request = new PutPermissionRequest
            {
                EventBusName = input.EventBusName,
                Action = input.Action,
                Principal = input.Principal,
                StatementId = input.StatementId,
                Policy = input.Policy,
            };
            if (input.PrincipalOrgId != null)
            {
                request.ConditionType = "StringEquals";
                request.ConditionKey = "aws:PrincipalOrgID";
                request.ConditionValue = input.PrincipalOrgId;
            }
            return Call(() => _client.PutPermissionAsync(request, cancellationToken), cancellationToken);
        }

        public Task RemovePermissionAsync(RemovePermissionInput input, CancellationToken cancellationToken)
        {
            var request = new RemovePermissionRequest
            {
                EventBusName = input.EventBusName,
                StatementId = input.StatementId,
                RemoveAllPermissions = input.RemoveAllPermissions ? true : (bool?)null,
            };
            return Call(() => _client.RemovePermissionAsync(request, cancellationToken), cancellationToken, RemovePermissionAnswers.IsStatementNotFound);
        }

        public async Task<IReadOnlyList<string>> ListEventBusNamesAsync(string? namePrefix, CancellationToken cancellationToken)
        {
            var names = new List<string>();
            string? token = null;
            do
            {
                var request = new ListEventBusesRequest { NamePrefix = namePrefix, NextToken = token, Limit = 100 };
                var page = await Call(() => _client.ListEventBusesAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false);
                names.AddRange(page.Names);
                token = page.NextToken;
            }
            while (!string.IsNullOrEmpty(token));
            return names;
        }

        /// <summary>
        /// Runs one request and turns whatever fails into an <see cref="EventBridgeApiException"/> with a scrubbed
        /// message and no inner exception: the SDK's exceptions hold the service's message verbatim (AWS echoes the
        /// session token in InvalidSignatureException) or a credential helper's stderr. Only the user's own
        /// cancellation passes through as it is, so that Ctrl+C stops the command.
        /// </summary>
        /// <param name="isStatementNotFound">For RemovePermission: whether a service error says the statement is not there.</param>
        private async Task<T> Call<T>(Func<Task<T>> call, CancellationToken cancellationToken, Func<AmazonServiceException, bool>? isStatementNotFound = null)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (AmazonServiceException e)
            {
                var throttling = e.Retryable?.Throttling == true || e.ErrorCode == "ThrottlingException";
                throw new EventBridgeApiException(_scrubber.Scrub(e.Message), e.ErrorCode, (int)e.StatusCode, e.RequestId, throttling,
                    isStatementNotFound: isStatementNotFound?.Invoke(e) == true);
            }
            catch (CredentialsUnavailableException e)
            {
                var explained = CredentialFailures.Explain(e.Source, e.InnerException ?? e, e.ProfileName);
                var reason = explained?.Reason ?? SdkFailure.Reason(e.InnerException ?? e) ?? SetupFailure.CredentialProviderFailed;
                var lead = explained?.Lead ?? $"the credentials from {CredentialSource} could not be obtained.";
                throw new EventBridgeApiException(
                    $"No request was sent: {lead} {SdkFailure.Describe(e, _scrubber)}",
                    null, 0, null, false, setupReason: reason);
            }
            catch (OperationCanceledException)
            {
                throw new EventBridgeApiException("The request timed out before EventBridge answered.", null, 0, null, false);
            }
            catch (Exception e)
            {
                throw new EventBridgeApiException("The request could not be completed: " + SdkFailure.Describe(e, _scrubber), null, 0, null, false);
            }
        }
    }
}
