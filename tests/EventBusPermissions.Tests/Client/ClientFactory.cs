using EventBusPermissions.Aws;
using EventBusPermissions.Aws.Internal;

namespace EventBusPermissions.Tests.Client
{
    /// <summary>Clients for tests, built through the same resolver the cmdlets use, but never cached.</summary>
    internal static class ClientFactory
    {
        public const string AccessKey = "AKIAIOSFODNN7EXAMPLE";
        public const string SecretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

        public static IEventBridgeApi For(string endpointUrl, string? sessionToken = null, string region = "us-east-1")
        {
            var options = new EventBridgeConnectionOptions
            {
                Region = region,
                EndpointUrl = endpointUrl,
                AccessKey = AccessKey,
                SecretKey = SecretKey,
                SessionToken = sessionToken,
            };
            return EventBridgeConnector.Create(options, new ConnectionResolver(_ => null));
        }
    }
}
