using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using EventBusPermissions.Tests.Client;
using LocalEventBridge;
using LocalEventBridge.CredentialServices;
using Xunit;
using Xunit.Abstractions;

namespace EventBusPermissions.Tests.LocalEndpoint;

/// <summary>
/// The AWS CLI (botocore, an independent implementation of every credential source) gets its credentials from the
/// local endpoint's credential services and signs EventBridge calls with them: proof that the wire shapes are right.
/// Each run has a home of its own (the CLI caches assumed-role credentials there) and no AWS_* from the machine.
/// </summary>
public sealed class AwsCliCredentialTests
{
    private readonly ITestOutputHelper _output;

    public AwsCliCredentialTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public async Task An_assume_role_profile_and_a_chain_reach_STS_through_AWS_ENDPOINT_URL_STS()
    {
        if (Skipped())
        {
            return;
        }

        await using LocalEventBridgeServer server = await LocalEventBridgeServer.StartAsync();
        server.Credentials.Settings.SetRoles(new[] { new RoleTrustRule("arn:aws:iam::444455556666:role/Deploy", "ext-cli", new[] { TestCredentials.DefaultAccountId }) });
        using var dir = new TempDirectory();
        Dictionary<string, string> env = Environment(dir, $@"
[profile src]
aws_access_key_id = {TestCredentials.Default.AccessKeyId}
aws_secret_access_key = {TestCredentials.Default.SecretAccessKey}

[profile deploy]
role_arn = arn:aws:iam::444455556666:role/Deploy
source_profile = src
external_id = ext-cli
role_session_name = cli-deploy
duration_seconds = 1800

[profile chained]
role_arn = arn:aws:iam::111122223333:role/Second
source_profile = deploy
role_session_name = cli-second
");
        env["AWS_ENDPOINT_URL_STS"] = server.ServiceUrl;

        JsonElement identity = await AwsJsonAsync(env, "sts", "get-caller-identity", "--profile", "deploy");
        Assert.Equal("arn:aws:sts::444455556666:assumed-role/Deploy/cli-deploy", identity.GetProperty("Arn").GetString());
        Assert.Equal("444455556666", identity.GetProperty("Account").GetString());
        JsonElement bus = await AwsJsonAsync(env, "events", "describe-event-bus", "--profile", "chained", "--endpoint-url", server.ServiceUrl);
        Assert.Equal("arn:aws:events:us-east-1:111122223333:event-bus/default", bus.GetProperty("Arn").GetString());

        RequestLogEntry first = server.Requests.Snapshot().First(e => e.Operation == "AssumeRole");
        Assert.Equal(("cli-deploy", "true", "1800"), (first.Details!["roleSessionName"], first.Details["externalIdPresent"], first.Details["durationSeconds"]));
        RequestLogEntry describe = server.Requests.Snapshot().Last();
        Assert.Equal(("DescribeEventBus", "arn:aws:sts::111122223333:assumed-role/Second/cli-second", "AssumeRole"),
            (describe.Operation, describe.Identity, describe.CredentialSource));

        // Without the external id the role's trust rule asks for, STS's AccessDenied reaches the CLI as STS words it.
        File.AppendAllText(env["AWS_CONFIG_FILE"], "\n[profile denied]\nrole_arn = arn:aws:iam::444455556666:role/Deploy\nsource_profile = src\n");
        ToolResult denied = await AwsAsync(env, "sts", "get-caller-identity", "--profile", "denied");
        Assert.NotEqual(0, denied.ExitCode);
        Assert.Contains("An error occurred (AccessDenied) when calling the AssumeRole operation: User: arn:aws:iam::123456789012:user/test " +
            "is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::444455556666:role/Deploy", denied.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_profile_services_section_sends_STS_SSO_and_SSO_OIDC_to_the_endpoint_and_refreshes_an_expired_sso_token()
    {
        if (Skipped())
        {
            return;
        }

        await using LocalEventBridgeServer server = await LocalEventBridgeServer.StartAsync();
        server.Credentials.Settings.SetSso(Array.Empty<string>(), new[] { new SsoClient("cli-client", "cli-client-secret", "cli-refresh", "cli-fresh-token") });
        using var dir = new TempDirectory();
        Dictionary<string, string> env = Environment(dir, $@"
[profile src]
aws_access_key_id = {TestCredentials.Default.AccessKeyId}
aws_secret_access_key = {TestCredentials.Default.SecretAccessKey}

[profile deploy]
role_arn = arn:aws:iam::444455556666:role/Deploy
source_profile = src
services = local

[profile sso]
sso_session = local-sso
sso_account_id = 444455556666
sso_role_name = Deployers
services = local

[sso-session local-sso]
sso_region = us-east-1
sso_start_url = https://local.awsapps.com/start

[services local]
sts =
  endpoint_url = {server.ServiceUrl}
sso =
  endpoint_url = {server.ServiceUrl}
sso_oidc =
  endpoint_url = {server.ServiceUrl}
");
        string cache = Path.Combine(dir.Path, ".aws", "sso", "cache");
        Directory.CreateDirectory(cache);
        string cacheFile = Path.Combine(cache, Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes("local-sso"))) + ".json");
        File.WriteAllText(cacheFile, JsonSerializer.Serialize(new
        {
            accessToken = "cli-expired-token",
            expiresAt = "2020-01-01T00:00:00Z",
            region = "us-east-1",
            startUrl = "https://local.awsapps.com/start",
            clientId = "cli-client",
            clientSecret = "cli-client-secret",
            registrationExpiresAt = "2099-01-01T00:00:00Z",
            refreshToken = "cli-refresh",
        }));

        JsonElement identity = await AwsJsonAsync(env, "sts", "get-caller-identity", "--profile", "deploy");
        Assert.StartsWith("arn:aws:sts::444455556666:assumed-role/Deploy/", identity.GetProperty("Arn").GetString(), StringComparison.Ordinal);

        JsonElement bus = await AwsJsonAsync(env, "events", "describe-event-bus", "--profile", "sso", "--endpoint-url", server.ServiceUrl);
        Assert.Equal("arn:aws:events:us-east-1:444455556666:event-bus/default", bus.GetProperty("Arn").GetString());
        Assert.Equal(new[] { "AssumeRole", "GetCallerIdentity", "CreateToken", "GetRoleCredentials", "DescribeEventBus" }, server.Requests.Snapshot().Select(e => e.Operation));
        Assert.Equal("arn:aws:sts::444455556666:assumed-role/AWSReservedSSO_Deployers/local-sso-user", server.Requests.Snapshot().Last().Identity);
        Assert.Equal("cli-fresh-token", JsonDocument.Parse(File.ReadAllText(cacheFile)).RootElement.GetProperty("accessToken").GetString());
    }

    [Fact]
    public async Task Web_identity_container_and_instance_metadata_credentials_sign_EventBridge_calls()
    {
        if (Skipped())
        {
            return;
        }

        await using LocalEventBridgeServer server = await LocalEventBridgeServer.StartAsync();
        server.Credentials.Settings.SetWebIdentityTokens(new[] { "cli-web-identity-token" });
        server.Credentials.Settings.SetContainer(new ContainerSettings("cli-container-token", "444455556666", "CliTask"));
        server.Credentials.Settings.SetImds(new ImdsSettings("CliInstance", "eu-west-1", "111122223333"));
        using var dir = new TempDirectory();

        Dictionary<string, string> web = Environment(dir, string.Empty);
        web["AWS_ENDPOINT_URL_STS"] = server.ServiceUrl;
        web["AWS_WEB_IDENTITY_TOKEN_FILE"] = dir.Write("web-token", "cli-web-identity-token");
        web["AWS_ROLE_ARN"] = "arn:aws:iam::444455556666:role/CliWeb";
        web["AWS_ROLE_SESSION_NAME"] = "cli-web";
        await AssertDescribedAsAsync(server, web, "arn:aws:sts::444455556666:assumed-role/CliWeb/cli-web", "AssumeRoleWithWebIdentity");

        Dictionary<string, string> container = Environment(dir, string.Empty);
        container["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = server.ServiceUrl + "/_local/container-credentials";
        container["AWS_CONTAINER_AUTHORIZATION_TOKEN"] = "cli-container-token";
        await AssertDescribedAsAsync(server, container, "arn:aws:sts::444455556666:assumed-role/CliTask/local-task", "ContainerCredentials");

        Dictionary<string, string> imds = Environment(dir, string.Empty);
        imds.Remove("AWS_EC2_METADATA_DISABLED");
        imds["AWS_EC2_METADATA_SERVICE_ENDPOINT"] = server.ServiceUrl + "/_local/imds/";
        await AssertDescribedAsAsync(server, imds, "arn:aws:sts::111122223333:assumed-role/CliInstance/i-0123456789abcdef0", "InstanceMetadata");

        string logged = JsonSerializer.Serialize(server.Requests.Snapshot());
        Assert.DoesNotContain("cli-web-identity-token", logged, StringComparison.Ordinal);
        Assert.DoesNotContain("cli-container-token", logged, StringComparison.Ordinal);
    }

    private async Task AssertDescribedAsAsync(LocalEventBridgeServer server, Dictionary<string, string> env, string identity, string source)
    {
        string account = identity.Split(':')[4];
        JsonElement bus = await AwsJsonAsync(env, "events", "describe-event-bus", "--endpoint-url", server.ServiceUrl);
        Assert.Equal($"arn:aws:events:us-east-1:{account}:event-bus/default", bus.GetProperty("Arn").GetString());
        RequestLogEntry describe = server.Requests.Snapshot().Last();
        Assert.Equal((identity, source), (describe.Identity, describe.CredentialSource));
    }

    /// <summary>Only what the test sets: its own home, config file, region; no credentials; IMDS off unless a test turns it on.</summary>
    private static Dictionary<string, string> Environment(TempDirectory dir, string config) => new()
    {
        ["HOME"] = dir.Path,
        ["AWS_CONFIG_FILE"] = dir.Write("config", config),
        ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(dir.Path, "no-credentials"),
        ["AWS_DEFAULT_REGION"] = "us-east-1",
        ["AWS_EC2_METADATA_DISABLED"] = "true",
        ["AWS_MAX_ATTEMPTS"] = "1",
    };

    private async Task<JsonElement> AwsJsonAsync(Dictionary<string, string> env, params string[] arguments)
    {
        ToolResult result = await AwsAsync(env, arguments);
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonDocument.Parse(result.StandardOutput).RootElement;
    }

    private async Task<ToolResult> AwsAsync(Dictionary<string, string> env, params string[] arguments)
    {
        ToolResult result = await ExternalTool.RunAsync("aws", arguments.Concat(new[] { "--output", "json" }), env);
        _output.WriteLine($"aws {string.Join(' ', arguments)} -> {result}");
        return result;
    }

    private bool Skipped()
    {
        if (ExternalTool.FindOnPath("aws") is not null)
        {
            return false;
        }

        _output.WriteLine("SKIPPED: the AWS CLI ('aws') is not on PATH, so this test did not run.");
        return true;
    }
}
