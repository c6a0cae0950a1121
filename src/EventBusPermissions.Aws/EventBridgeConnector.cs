using System;
using System.Collections.Concurrent;
using Amazon;
using EventBusPermissions.Aws.Internal;

namespace EventBusPermissions.Aws
{
    /// <summary>
    /// Gives a ready client for a set of connection options. Clients are cached per region, endpoint and
    /// identity for the life of the session, so a pipeline of many items reuses one client and its
    /// connections. The cache key holds hashes of secrets, never the secrets.
    /// </summary>
    public static class EventBridgeConnector
    {
        private static readonly ConcurrentDictionary<string, IEventBridgeApi> Cache = new ConcurrentDictionary<string, IEventBridgeApi>();

        /// <exception cref="EventBridgeSetupException">No region, no credentials, or an invalid endpoint.</exception>
        public static IEventBridgeApi Connect(EventBridgeConnectionOptions options)
        {
            if (options == null) throw new ArgumentNullException(nameof(options));
            var key = ClientCacheKey.For(options, Environment.GetEnvironmentVariable);
            if (Cache.TryGetValue(key, out var cached)) return cached;
            var created = Create(options, new ConnectionResolver());
            return Cache.GetOrAdd(key, created);
        }

        /// <summary>Forgets every cached client (tests, or after credentials change on disk).</summary>
        public static void ClearCache() => Cache.Clear();

        internal static IEventBridgeApi Create(EventBridgeConnectionOptions options, ConnectionResolver resolver)
        {
            try
            {
                return CreateClient(options, resolver);
            }
            catch (Exception e) when (!(e is EventBridgeSetupException))
            {
                // The SDK reads the shared files again when a client config is built (retry mode, defaults mode);
                // a file it cannot parse fails there, in a static initializer, for the rest of the session.
                throw new EventBridgeSetupException(
                    "The AWS SDK could not be set up from the shared config and credentials files: " + SdkFailure.Describe(e, resolver.ScrubberFor(options)),
                    SdkFailure.Reason(e) ?? SetupFailure.InvalidCredentialsFile);
            }
        }

        private static IEventBridgeApi CreateClient(EventBridgeConnectionOptions options, ConnectionResolver resolver)
        {
            // The SDK reads profiles from the files it found at its start; a runbook may have named others since.
            if (resolver.ReadsProcessEnvironment) SdkSharedFilePaths.Follow(Environment.GetEnvironmentVariable);
            var region = resolver.ResolveRegion(options);
            var endpoint = resolver.ResolveEndpoint(options, out var endpointSource);

            var config = new EventBridgeConfig
            {
                // We resolved the endpoint ourselves above, in the documented order.
                IgnoreConfiguredEndpointUrls = true,
            };
            if (endpoint != null)
            {
                config.ServiceURL = endpoint;
                config.AuthenticationRegion = region;
            }
            else
            {
                config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
            }

            // Before credentials are resolved: an SSO profile makes its SSO OIDC client as it is read.
            CredentialServiceClients.EnsureRegistered();
            var credentials = resolver.ResolveCredentials(options, config, out var source);
            var client = new EventBridgeServiceClient(credentials, config);
            return new EventBridgeApi(client, region, endpoint, endpointSource, source, resolver.ScrubberFor(options));
        }
    }
}
