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
    internal sealed class EventBridgeApi : IEventBridgeApi
    {
        private readonly EventBridgeServiceClient _client;

        public EventBridgeApi(EventBridgeServiceClient client, string region, string? endpointUrl, string credentialSource)
        {
            _client = client;
            Region = region;
            EndpointUrl = endpointUrl;
            CredentialSource = credentialSource;
        }

        public string Region { get; }
        public string? EndpointUrl { get; }
        public string CredentialSource { get; }

        public async Task<EventBusDescription> DescribeEventBusAsync(string? nameOrArn, CancellationToken cancellationToken)
        {
            var response = await Call(() => _client.DescribeEventBusAsync(new DescribeEventBusRequest { Name = nameOrArn }, cancellationToken)).ConfigureAwait(false);
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
            return Call(() => _client.PutPermissionAsync(request, cancellationToken));
        }

        public Task RemovePermissionAsync(RemovePermissionInput input, CancellationToken cancellationToken)
        {
            var request = new RemovePermissionRequest
            {
                EventBusName = input.EventBusName,
                StatementId = input.StatementId,
                RemoveAllPermissions = input.RemoveAllPermissions ? true : (bool?)null,
            };
            return Call(() => _client.RemovePermissionAsync(request, cancellationToken));
        }

        public async Task<IReadOnlyList<string>> ListEventBusNamesAsync(string? namePrefix, CancellationToken cancellationToken)
        {
            var names = new List<string>();
            string? token = null;
            do
            {
                var request = new ListEventBusesRequest { NamePrefix = namePrefix, NextToken = token, Limit = 100 };
                var page = await Call(() => _client.ListEventBusesAsync(request, cancellationToken)).ConfigureAwait(false);
                names.AddRange(page.Names);
                token = page.NextToken;
            }
            while (!string.IsNullOrEmpty(token));
            return names;
        }

        private static async Task<T> Call<T>(Func<Task<T>> call)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (AmazonServiceException e)
            {
                throw new EventBridgeApiException(e.Message, e.ErrorCode, (int)e.StatusCode, e.RequestId, e.Retryable?.Throttling == true || e.ErrorCode == "ThrottlingException", e);
            }
            catch (AmazonClientException e)
            {
                throw new EventBridgeApiException(e.Message, null, 0, null, false, e);
            }
            catch (System.Net.Http.HttpRequestException e)
            {
                throw new EventBridgeApiException("The request could not be completed: " + e.Message, null, 0, null, false, e);
            }
            catch (System.IO.IOException e)
            {
                throw new EventBridgeApiException("The request could not be completed: " + e.Message, null, 0, null, false, e);
            }
        }
    }
}
