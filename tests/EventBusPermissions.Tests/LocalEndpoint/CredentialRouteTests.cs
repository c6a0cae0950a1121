using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using LocalEventBridge;
using LocalEventBridge.CredentialServices;
using Xunit;

namespace EventBusPermissions.Tests.LocalEndpoint;

/// <summary>The SSO portal and OIDC, container credential and instance metadata routes on the wire, and what reset clears.</summary>
public sealed class CredentialRouteTests : IAsyncLifetime
{
    private LocalEventBridgeServer _server = null!;
    private AdminClient _admin = null!;
    private HttpClient _http = null!;
    private RawEventBridgeClient _events = null!;

    public async Task InitializeAsync()
    {
        _server = await LocalEventBridgeServer.StartAsync();
        _admin = new AdminClient(_server);
        _http = new HttpClient();
        _events = new RawEventBridgeClient(_server);
    }

    public async Task DisposeAsync()
    {
        _events.Dispose();
        _http.Dispose();
        _admin.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task GetRoleCredentials_needs_a_configured_bearer_token_and_answers_epoch_milliseconds()
    {
        (int status, JsonElement error, HttpResponseMessage first) = await SendAsync(HttpMethod.Get, "/federation/credentials?role_name=Admins&account_id=444455556666",
            ("x-amz-sso_bearer_token", "portal-token"));
        Assert.Equal(401, status);
        Assert.Equal("UnauthorizedException", first.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.Equal("Session token not found or invalid", error.GetProperty("message").GetString());

        Assert.Equal(200, (await _admin.SendAsync(HttpMethod.Put, "sso", "{\"accessTokens\":[\"portal-token\"]}")).Status);
        (status, JsonElement answer, _) = await SendAsync(HttpMethod.Get, "/federation/credentials?role_name=Admins&account_id=444455556666",
            ("x-amz-sso_bearer_token", "portal-token"));
        Assert.Equal(200, status);
        JsonElement credentials = answer.GetProperty("roleCredentials");
        Assert.StartsWith("ASIA", credentials.GetProperty("accessKeyId").GetString(), StringComparison.Ordinal);
        long expiration = credentials.GetProperty("expiration").GetInt64();
        Assert.InRange(DateTimeOffset.FromUnixTimeMilliseconds(expiration) - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(60));

        var issued = new TestCredential(credentials.GetProperty("accessKeyId").GetString()!, credentials.GetProperty("secretAccessKey").GetString()!,
            "444455556666", credentials.GetProperty("sessionToken").GetString());
        RawResponse bus = await _events.CallAsync("DescribeEventBus", "{}", r => r.Credential = issued);
        Assert.Equal(200, bus.Status);
        Assert.Equal("arn:aws:sts::444455556666:assumed-role/AWSReservedSSO_Admins/local-sso-user", _server.Requests.Snapshot().Last().Identity);
        Assert.Equal("SSO", _server.Requests.Snapshot().Last().CredentialSource);

        (status, _, _) = await SendAsync(HttpMethod.Get, "/federation/credentials?role_name=Admins&account_id=4444", ("x-amz-sso_bearer_token", "portal-token"));
        Assert.Equal(400, status);
        Assert.Equal(new[] { 401, 200, 200, 400 }, _server.Requests.Snapshot().Select(e => e.HttpStatus));
        Assert.Equal(Fingerprints.Of("portal-token"), _server.Requests.Snapshot()[0].Details!["tokenFingerprint"]);
        Assert.DoesNotContain("portal-token", (await _admin.SendAsync(HttpMethod.Get, "requests")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateToken_refreshes_a_registered_client_and_refuses_the_rest_in_OAuth_terms()
    {
        Assert.Equal(200, (await _admin.SendAsync(HttpMethod.Put, "sso",
            "{\"clients\":[{\"clientId\":\"c1\",\"clientSecret\":\"s1\",\"refreshToken\":\"r1\",\"accessToken\":\"a1\"}]}")).Status);
        (int status, JsonElement answer, _) = await PostTokenAsync("{\"clientId\":\"c1\",\"clientSecret\":\"s1\",\"grantType\":\"refresh_token\",\"refreshToken\":\"r1\"}");
        Assert.Equal(200, status);
        Assert.Equal(("a1", "Bearer", 3600), (answer.GetProperty("accessToken").GetString(), answer.GetProperty("tokenType").GetString(), answer.GetProperty("expiresIn").GetInt32()));

        (status, JsonElement error, HttpResponseMessage response) = await PostTokenAsync("{\"clientId\":\"c1\",\"clientSecret\":\"wrong\",\"grantType\":\"refresh_token\",\"refreshToken\":\"r1\"}");
        Assert.Equal((401, "invalid_client", "InvalidClientException"), (status, error.GetProperty("error").GetString(), response.Headers.GetValues("x-amzn-ErrorType").Single()));
        (status, error, _) = await PostTokenAsync("{\"clientId\":\"c1\",\"clientSecret\":\"s1\",\"grantType\":\"refresh_token\",\"refreshToken\":\"r0\"}");
        Assert.Equal((400, "invalid_grant"), (status, error.GetProperty("error").GetString()));
        (status, error, _) = await PostTokenAsync("{\"clientId\":\"c1\",\"clientSecret\":\"s1\",\"grantType\":\"authorization_code\",\"code\":\"x\"}");
        Assert.Equal((400, "unsupported_grant_type"), (status, error.GetProperty("error").GetString()));

        // The access token CreateToken answers is one the portal accepts.
        (status, _, _) = await SendAsync(HttpMethod.Get, "/federation/credentials?role_name=R&account_id=123456789012", ("x-amz-sso_bearer_token", "a1"));
        Assert.Equal(200, status);
        Assert.Equal(new[] { "CreateToken", "CreateToken", "CreateToken", "CreateToken", "GetRoleCredentials" }, _server.Requests.Snapshot().Select(e => e.Operation));
        string logged = (await _admin.SendAsync(HttpMethod.Get, "requests")).Body;
        Assert.DoesNotContain("\"s1\"", logged, StringComparison.Ordinal);
        Assert.DoesNotContain("\"r1\"", logged, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Container_credentials_check_the_Authorization_header_once_one_is_set()
    {
        (int status, JsonElement open, _) = await SendAsync(HttpMethod.Get, "/_local/container-credentials");
        Assert.Equal(200, status);
        Assert.Equal("arn:aws:iam::123456789012:role/local-container-role", open.GetProperty("RoleArn").GetString());

        Assert.Equal(200, (await _admin.SendAsync(HttpMethod.Put, "container", "{\"authorizationToken\":\"Bearer abc\",\"accountId\":\"444455556666\",\"roleName\":\"Task\"}")).Status);
        Assert.Equal(401, (await SendAsync(HttpMethod.Get, "/_local/container-credentials/v2")).Status);
        Assert.Equal(401, (await SendAsync(HttpMethod.Get, "/_local/container-credentials/v2", ("Authorization", "Bearer abd"))).Status);
        (status, JsonElement answer, _) = await SendAsync(HttpMethod.Get, "/_local/container-credentials/v2", ("Authorization", "Bearer abc"));
        Assert.Equal(200, status);
        Assert.Equal(new[] { "AccessKeyId", "SecretAccessKey", "Token", "Expiration", "RoleArn", "AccountId" }, answer.EnumerateObject().Select(p => p.Name));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", answer.GetProperty("Expiration").GetString());
        Assert.Equal("444455556666", _server.Credentials.Issued.Find(answer.GetProperty("AccessKeyId").GetString()!)!.AccountId);
        Assert.Equal(405, (await SendAsync(HttpMethod.Post, "/_local/container-credentials")).Status);
        Assert.All(_server.Requests.Snapshot(), e => Assert.Equal("ContainerCredentials", e.Operation));
        Assert.DoesNotContain("Bearer abc", (await _admin.SendAsync(HttpMethod.Get, "requests")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IMDSv2_hands_out_a_token_then_the_role_credentials_and_region_only_with_it()
    {
        Assert.Equal(200, (await _admin.SendAsync(HttpMethod.Put, "imds", "{\"roleName\":\"WebServer\",\"region\":\"ap-southeast-2\"}")).Status);
        Assert.Equal(400, (await SendAsync(HttpMethod.Put, "/_local/imds/latest/api/token")).Status);
        Assert.Equal(400, (await SendAsync(HttpMethod.Put, "/_local/imds/latest/api/token", ("X-aws-ec2-metadata-token-ttl-seconds", "21601"))).Status);
        Assert.Equal(405, (await SendAsync(HttpMethod.Get, "/_local/imds/latest/api/token", ("X-aws-ec2-metadata-token-ttl-seconds", "60"))).Status);
        using var tokenRequest = new HttpRequestMessage(HttpMethod.Put, _server.ServiceUrl + "/_local/imds/latest/api/token");
        tokenRequest.Headers.Add("X-aws-ec2-metadata-token-ttl-seconds", "60");
        using HttpResponseMessage tokenResponse = await _http.SendAsync(tokenRequest);
        string token = await tokenResponse.Content.ReadAsStringAsync();
        Assert.Equal(200, (int)tokenResponse.StatusCode);
        Assert.Equal("60", tokenResponse.Headers.GetValues("X-aws-ec2-metadata-token-ttl-seconds").Single());

        // IMDSv1 (no token) and a token that was never issued are refused.
        Assert.Equal(401, (await GetTextAsync("/latest/meta-data/iam/security-credentials/", null)).Status);
        Assert.Equal(401, (await GetTextAsync("/latest/meta-data/iam/security-credentials/", "forged")).Status);

        Assert.Equal((200, "WebServer"), await GetTextAsync("/latest/meta-data/iam/security-credentials/", token));
        Assert.Equal((200, "ap-southeast-2"), await GetTextAsync("/latest/meta-data/placement/region", token));
        Assert.Equal((200, "ap-southeast-2a"), await GetTextAsync("/latest/meta-data/placement/availability-zone/", token));
        Assert.Equal(404, (await GetTextAsync("/latest/meta-data/iam/security-credentials/OtherRole", token)).Status);
        Assert.Equal(404, (await GetTextAsync("/latest/meta-data/iam/security-credentials-extended/WebServer", token)).Status);

        (int status, string text) = await GetTextAsync("/latest/meta-data/iam/security-credentials/WebServer", token);
        Assert.Equal(200, status);
        JsonElement document = JsonDocument.Parse(text).RootElement;
        Assert.Equal(new[] { "Code", "LastUpdated", "Type", "AccessKeyId", "SecretAccessKey", "Token", "Expiration" }, document.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("Success", "AWS-HMAC"), (document.GetProperty("Code").GetString(), document.GetProperty("Type").GetString()));
        TestCredential issued = _server.Credentials.Issued.Find(document.GetProperty("AccessKeyId").GetString()!)!;
        Assert.Equal("arn:aws:sts::123456789012:assumed-role/WebServer/i-0123456789abcdef0", issued.Arn);
        Assert.Equal("ap-southeast-2", JsonDocument.Parse((await GetTextAsync("/latest/dynamic/instance-identity/document", token)).Text).RootElement.GetProperty("region").GetString());

        string[] operations = _server.Requests.Snapshot().Select(e => e.Operation!).ToArray();
        Assert.Equal(new[] { "ImdsToken", "ImdsToken", "ImdsToken", "ImdsToken", "ImdsCredentials", "ImdsCredentials", "ImdsCredentials", "ImdsRegion", "ImdsRegion",
            "ImdsCredentials", "ImdsCredentials", "ImdsCredentials", "ImdsRegion" }, operations);
        Assert.DoesNotContain(token, (await _admin.SendAsync(HttpMethod.Get, "requests")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reset_forgets_the_settings_issued_credentials_and_IMDS_tokens()
    {
        await _admin.SendAsync(HttpMethod.Put, "web-identity", "{\"tokens\":[\"t-1234\"]}");
        await _admin.SendAsync(HttpMethod.Put, "roles", "{\"roles\":[{\"roleArn\":\"arn:aws:iam::444455556666:role/R\",\"externalId\":\"e1\"}]}");
        await _admin.SendAsync(HttpMethod.Put, "imds", "{\"roleName\":\"Other\",\"region\":\"eu-west-1\"}");
        TestCredential issued = _server.Credentials.Issued.Issue("arn:aws:iam::444455556666:role/R", "s", "AssumeRole", TimeSpan.FromHours(1));
        string token = _server.Credentials.ImdsTokens.Issue(60);
        Assert.Equal(200, (await _events.CallAsync("DescribeEventBus", "{}", r => r.Credential = issued)).Status);

        await _admin.ResetAsync();
        Assert.Empty(_server.Credentials.Settings.WebIdentityTokens);
        Assert.Empty(_server.Credentials.Settings.Roles);
        Assert.Equal(new ImdsSettings(), _server.Credentials.Settings.Imds);
        Assert.Equal(0, _server.Credentials.Issued.Count);
        Assert.False(_server.Credentials.ImdsTokens.IsValid(token));
        Assert.Equal("UnrecognizedClientException", (await _events.CallAsync("DescribeEventBus", "{}", r => r.Credential = issued)).ErrorType);
        Assert.Equal("{\"credentials\":[]}", (await _admin.SendAsync(HttpMethod.Get, "credentials")).Body);
    }

    private async Task<(int Status, string Text)> GetTextAsync(string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _server.ServiceUrl + "/_local/imds" + path);
        if (token is not null)
        {
            request.Headers.Add("X-aws-ec2-metadata-token", token);
        }

        using HttpResponseMessage response = await _http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private Task<(int Status, JsonElement Json, HttpResponseMessage Response)> PostTokenAsync(string json) =>
        SendAsync(HttpMethod.Post, "/token", body: json);

    private async Task<(int Status, JsonElement Json, HttpResponseMessage Response)> SendAsync(
        HttpMethod method, string path, (string Name, string Value)? header = null, string? body = null)
    {
        var request = new HttpRequestMessage(method, _server.ServiceUrl + path);
        if (header is { } h)
        {
            request.Headers.TryAddWithoutValidation(h.Name, h.Value);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }

        HttpResponseMessage response = await _http.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        JsonElement json = text.StartsWith('{') ? JsonDocument.Parse(text).RootElement : default;
        return ((int)response.StatusCode, json, response);
    }
}
