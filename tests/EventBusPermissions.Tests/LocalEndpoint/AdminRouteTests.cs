using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using LocalEventBridge;
using Xunit;

namespace EventBusPermissions.Tests.LocalEndpoint;

/// <summary>The /_local/ routes and the request log behind them.</summary>
public sealed class AdminRouteTests : IAsyncLifetime
{
    private readonly HttpClient _http = new();
    private LocalEventBridgeServer _server = null!;
    private RawEventBridgeClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await LocalEventBridgeServer.StartAsync();
        _client = new RawEventBridgeClient(_server);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Health_answers_ok_without_a_signature()
    {
        using HttpResponseMessage response = await _http.GetAsync(_server.ServiceUrl + "/_local/health");
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("{\"status\":\"ok\"}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_request_log_records_each_request_and_never_a_secret()
    {
        await _client.CallAsync("PutPermission", "{\"Action\":\"events:PutEvents\",\"Principal\":\"111122223333\",\"StatementId\":\"Logged\"}");
        await _client.CallAsync("DescribeEventBus", "{}", r => r.Credential = TestCredentials.Temporary);
        await _client.CallAsync("DescribeEventBus", "{\"Name\":\"ghost\"}", r => r.SecretOverride = "wrong-secret");
        await _client.CallAsync("DescribeEventBus", "{}", r => r.Sign = false);

        string json = await _http.GetStringAsync(_server.ServiceUrl + "/_local/requests");
        foreach (TestCredential credential in TestCredentials.All)
        {
            Assert.DoesNotContain(credential.SecretAccessKey, json);
        }

        Assert.DoesNotContain(TestCredentials.Temporary.SessionToken!, json);
        Assert.DoesNotContain("Signature=", json);

        JsonElement[] entries = JsonDocument.Parse(json).RootElement.EnumerateArray().ToArray();
        Assert.Equal(4, entries.Length);
        Assert.Equal(new long[] { 1, 2, 3, 4 }, entries.Select(e => e.GetProperty("sequence").GetInt64()));

        JsonElement put = entries[0];
        Assert.Equal("PutPermission", put.GetProperty("operation").GetString());
        Assert.Equal("AKIAIOSFODNN7EXAMPLE", put.GetProperty("accessKeyId").GetString());
        Assert.Equal("123456789012", put.GetProperty("accountId").GetString());
        Assert.Equal("us-east-1", put.GetProperty("region").GetString());
        Assert.Equal("default", put.GetProperty("eventBusName").GetString());
        Assert.Equal(200, put.GetProperty("httpStatus").GetInt32());
        Assert.Equal(JsonValueKind.Null, put.GetProperty("errorCode").ValueKind);
        Assert.Contains("\"StatementId\":\"Logged\"", put.GetProperty("requestBody").GetString());
        Assert.True(put.TryGetProperty("timeUtc", out _));
        Assert.True(put.TryGetProperty("requestId", out _));

        Assert.Equal("ASIAEXAMPLETEMPORARY", entries[1].GetProperty("accessKeyId").GetString());
        Assert.Equal("InvalidSignatureException", entries[2].GetProperty("errorCode").GetString());
        Assert.Equal("AKIAIOSFODNN7EXAMPLE", entries[2].GetProperty("accessKeyId").GetString());
        Assert.Equal(400, entries[3].GetProperty("httpStatus").GetInt32());
        Assert.Equal("MissingAuthenticationTokenException", entries[3].GetProperty("errorCode").GetString());

        string since = await _http.GetStringAsync(_server.ServiceUrl + "/_local/requests?since=3");
        Assert.Single(JsonDocument.Parse(since).RootElement.EnumerateArray());
    }

    [Fact]
    public async Task Delete_clears_the_log_and_reset_clears_buses_too()
    {
        await _client.CallAsync("CreateEventBus", "{\"Name\":\"temp\"}");
        await _client.CallAsync("PutPermission", "{\"Action\":\"events:PutEvents\",\"Principal\":\"111122223333\",\"StatementId\":\"S\"}");

        using (HttpResponseMessage cleared = await _http.DeleteAsync(_server.ServiceUrl + "/_local/requests"))
        {
            Assert.Equal("{\"cleared\":2}", await cleared.Content.ReadAsStringAsync());
        }

        Assert.Equal(0, _server.Requests.Count);
        using (HttpResponseMessage reset = await _http.PostAsync(_server.ServiceUrl + "/_local/reset", null))
        {
            Assert.Equal(200, (int)reset.StatusCode);
        }

        Assert.Equal("ResourceNotFoundException", (await _client.CallAsync("DescribeEventBus", "{\"Name\":\"temp\"}")).ErrorType);
        Assert.False((await _client.CallAsync("DescribeEventBus", "{}")).Json.TryGetProperty("Policy", out _));
    }

    [Fact]
    public async Task Unknown_admin_routes_are_404_and_wrong_methods_405()
    {
        using HttpResponseMessage missing = await _http.GetAsync(_server.ServiceUrl + "/_local/nothing");
        Assert.Equal(404, (int)missing.StatusCode);
        using HttpResponseMessage wrongMethod = await _http.PostAsync(_server.ServiceUrl + "/_local/health", null);
        Assert.Equal(405, (int)wrongMethod.StatusCode);
    }
}
