using System;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using LocalEventBridge;
using Xunit;

namespace EventBusPermissions.Tests.LocalEndpoint;

/// <summary>The /_local/ routes over HTTP, as a Pester test in another process would use them.</summary>
internal sealed class AdminClient : IDisposable
{
    private readonly HttpClient _http = new();
    private readonly string _base;

    public AdminClient(LocalEventBridgeServer server)
    {
        _base = server.ServiceUrl + "/_local/";
    }

    public async Task<(int Status, string Body)> SendAsync(HttpMethod method, string route, string? json = null)
    {
        using var request = new HttpRequestMessage(method, _base + route);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using HttpResponseMessage response = await _http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>PUT /_local/faults, which must be accepted; answers the rules now in force.</summary>
    public async Task<string> SetFaultsAsync(string json)
    {
        (int status, string body) = await SendAsync(HttpMethod.Put, "faults", json);
        Assert.True(status == 200, $"PUT /_local/faults answered {status}: {body}");
        return body;
    }

    public async Task<string> GetFaultsAsync() => (await SendAsync(HttpMethod.Get, "faults")).Body;

    public async Task ResetAsync() => Assert.Equal(200, (await SendAsync(HttpMethod.Post, "reset")).Status);

    /// <summary>The request log, oldest first.</summary>
    public async Task<JsonElement[]> RequestsAsync() =>
        JsonDocument.Parse((await SendAsync(HttpMethod.Get, "requests")).Body).RootElement.EnumerateArray().ToArray();

    public void Dispose() => _http.Dispose();
}
