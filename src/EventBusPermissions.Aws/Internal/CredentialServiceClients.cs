using System;
using System.Net;
using System.Threading.Tasks;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.SharedInterfaces;
using Amazon.RuntimeDependencies;
using Amazon.SecurityToken;
using Amazon.SSO;
using Amazon.SSOOIDC;

namespace EventBusPermissions.Aws.Internal
{
    /// <summary>
    /// Gives our AWSSDK.Core the STS, SSO and SSO OIDC clients of our own dependencies folder for assume-role,
    /// web-identity and SSO credentials. Left alone, AWSSDK.Core finds those clients by assembly name, and looks
    /// first among every assembly loaded in the process, whatever its load context: beside another module's
    /// AWSSDK.SecurityToken (AWS.Tools loads one) it would take that copy, built on another AWSSDK.Core, and fail
    /// with "Assembly AWSSDK.SecurityToken could not be found or loaded". The clients made here are compiled
    /// against the assemblies beside this one, so they always come from the module's load context. Each is made
    /// as AWSSDK.Core 4.1.0 makes it itself: same region, credentials and proxy. Nothing here changes another
    /// module's SDK: the registry and the credential types belong to our copy of AWSSDK.Core.
    /// </summary>
    internal static class CredentialServiceClients
    {
        private static readonly object Gate = new object();
        private static bool _registered;

        /// <summary>
        /// SSO and SSO OIDC: AWSSDK.Core asks its runtime dependency registry before it looks the assembly up,
        /// and makes both clients with anonymous credentials, so a factory there makes exactly the same client.
        /// (STS cannot go this way: the registry is not told the source credentials AssumeRole signs with.)
        /// </summary>
        public static void EnsureRegistered()
        {
            lock (Gate)
            {
                if (_registered) return;
                var registry = GlobalRuntimeDependencyRegistry.Instance;
                registry.RegisterSSOClient(context =>
                {
                    var data = context.SSOClientContextData;
                    return data?.Region == null ? null : new AmazonSSOClient(new AnonymousAWSCredentials(), Configure(new AmazonSSOConfig(), data.Region, data.ProxySettings));
                });
                registry.RegisterSSOOIDCClient(context =>
                {
                    var data = context.SSOOIDCClientContextData;
                    return data?.Region == null ? null : new AmazonSSOOIDCClient(new AnonymousAWSCredentials(), Configure(new AmazonSSOOIDCConfig(), data.Region, data.ProxySettings));
                });
                _registered = true;
            }
        }

        /// <summary>
        /// The same credentials, with every assume-role and web-identity step (role chains included) calling STS
        /// through our AWSSDK.SecurityToken. Other credentials are returned as they are.
        /// </summary>
        /// <param name="durationSeconds">The profile's duration_seconds, for the role it names (not the hops before it).</param>
        /// <param name="stsEndpoint">
        /// An STS endpoint from the profile in use (its services section or endpoint_url), which the SDK's own
        /// configuration reads only for AWS_PROFILE's profile; null leaves STS to the SDK's resolution.
        /// </param>
        public static AWSCredentials Adapt(AWSCredentials credentials, int? durationSeconds = null, string? stsEndpoint = null)
        {
            var type = credentials.GetType();
            if (type == typeof(AssumeRoleAWSCredentials))
            {
                var assumeRole = (AssumeRoleAWSCredentials)credentials;
                var source = assumeRole.SourceCredentials == null ? null : Adapt(assumeRole.SourceCredentials, null, stsEndpoint);
                var options = assumeRole.Options;
                if (durationSeconds != null) options.DurationSeconds = durationSeconds;
                return new OwnStsAssumeRoleCredentials(source!, assumeRole.RoleArn, assumeRole.RoleSessionName, options, stsEndpoint);
            }
            if (type == typeof(AssumeRoleWithWebIdentityCredentials))
            {
                // AWSSDK.Core makes these (from a profile, or from AWS_WEB_IDENTITY_TOKEN_FILE) without options.
                var webIdentity = (AssumeRoleWithWebIdentityCredentials)credentials;
                return new OwnStsWebIdentityCredentials(webIdentity.WebIdentityTokenFile, webIdentity.RoleArn, webIdentity.RoleSessionName, stsEndpoint);
            }
            return credentials;
        }

        /// <summary>STS in the region AWSSDK.Core would use: the region it falls back to, else us-east-1.</summary>
        internal static AmazonSecurityTokenServiceConfig StsConfig(IWebProxy? proxy, string? endpoint)
        {
            var region = FallbackRegionFactory.GetRegionEndpoint() ?? RegionEndpoint.USEast1;
            var config = Configure(new AmazonSecurityTokenServiceConfig(), region, proxy);
            if (endpoint != null)
            {
                config.ServiceURL = endpoint;
                config.AuthenticationRegion = region.SystemName;
            }
            return config;
        }

        private static T Configure<T>(T config, RegionEndpoint region, IWebProxy? proxy) where T : ClientConfig
        {
            config.RegionEndpoint = region;
            if (proxy != null) config.SetWebProxy(proxy);
            return config;
        }
    }

    /// <summary>AssumeRoleAWSCredentials whose AssumeRole call, signed with the source credentials, uses our STS client.</summary>
    internal sealed class OwnStsAssumeRoleCredentials : AssumeRoleAWSCredentials
    {
        private readonly string? _endpoint;

        public OwnStsAssumeRoleCredentials(AWSCredentials source, string roleArn, string roleSessionName, AssumeRoleAWSCredentialsOptions options, string? endpoint)
            : base(source, roleArn, roleSessionName, options)
        {
            _endpoint = endpoint;
        }

        protected override CredentialsRefreshState GenerateNewCredentials()
        {
            var credentials = CreateClient().CredentialsFromAssumeRoleAuthentication(RoleArn, RoleSessionName, Options);
            return new CredentialsRefreshState(credentials, credentials.Expiration);
        }

        protected override async Task<CredentialsRefreshState> GenerateNewCredentialsAsync()
        {
            var credentials = await CreateClient().CredentialsFromAssumeRoleAuthenticationAsync(RoleArn, RoleSessionName, Options).ConfigureAwait(false);
            return new CredentialsRefreshState(credentials, credentials.Expiration);
        }

        private ICoreAmazonSTS CreateClient()
            => new AmazonSecurityTokenServiceClient(SourceCredentials, CredentialServiceClients.StsConfig(Options.ProxySettings, _endpoint));
    }

    /// <summary>AssumeRoleWithWebIdentityCredentials whose (unsigned) AssumeRoleWithWebIdentity call uses our STS client.</summary>
    internal sealed class OwnStsWebIdentityCredentials : AssumeRoleWithWebIdentityCredentials
    {
        private readonly string? _endpoint;

        public OwnStsWebIdentityCredentials(string webIdentityTokenFile, string roleArn, string roleSessionName, string? endpoint)
            : base(webIdentityTokenFile, roleArn, roleSessionName)
        {
            _endpoint = endpoint;
        }

        protected override ICoreAmazonSTS CreateClient()
            => new AmazonSecurityTokenServiceClient(new AnonymousAWSCredentials(), CredentialServiceClients.StsConfig(null, _endpoint));
    }
}
