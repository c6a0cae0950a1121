using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading.Tasks;
using LocalEventBridge.FaultInjection;
using Microsoft.AspNetCore.Http;

namespace LocalEventBridge;

/// <summary>
/// The test-facing routes under <c>/_local/</c>: no signature needed, JSON in and out.
/// A route is one <see cref="Add"/> line, so new controls slot in here.
/// </summary>
internal sealed class AdminRoutes
{
    public const string Prefix = "/_local/";

    // camelCase, and request bodies kept readable rather than \u0022-escaped.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly Dictionary<(string Method, string Path), Func<HttpContext, Task>> _routes = new();
    private readonly LocalEventBridgeServer _server;

    public AdminRoutes(LocalEventBridgeServer server)
    {
        _server = server;
        Add("GET", "/_local/health", http => Reply(http, new { status = "ok" }));
        Add("GET", "/_local/requests", ListRequests);
        Add("DELETE", "/_local/requests", ClearRequests);
        Add("POST", "/_local/reset", Reset);
        Add("GET", "/_local/settings", http => Reply(http, new { policySizeLimit = _server.Settings.PolicySizeLimit }));
        Add("PUT", "/_local/settings", UpdateSettings);
        Add("GET", "/_local/faults", http => Reply(http, FaultRulesJson.Write(_server.Faults.Snapshot())));
        Add("PUT", "/_local/faults", http => ChangeFaults(http, _server.Faults.Replace));
        Add("POST", "/_local/faults", http => ChangeFaults(http, _server.Faults.Add));
        Add("DELETE", "/_local/faults", http => Reply(http, new { cleared = _server.Faults.Clear() }));
        Add("PUT", "/_local/policy", SetPolicy);
    }

    public void Add(string method, string path, Func<HttpContext, Task> handler) => _routes[(method, path)] = handler;

    public Task HandleAsync(HttpContext http)
    {
        string path = http.Request.Path.Value ?? string.Empty;
        if (_routes.TryGetValue((http.Request.Method, path), out Func<HttpContext, Task>? handler))
        {
            return handler(http);
        }

        bool pathKnown = _routes.Keys.Any(route => route.Path == path);
        return pathKnown
            ? Reply(http, new { error = $"Method {http.Request.Method} is not allowed on {path}." }, StatusCodes.Status405MethodNotAllowed)
            : Reply(http, new { error = $"No admin route {path}." }, StatusCodes.Status404NotFound);
    }

    /// <summary>GET /_local/requests[?since=N]: the log as a JSON array, oldest first, optionally only entries after sequence N.</summary>
    private Task ListRequests(HttpContext http)
    {
        IEnumerable<RequestLogEntry> entries = _server.Requests.Snapshot();
        string? since = http.Request.Query["since"];
        if (since is not null)
        {
            if (!long.TryParse(since, NumberStyles.None, CultureInfo.InvariantCulture, out long after))
            {
                return Reply(http, new { error = "since must be a sequence number." }, StatusCodes.Status400BadRequest);
            }

            entries = entries.Where(entry => entry.Sequence > after);
        }

        return Reply(http, entries.ToList());
    }

    /// <summary>PUT /_local/settings {"policySizeLimit": N}: lets tests meet the policy quota with a few statements.</summary>
    private async Task UpdateSettings(HttpContext http)
    {
        int? limit = null;
        try
        {
            using JsonDocument body = await JsonDocument.ParseAsync(http.Request.Body);
            if (body.RootElement.TryGetProperty("policySizeLimit", out JsonElement value) && value.TryGetInt32(out int parsed) && parsed > 0)
            {
                limit = parsed;
            }
        }
        catch (JsonException)
        {
        }

        if (limit is null)
        {
            await Reply(http, new { error = "Send {\"policySizeLimit\": <positive integer>}." }, StatusCodes.Status400BadRequest);
            return;
        }

        _server.Settings.PolicySizeLimit = limit.Value;
        await Reply(http, new { policySizeLimit = limit.Value });
    }

    /// <summary>PUT (replace) or POST (append) /_local/faults {"rules":[...]}: answers the rules now in force, or 400 and changes nothing.</summary>
    private async Task ChangeFaults(HttpContext http, Action<IReadOnlyList<FaultRule>> change)
    {
        try
        {
            change(await FaultRulesJson.ReadAsync(http.Request.Body, http.RequestAborted));
        }
        catch (Exception refused) when (refused is JsonException or ArgumentException)
        {
            await Reply(http, new { error = refused.Message }, StatusCodes.Status400BadRequest);
            return;
        }

        await Reply(http, FaultRulesJson.Write(_server.Faults.Snapshot()));
    }

    /// <summary>
    /// PUT /_local/policy {"accountId":"123456789012","region":"us-east-1","eventBusName":"default","policy":"..."}:
    /// stores the policy text on the bus verbatim, unchecked, so tests can give a bus a policy PutPermission
    /// would never write (not JSON, a numeric Sid); "policy": null removes it. 404 for a missing bus other than default.
    /// </summary>
    private async Task SetPolicy(HttpContext http)
    {
        PolicyTarget? target = null;
        string? problem;
        try
        {
            using JsonDocument body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
            problem = PolicyTarget.Read(body.RootElement, out target);
        }
        catch (JsonException)
        {
            problem = "the body is not JSON";
        }

        if (problem is not null)
        {
            await Reply(http, new { error = $"{problem}. Send {PolicyTarget.Shape}." }, StatusCodes.Status400BadRequest);
            return;
        }

        if (!_server.Buses.SetPolicyText(target!.AccountId, target.Region, target.EventBusName, target.Policy, _server.Clock.GetUtcNow()))
        {
            await Reply(http, new { error = $"Event bus {target.EventBusName} does not exist in account {target.AccountId}, region {target.Region}." },
                StatusCodes.Status404NotFound);
            return;
        }

        await Reply(http, new { status = "set" });
    }

    private Task ClearRequests(HttpContext http)
    {
        int cleared = _server.Requests.Count;
        _server.Requests.Clear();
        return Reply(http, new { cleared });
    }

    private Task Reset(HttpContext http)
    {
        _server.Reset();
        return Reply(http, new { status = "reset" });
    }

    private static Task Reply<T>(HttpContext http, T value, int status = StatusCodes.Status200OK) =>
        HttpResponses.SendAsync(http, status, JsonSerializer.SerializeToUtf8Bytes(value, Json), HttpResponses.JsonContentType);
}
