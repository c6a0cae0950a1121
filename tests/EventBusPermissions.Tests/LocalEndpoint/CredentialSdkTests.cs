using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Util;
using EventBusPermissions.Aws;
using EventBusPermissions.Aws.Internal;
using EventBusPermissions.Tests.Client;
using LocalEventBridge;
using LocalEventBridge.CredentialServices;
using Xunit;

namespace EventBusPermissions.Tests.LocalEndpoint;

/// <summary>
/// Every credential source the SDK builds itself, end to end against the local endpoint: AWSSDK.Core 4.1.0's own
/// credential classes (with AWSSDK.SecurityToken, SSO and SSOOIDC loaded by name, as in a user's session) obtain
/// temporary keys from the endpoint's credential services, and the module's EventBridge client signs a
/// DescribeEventBus with them, which the endpoint accepts and attributes to the issued identity.
/// </summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class CredentialSdkTests
{
    private const string DeployRole = "arn:aws:iam::444455556666:role/Deploy";
    private static readonly BasicAWSCredentials StaticKey = new(TestCredentials.Default.AccessKeyId, TestCredentials.Default.SecretAccessKey);

    [Fact]
    public async Task AssumeRoleAWSCredentials_reach_STS_through_AWS_ENDPOINT_URL_STS_and_sign_for_the_role_account()
    {
        await using LocalEventBridgeServer server = await LocalEventBridgeServer.StartAsync();
        server.Credentials.Settings.SetRoles(new[] { new RoleTrustRule(DeployRole, "ext-42", new[] { TestCredentials.DefaultAccountId }) });
        using var dir = new TempDirectory();
        using (new AwsEnvironmentScope(Hermetic(dir, ("AWS_ENDPOINT_URL_STS", server.ServiceUrl))))
        {
            var credentials = new AssumeRoleAWSCredentials(StaticKey, DeployRole, "sdk-session",
                new AssumeRoleAWSCredentialsOptions { ExternalId = "ext-42", DurationSeconds = 1800 });
            EventBusDescription bus = await DescribeAsync(server, credentials);
            Assert.Equal("arn:aws:events:us-east-1:444455556666:event-bus/default", bus.Arn);

            var wrongExternalId = new AssumeRoleAWSCredentials(StaticKey, DeployRole, "sdk-session", new AssumeRoleAWSCredentialsOptions { ExternalId = "ext-41" });
            Exception denied = Assert.ThrowsAny<Exception>(() => wrongExternalId.GetCredentials());
            Assert.Contains($"User: arn:aws:iam::123456789012:user/test is not authorized to perform: sts:AssumeRole on resource: {DeployRole}", Messages(denied));
        }

        RequestLogEntry[] log = server.Requests.Snapshot().ToArray();
        RequestLogEntry assume = log.First(e => e.Operation == "AssumeRole");
        Assert.Equal(200, assume.HttpStatus);
        Assert.Equal(TestCredentials.Default.AccessKeyId, assume.AccessKeyId);
        Assert.Equal("sdk-session", assume.Details!["roleSessionName"]);
        Assert.Equal("true", assume.Details["externalIdPresent"]);
        Assert.Equal("1800", assume.Details["durationSeconds"]);
        AssertSignedBy(log, "arn:aws:sts::444455556666:assumed-role/Deploy/sdk-session", "AssumeRole", assume.Details["issuedAccessKeyId"]);
        Assert.Equal("AccessDenied", log.Last(e => e.Operation == "AssumeRole").ErrorCode);
        Assert.DoesNotContain(log, e => e.RequestBody.Contains("ext-4", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_profile_role_chain_assumes_each_role_with_the_credentials_of_the_one_before()
    {
        await using LocalEventBridgeServer server = await LocalEventBridgeServer.StartAsync();
        using var dir = new TempDirectory();
        dir.Write("config", $@"
[profile src]
aws_access_key_id = {TestCredentials.Default.AccessKeyId}
aws_secret_access_key = {TestCredentials.Default.SecretAccessKey}

[profile deploy]
role_arn = {DeployRole}
source_profile = src
role_session_name = first-hop

[profile chained]
role_arn = arn:aws:iam::111122223333:role/Second
source_profile = deploy
role_session_name = second-hop
");
        using (new AwsEnvironmentScope(Hermetic(dir, ("AWS_ENDPOINT_URL_STS", server.ServiceUrl))))
        {
            AWSCredentials credentials = ProfileCredentials(dir, "chained");
            EventBusDescription bus = await DescribeAsync(server, credentials);
            Assert.Equal("arn:aws:events:us-east-1:111122223333:event-bus/default", bus.Arn);
        }

        RequestLogEntry[] log = server.Requests.Snapshot().ToArray();
        RequestLogEntry[] assumes = log.Where(e => e.Operation == "AssumeRole").ToArray();
        Assert.Equal(2, assumes.Length);
        Assert.Equal(TestCredential.StaticSource, assumes[0].CredentialSource);
        Assert.Equal("arn:aws:sts::444455556666:assumed-role/Deploy/first-hop", assumes[1].Identity);
        Assert.Equal("AssumeRole", assumes[1].CredentialSource);
        AssertSignedBy(log, "arn:aws:sts::111122223333:assumed-role/Second/second-hop", "AssumeRole", assumes[1].Details!["issuedAccessKeyId"]);
    }

    [Fact]
    public async Task AssumeRoleWithWebIdentityCredentials_send_the_token_file_unsigned()
    {
        await using LocalEventBridgeServer server = await LocalEventBridgeServer.StartAsync();
        const string Token = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ0ZXN0In0.local-web-token";
        server.Credentials.Settings.SetWebIdentityTokens(new[] { Token });
        using var dir = new TempDirectory();
        string tokenFile = dir.Write("token", Token);
        using (new AwsEnvironmentScope(Hermetic(dir, ("AWS_ENDPOINT_URL_STS", server.ServiceUrl))))
        {
            var credentials = new AssumeRoleWithWebIdentityCredentials(tokenFile, "arn:aws:iam::444455556666:role/WebRole", "web-session");
            Assert.Equal("arn:aws:events:us-east-1:444455556666:event-bus/default", (await DescribeAsync(server, credentials)).Arn);

            var wrongToken = new AssumeRoleWithWebIdentityCredentials(dir.Write("other", "not-the-token"), "arn:aws:iam::444455556666:role/WebRole", "web-session");
            Assert.Contains("InvalidIdentityToken", Messages(Assert.ThrowsAny<Exception>(() => wrongToken.GetCredentials())) + TypeNames(server));
        }

        RequestLogEntry[] log = server.Requests.Snapshot().ToArray();
        RequestLogEntry web = log.First(e => e.Operation == "AssumeRoleWithWebIdentity");
        Assert.Null(web.AccessKeyId);
        Assert.Equal(Fingerprints.Of(Token), web.Details!["tokenFingerprint"]);
        AssertSignedBy(log, "arn:aws:sts::444455556666:assumed-role/WebRole/web-session", "AssumeRoleWithWebIdentity", web.Details["issuedAccessKeyId"]);
        Assert.DoesNotContain(log, e => JsonSerializer.Serialize(e).Contains("local-web-token", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_sso_session_profile_refreshes_its_expired_token_through_CreateToken_then_gets_role_credentials()
    {
        await using LocalEventBridgeServer server = await LocalEventBridgeServer.StartAsync();
        server.Credentials.Settings.SetSso(Array.Empty<string>(), new[] { new SsoClient("client-1", "client-secret-1", "refresh-1", "fresh-access-token") });
        using var dir = new TempDirectory();
        dir.Write("config", @"
[profile sso]
sso_session = local-sso
sso_account_id = 444455556666
sso_role_name = Deployers
region = us-east-1

[sso-session local-sso]
sso_region = us-east-1
sso_start_url = https://local.awsapps.com/start
sso_registration_scopes = sso:account:access
");
        string cacheFile = WriteSsoCache(dir, "local-sso", new
        {
            accessToken = "expired-access-token",
            expiresAt = "2020-01-01T00:00:00Z",
            region = "us-east-1",
            startUrl = "https://local.awsapps.com/start",
            clientId = "client-1",
            clientSecret = "client-secret-1",
            registrationExpiresAt = "2099-01-01T00:00:00Z",
            refreshToken = "refresh-1",
        });
        using (new AwsEnvironmentScope(Hermetic(dir, ("AWS_ENDPOINT_URL_SSO", server.ServiceUrl), ("AWS_ENDPOINT_URL_SSO_OIDC", server.ServiceUrl))))
        {
            AWSCredentials credentials = ProfileCredentials(dir, "sso");
            Assert.Equal("arn:aws:events:us-east-1:444455556666:event-bus/default", (await DescribeAsync(server, credentials)).Arn);
        }

        RequestLogEntry[] log = server.Requests.Snapshot().ToArray();
        Assert.Equal(new[] { "CreateToken", "GetRoleCredentials", "DescribeEventBus" }, log.Select(e => e.Operation));
        Assert.Equal(Fingerprints.Of("fresh-access-token"), log[1].Details!["tokenFingerprint"]);
        AssertSignedBy(log, "arn:aws:sts::444455556666:assumed-role/AWSReservedSSO_Deployers/local-sso-user", "SSO", log[1].Details!["issuedAccessKeyId"]);
        Assert.Equal("fresh-access-token", JsonDocument.Parse(File.ReadAllText(cacheFile)).RootElement.GetProperty("accessToken").GetString());
        Assert.DoesNotContain(log, e => JsonSerializer.Serialize(e).Contains("access-token", StringComparison.Ordinal)
            || JsonSerializer.Serialize(e).Contains("client-secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GenericContainerCredentials_send_the_authorization_token_file()
    {
        await using LocalEventBridgeServer server = await LocalEventBridgeServer.StartAsync();
        server.Credentials.Settings.SetContainer(new ContainerSettings("container-auth-1", "444455556666", "TaskRole"));
        using var dir = new TempDirectory();
        string tokenFile = dir.Write("container-token", "container-auth-1");
        using (new AwsEnvironmentScope(Hermetic(dir,
            ("AWS_CONTAINER_CREDENTIALS_FULL_URI", server.ServiceUrl + "/_local/container-credentials/task"),
            ("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", tokenFile))))
        {
            Assert.Equal("arn:aws:events:us-east-1:444455556666:event-bus/default", (await DescribeAsync(server, new GenericContainerCredentials())).Arn);
        }

        RequestLogEntry[] log = server.Requests.Snapshot().ToArray();
        RequestLogEntry container = log.First(e => e.Operation == "ContainerCredentials");
        Assert.Equal(Fingerprints.Of("container-auth-1"), container.Details!["authorizationFingerprint"]);
        AssertSignedBy(log, "arn:aws:sts::444455556666:assumed-role/TaskRole/local-task", "ContainerCredentials", container.Details["issuedAccessKeyId"]);
    }

    [Fact]
    public async Task InstanceProfileAWSCredentials_use_IMDSv2_at_AWS_EC2_METADATA_SERVICE_ENDPOINT()
    {
        await using LocalEventBridgeServer server = await LocalEventBridgeServer.StartAsync();
        server.Credentials.Settings.SetImds(new ImdsSettings("InstanceRole", "eu-west-2", "444455556666"));
        using var dir = new TempDirectory();
        using (new AwsEnvironmentScope(Hermetic(dir, ("AWS_EC2_METADATA_SERVICE_ENDPOINT", server.ServiceUrl + "/_local/imds"))))
        {
            // The SDK keeps the metadata endpoint it first saw in a static; point it at this server.
            typeof(InstanceProfileAWSCredentials).GetMethod("ResetServiceEndpoint", BindingFlags.NonPublic | BindingFlags.Static)?.Invoke(null, null);
            try
            {
                Assert.Equal("eu-west-2", EC2InstanceMetadata.Region?.SystemName);
                Assert.Equal("arn:aws:events:us-east-1:444455556666:event-bus/default", (await DescribeAsync(server, new InstanceProfileAWSCredentials())).Arn);
            }
            finally
            {
                Environment.SetEnvironmentVariable("AWS_EC2_METADATA_SERVICE_ENDPOINT", null);
                Amazon.Runtime.Internal.FallbackInternalConfigurationFactory.Reset();
                typeof(InstanceProfileAWSCredentials).GetMethod("ResetServiceEndpoint", BindingFlags.NonPublic | BindingFlags.Static)?.Invoke(null, null);
            }
        }

        RequestLogEntry[] log = server.Requests.Snapshot().ToArray();
        Assert.Contains(log, e => e.Operation == "ImdsToken" && e.Details!["ttlSeconds"] == "21600");
        Assert.Contains(log, e => e.Operation == "ImdsRegion" && e.HttpStatus == 200);
        Assert.All(log.Where(e => e.Operation!.StartsWith("Imds", StringComparison.Ordinal) && e.Operation != "ImdsToken"),
            e => Assert.Equal("true", e.Details!["tokenPresent"]));
        RequestLogEntry credentials = log.Last(e => e.Operation == "ImdsCredentials" && e.Details!.ContainsKey("issuedAccessKeyId"));
        AssertSignedBy(log, "arn:aws:sts::444455556666:assumed-role/InstanceRole/i-0123456789abcdef0", "InstanceMetadata", credentials.Details!["issuedAccessKeyId"]);
    }

    /// <summary>DescribeEventBus through the module's client (AWSSDK.Core's pipeline: signer, retries, error unmarshalling) with these credentials.</summary>
    internal static async Task<EventBusDescription> DescribeAsync(LocalEventBridgeServer server, AWSCredentials credentials)
    {
        var config = new EventBridgeConfig { IgnoreConfiguredEndpointUrls = true, ServiceURL = server.ServiceUrl, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 };
        using var client = new EventBridgeServiceClient(credentials, config);
        var api = new EventBridgeApi(client, "us-east-1", server.ServiceUrl, "test", "test", new SecretScrubber(() => Array.Empty<string>()));
        return await api.DescribeEventBusAsync(null, CancellationToken.None);
    }

    /// <summary>The DescribeEventBus was signed with the issued key and logged with its identity and source.</summary>
    internal static void AssertSignedBy(IEnumerable<RequestLogEntry> log, string identity, string source, string issuedAccessKeyId)
    {
        RequestLogEntry describe = log.Last(e => e.Operation == "DescribeEventBus");
        Assert.Equal(200, describe.HttpStatus);
        Assert.Equal(issuedAccessKeyId, describe.AccessKeyId);
        Assert.StartsWith("ASIA", describe.AccessKeyId, StringComparison.Ordinal);
        Assert.Equal(identity, describe.Identity);
        Assert.Equal(source, describe.CredentialSource);
        Assert.Equal(identity.Split(':')[4], describe.AccountId);
    }

    /// <summary>
    /// A region, a home and a credentials file of the test's own, and nothing that could reach a real AWS endpoint.
    /// No AWS_CONFIG_FILE: the SDK fixes its default file paths once per process (a static constructor), so a test
    /// names its credentials file and the SDK reads the "config" beside it (<see cref="ProfileCredentials"/>).
    /// </summary>
    private static Dictionary<string, string> Hermetic(TempDirectory dir, params (string Name, string Value)[] variables)
    {
        var environment = new Dictionary<string, string>
        {
            ["HOME"] = dir.Path,
            ["AWS_REGION"] = "us-east-1",
            ["AWS_SHARED_CREDENTIALS_FILE"] = dir.Write("credentials", string.Empty),
            ["AWS_EC2_METADATA_DISABLED"] = "true",
            ["AWS_MAX_ATTEMPTS"] = "1",
        };
        foreach ((string name, string value) in variables)
        {
            environment[name] = value;
        }

        if (variables.Any(v => v.Name == "AWS_EC2_METADATA_SERVICE_ENDPOINT"))
        {
            environment.Remove("AWS_EC2_METADATA_DISABLED");
        }

        return environment;
    }

    /// <summary>Writes the token cache `aws sso login` leaves: ~/.aws/sso/cache/&lt;sha1 of the session name&gt;.json.</summary>
    private static string WriteSsoCache(TempDirectory dir, string sessionName, object token)
    {
        string folder = Path.Combine(dir.Path, ".aws", "sso", "cache");
        Directory.CreateDirectory(folder);
        string file = Path.Combine(folder, Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(sessionName))) + ".json");
        File.WriteAllText(file, JsonSerializer.Serialize(token));
        return file;
    }

    /// <summary>The credentials the SDK builds for a profile of the test's shared files (its credentials file, and the config beside it).</summary>
    private static AWSCredentials ProfileCredentials(TempDirectory dir, string name)
    {
        var chain = new CredentialProfileStoreChain(Path.Combine(dir.Path, "credentials"));
        Assert.True(chain.TryGetProfile(name, out CredentialProfile profile), $"profile {name} not found");
        return profile.GetAWSCredentials(chain);
    }

    private static string Messages(Exception e)
    {
        var text = new StringBuilder();
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            text.Append(inner.GetType().Name).Append(": ").Append(inner.Message).Append(" | ");
            if (inner is AmazonServiceException service)
            {
                text.Append(service.ErrorCode).Append(" | ");
            }
        }

        return text.ToString();
    }

    private static string TypeNames(LocalEventBridgeServer server) =>
        string.Join(",", server.Requests.Snapshot().Select(e => e.ErrorCode));
}
