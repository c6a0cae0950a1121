using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using LocalEventBridge;
using LocalEventBridge.FaultInjection;
using Xunit;

namespace EventBusPermissions.Tests.LocalEndpoint;

/// <summary>Which requests a rule picks: seeded percentages, filters, rule order, and the in-process API.</summary>
public sealed class FaultRuleTests : IAsyncLifetime
{
    private const string MixOnWrites =
        "{\"rules\":[{\"fault\":\"mix\",\"percent\":30,\"seed\":SEED,\"operations\":[\"PutPermission\",\"RemovePermission\"]," +
        "\"kinds\":[\"throttle\",\"internal\",\"unavailable\",\"drop\",\"concurrentModification\"]}]}";

    private LocalEventBridgeServer _server = null!;
    private RawEventBridgeClient _client = null!;
    private AdminClient _admin = null!;

    public async Task InitializeAsync()
    {
        _server = await LocalEventBridgeServer.StartAsync();
        _client = new RawEventBridgeClient(_server);
        _admin = new AdminClient(_server);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        _admin.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Percent_with_a_seed_gives_the_same_sequence_every_run_and_another_seed_another()
    {
        List<string> first = await RunMixAsync(42);
        List<string> second = await RunMixAsync(42);
        List<string> otherSeed = await RunMixAsync(43);

        Assert.Equal(first, second);
        Assert.NotEqual(first, otherSeed);

        // Roughly 30% of 60 writes, and a mixture of kinds, not one kind repeated.
        int faulted = first.Count(outcome => outcome != "200");
        Assert.InRange(faulted, 6, 30);
        Assert.True(first.Where(outcome => outcome != "200").Distinct().Count() >= 3, string.Join(", ", first));

        // Reads are never faulted by a rule on writes; the rule counted every write it was consulted on.
        Assert.Equal(200, (await _client.CallAsync("DescribeEventBus", "{}")).Status);
        JsonElement rule = JsonDocument.Parse(await _admin.GetFaultsAsync()).RootElement.GetProperty("rules")[0];
        Assert.Equal(60, rule.GetProperty("matched").GetInt64());
        Assert.Equal(otherSeed.Count(outcome => outcome != "200"), rule.GetProperty("injected").GetInt64());
    }

    [Fact]
    public async Task The_log_counts_every_attempt_with_its_fault()
    {
        List<string> outcomes = await RunMixAsync(42);

        JsonElement[] log = await _admin.RequestsAsync();
        Assert.Equal(outcomes.Count, log.Length);
        foreach ((string outcome, JsonElement entry) in outcomes.Zip(log))
        {
            string? fault = entry.GetProperty("fault").GetString();
            int status = entry.GetProperty("httpStatus").GetInt32();
            Assert.Equal(outcome == "200", fault is null);
            Assert.Equal(outcome == CallOutcome.Dropped, fault == "drop" && status == 0);
            Assert.Equal(outcome.Split(' ')[0], outcome == CallOutcome.Dropped ? CallOutcome.Dropped : status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task Operation_filters_pick_only_the_named_operations()
    {
        await _admin.SetFaultsAsync("{\"rules\":[{\"fault\":\"throttle\",\"operations\":[\"PutPermission\",\"RemovePermission\"]}]}");

        Assert.Equal(200, (await _client.CallAsync("DescribeEventBus", "{}")).Status);
        Assert.Equal(200, (await _client.CallAsync("CreateEventBus", "{\"Name\":\"reads-ok\"}")).Status);
        Assert.Equal(200, (await _client.CallAsync("ListEventBuses", "{}")).Status);
        Assert.Equal("ThrottlingException", (await Put("default", "S")).ErrorType);
        Assert.Equal("ThrottlingException", (await _client.CallAsync("RemovePermission", "{\"StatementId\":\"S\"}")).ErrorType);
    }

    [Fact]
    public async Task A_bus_filter_picks_requests_about_that_bus_by_name_or_ARN()
    {
        Assert.Equal(200, (await _client.CallAsync("CreateEventBus", "{\"Name\":\"faulty\"}")).Status);
        await _admin.SetFaultsAsync("{\"rules\":[{\"fault\":\"internal\",\"eventBusName\":\"faulty\"}]}");

        Assert.Equal(200, (await Put("default", "S")).Status);
        Assert.Equal(200, (await _client.CallAsync("DescribeEventBus", "{}")).Status);
        Assert.Equal(200, (await _client.CallAsync("ListEventBuses", "{}")).Status);
        Assert.Equal("InternalException", (await Put("faulty", "S")).ErrorType);
        Assert.Equal("InternalException", (await _client.CallAsync("DescribeEventBus", "{\"Name\":\"faulty\"}")).ErrorType);
        Assert.Equal("InternalException", (await _client.CallAsync(
            "DescribeEventBus", "{\"Name\":\"arn:aws:events:us-east-1:123456789012:event-bus/faulty\"}")).ErrorType);

        JsonElement[] faulted = (await _admin.RequestsAsync()).Where(e => e.GetProperty("fault").GetString() is not null).ToArray();
        Assert.All(faulted, e => Assert.Equal("faulty", e.GetProperty("eventBusName").GetString()));
    }

    [Fact]
    public async Task Region_and_account_filters_keep_faults_of_tests_sharing_an_endpoint_apart()
    {
        await _admin.SetFaultsAsync(
            "{\"rules\":[{\"fault\":\"throttle\",\"region\":\"eu-west-1\"},{\"fault\":\"internal\",\"accountId\":\"444455556666\"}]}");

        Assert.Equal(200, (await _client.CallAsync("DescribeEventBus", "{}")).Status);
        Assert.Equal("ThrottlingException", (await _client.CallAsync("DescribeEventBus", "{}", r => r.Region = "eu-west-1")).ErrorType);
        Assert.Equal("InternalException", (await _client.CallAsync(
            "DescribeEventBus", "{}", r => r.Credential = TestCredentials.SecondAccount)).ErrorType);
    }

    [Fact]
    public async Task Rules_are_consulted_in_order_and_a_request_gets_at_most_one_error()
    {
        await _admin.SetFaultsAsync(
            "{\"rules\":[{\"fault\":\"throttle\",\"count\":1},{\"fault\":\"internal\",\"count\":1},{\"fault\":\"latency\",\"ms\":1,\"count\":3}]}");

        string[] outcomes =
        [
            await CallOutcome.OfAsync(_client.CallAsync("DescribeEventBus", "{}")),
            await CallOutcome.OfAsync(_client.CallAsync("DescribeEventBus", "{}")),
            await CallOutcome.OfAsync(_client.CallAsync("DescribeEventBus", "{}")),
        ];
        Assert.Equal(new[] { "400 ThrottlingException", "500 InternalException", "200" }, outcomes);

        // The second rule was not consulted while the first fired; the delay-only rule was, every time.
        JsonElement[] rules = JsonDocument.Parse(await _admin.GetFaultsAsync()).RootElement.GetProperty("rules").EnumerateArray().ToArray();
        Assert.Equal(new long[] { 1, 1, 3 }, rules.Select(r => r.GetProperty("matched").GetInt64()));
        Assert.Equal(new[] { 0, 0, 0 }, rules.Select(r => r.GetProperty("remaining").GetInt32()));
    }

    [Fact]
    public async Task Requests_that_fail_the_signature_check_or_name_no_operation_are_never_picked()
    {
        await _admin.SetFaultsAsync("{\"rules\":[{\"fault\":\"throttle\",\"count\":1}]}");

        Assert.Equal("InvalidSignatureException", (await _client.CallAsync("DescribeEventBus", "{}", r => r.SecretOverride = "wrong")).ErrorType);
        Assert.Equal("MissingAuthenticationTokenException", (await _client.CallAsync("DescribeEventBus", "{}", r => r.Sign = false)).ErrorType);
        Assert.Equal("UnknownOperationException", (await _client.CallAsync("PutEvents", "{}")).ErrorType);
        Assert.Equal("ThrottlingException", (await _client.CallAsync("DescribeEventBus", "{}")).ErrorType);
    }

    [Fact]
    public async Task The_in_process_API_sets_counts_and_clears_the_same_rules()
    {
        _server.Faults.Replace(new FaultRule { Fault = FaultKind.ConcurrentModification, Operations = ["RemovePermission"], Count = 1 });
        Assert.Equal(200, (await Put("default", "S")).Status);

        RawResponse conflict = await _client.CallAsync("RemovePermission", "{\"StatementId\":\"S\"}");
        Assert.Equal(400, conflict.Status);
        Assert.Equal("ConcurrentModificationException", conflict.ErrorType);
        Assert.Equal(200, (await _client.CallAsync("RemovePermission", "{\"StatementId\":\"S\"}")).Status);

        // Spent after one fault, the rule was not even consulted on the second RemovePermission.
        FaultRuleState state = Assert.Single(_server.Faults.Snapshot());
        Assert.Equal((1L, 1L, (int?)0), (state.Matched, state.Injected, state.Remaining));
        Assert.Contains("\"fault\":\"concurrentModification\"", await _admin.GetFaultsAsync());

        // An invalid rule is refused whole and leaves the rules in force alone.
        ArgumentException refused = Assert.Throws<ArgumentException>(() => _server.Faults.Replace(
            new FaultRule { Fault = FaultKind.Throttle },
            new FaultRule { Fault = FaultKind.LostUpdate, Operations = ["DescribeEventBus"] }));
        Assert.StartsWith("rules[1]: lostUpdate applies to PutPermission and RemovePermission only", refused.Message);
        Assert.Single(_server.Faults.Snapshot());

        _server.Faults.Add(new FaultRule { Fault = FaultKind.Drop, Percent = 0 });
        Assert.Equal(2, _server.Faults.Clear());
        Assert.Empty(_server.Faults.Snapshot());
    }

    /// <summary>
    /// Resets the endpoint, puts the mix rule with this seed in force, and makes 60 writes one after
    /// another, each of which succeeds unless faulted (RemoveAllPermissions succeeds on any bus).
    /// </summary>
    private async Task<List<string>> RunMixAsync(int seed)
    {
        await _admin.ResetAsync();
        await _admin.SetFaultsAsync(MixOnWrites.Replace("SEED", seed.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        var outcomes = new List<string>();
        for (int i = 0; i < 30; i++)
        {
            outcomes.Add(await CallOutcome.OfAsync(Put("default", $"S{i}")));
            outcomes.Add(await CallOutcome.OfAsync(_client.CallAsync("RemovePermission", "{\"RemoveAllPermissions\":true}")));
        }

        return outcomes;
    }

    private Task<RawResponse> Put(string bus, string statementId) =>
        _client.CallAsync("PutPermission", $"{{\"EventBusName\":\"{bus}\",\"Action\":\"events:PutEvents\",\"Principal\":\"111122223333\",\"StatementId\":\"{statementId}\"}}");
}
