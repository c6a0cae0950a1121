using System.Threading;
using System.Threading.Tasks;

namespace EventBusPermissions.Aws
{
    /// <summary>The three operations the module needs, for one region, endpoint and identity.</summary>
    public interface IEventBridgeApi
    {
        /// <summary>The region requests are signed for.</summary>
        string Region { get; }

        /// <summary>The endpoint override in use, or null for the AWS endpoint of the region.</summary>
        string? EndpointUrl { get; }

        /// <summary>Where the credentials came from, for Verbose output (never the secret).</summary>
        string CredentialSource { get; }

        /// <exception cref="EventBridgeApiException">The service refused or could not be reached.</exception>
        Task<EventBusDescription> DescribeEventBusAsync(string? nameOrArn, CancellationToken cancellationToken);

        /// <exception cref="EventBridgeApiException">The service refused or could not be reached.</exception>
        Task PutPermissionAsync(PutPermissionInput input, CancellationToken cancellationToken);

        /// <summary>The names of the account's buses in the region (ListEventBuses, every page).</summary>
        /// <exception cref="EventBridgeApiException">The service refused or could not be reached.</exception>
        Task<System.Collections.Generic.IReadOnlyList<string>> ListEventBusNamesAsync(string? namePrefix, CancellationToken cancellationToken);

        /// <exception cref="EventBridgeApiException">The service refused or could not be reached.</exception>
        Task RemovePermissionAsync(RemovePermissionInput input, CancellationToken cancellationToken);
    }
}
