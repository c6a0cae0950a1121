using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using EventBusPermissions.Aws;

namespace EventBusPermissions.Engine
{
    /// <summary>A client whose every request goes through the run's <see cref="RequestPacer"/>.</summary>
    internal sealed class PacedEventBridgeApi : IEventBridgeApi
    {
        private readonly IEventBridgeApi _inner;
        private readonly RequestPacer _pacer;

        public PacedEventBridgeApi(IEventBridgeApi inner, RequestPacer pacer)
        {
            _inner = inner;
            _pacer = pacer;
        }

        public string Region => _inner.Region;
        public string? EndpointUrl => _inner.EndpointUrl;
        public string CredentialSource => _inner.CredentialSource;

        public Task<EventBusDescription> DescribeEventBusAsync(string? nameOrArn, CancellationToken cancellationToken)
            => _pacer.RunAsync($"DescribeEventBus of '{nameOrArn ?? "default"}' in {Region}",
                () => _inner.DescribeEventBusAsync(nameOrArn, cancellationToken), cancellationToken);

        public Task<IReadOnlyList<string>> ListEventBusNamesAsync(string? namePrefix, CancellationToken cancellationToken)
            => _pacer.RunAsync($"ListEventBuses in {Region}", () => _inner.ListEventBusNamesAsync(namePrefix, cancellationToken), cancellationToken);

        public Task PutPermissionAsync(PutPermissionInput input, CancellationToken cancellationToken)
            => _pacer.RunAsync($"PutPermission on '{input.EventBusName}' in {Region}", async () =>
            {
                await _inner.PutPermissionAsync(input, cancellationToken).ConfigureAwait(false);
                return true;
            }, cancellationToken);

        public Task RemovePermissionAsync(RemovePermissionInput input, CancellationToken cancellationToken)
            => _pacer.RunAsync($"RemovePermission on '{input.EventBusName}' in {Region}", async () =>
            {
                await _inner.RemovePermissionAsync(input, cancellationToken).ConfigureAwait(false);
                return true;
            }, cancellationToken);
    }
}
