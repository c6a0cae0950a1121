using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.SharedInterfaces;
using Amazon.RuntimeDependencies;
using Amazon.SSO;
using Amazon.SSOOIDC;
using EventBusPermissions.Aws.Internal;
using EventBusPermissions.Tests.Client;
using Xunit;

namespace EventBusPermissions.Tests.Loading
{
    /// <summary>
    /// AWSSDK.Core gets its STS, SSO and SSO OIDC clients from us, not by an assembly lookup that could pick
    /// another module's copy. (Pester's Isolation.Tests.ps1 proves it with another SDK really loaded first.)
    /// </summary>
    public sealed class CredentialServiceClientsTests
    {
        [Fact]
        public void Assume_role_keeps_its_role_session_options_and_source_and_so_does_every_role_it_chains_from()
        {
            var keys = new BasicAWSCredentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
            var options = new AssumeRoleAWSCredentialsOptions { ExternalId = "external", DurationSeconds = 900 };
            var first = new AssumeRoleAWSCredentials(keys, "arn:aws:iam::111122223333:role/first", "first-session");
            var chained = new AssumeRoleAWSCredentials(first, "arn:aws:iam::444455556666:role/second", "second-session", options);

            var adapted = Assert.IsType<OwnStsAssumeRoleCredentials>(CredentialServiceClients.Adapt(chained));
            Assert.Equal("arn:aws:iam::444455556666:role/second", adapted.RoleArn);
            Assert.Equal("second-session", adapted.RoleSessionName);
            Assert.Same(options, adapted.Options);
            Assert.Equal(chained.PreemptExpiryTime, adapted.PreemptExpiryTime);

            var source = Assert.IsType<OwnStsAssumeRoleCredentials>(adapted.SourceCredentials);
            Assert.Equal("arn:aws:iam::111122223333:role/first", source.RoleArn);
            Assert.Same(keys, source.SourceCredentials);
        }

        [Fact]
        public void Web_identity_keeps_its_token_file_role_and_session()
        {
            using var dir = new TempDirectory();
            var token = dir.Write("token", "a-web-identity-token");
            var original = new AssumeRoleWithWebIdentityCredentials(token, "arn:aws:iam::111122223333:role/web", "web-session");

            var adapted = Assert.IsType<OwnStsWebIdentityCredentials>(CredentialServiceClients.Adapt(original));
            Assert.Equal(token, adapted.WebIdentityTokenFile);
            Assert.Equal("arn:aws:iam::111122223333:role/web", adapted.RoleArn);
            Assert.Equal("web-session", adapted.RoleSessionName);
        }

        [Fact]
        public void Other_credentials_pass_through_as_they_are()
        {
            var keys = new BasicAWSCredentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
            var session = new SessionAWSCredentials("ASIAIOSFODNN7EXAMPLE", "secret", "token");
            Assert.Same(keys, CredentialServiceClients.Adapt(keys));
            Assert.Same(session, CredentialServiceClients.Adapt(session));
        }

        [Fact]
        public void SSO_and_SSO_OIDC_clients_come_from_the_registry_in_the_asked_region()
        {
            CredentialServiceClients.EnsureRegistered();
            CredentialServiceClients.EnsureRegistered(); // again: no harm
            var registry = GlobalRuntimeDependencyRegistry.Instance;

            var sso = registry.GetInstance<ICoreAmazonSSO>("AWSSDK.SSO", "Amazon.SSO.AmazonSSOClient",
                new CreateInstanceContext(new SSOClientContext { Region = RegionEndpoint.EUWest2 }));
            var ssoClient = Assert.IsType<AmazonSSOClient>(sso);
            Assert.Equal(RegionEndpoint.EUWest2, ssoClient.Config.RegionEndpoint);

            var oidc = registry.GetInstance<ICoreAmazonSSOOIDC>("AWSSDK.SSOOIDC", "Amazon.SSOOIDC.AmazonSSOOIDCClient",
                new CreateInstanceContext(new SSOOIDCClientContext { Region = RegionEndpoint.APSoutheast2 }));
            var oidcClient = Assert.IsType<AmazonSSOOIDCClient>(oidc);
            Assert.Equal(RegionEndpoint.APSoutheast2, oidcClient.Config.RegionEndpoint);
        }
    }
}
