using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using LocalEventBridge;
using LocalEventBridge.FaultInjection;
using Xunit;

namespace EventBusPermissions.Tests.LocalEndpoint;

/// <summary>/_local/faults over HTTP: the JSON shapes, refusals, clearing, and reset.</summary>
public sealed class FaultAdminRouteTests : IAsyncLifetime
{
    private const string ThrottlePuts = "{\"rules\":[{\"fault\":\"throttle\",\"operations\":[\"PutPermission\"],\"count\":3}]}";

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
    public async Task Put_answers_the_rules_in_force_and_get_shows_their_counters()
    {
        Assert.Equal(
            "{\"rules\":[{\"fault\":\"throttle\",\"operations\":[\"PutPermission\"],\"count\":3,\"matched\":0,\"injected\":0,\"remaining\":3}]}",
            await _admin.SetFaultsAsync(ThrottlePuts));

        await Put("S");
        Assert.Equal(
            "{\"rules\":[{\"fault\":\"throttle\",\"operations\":[\"PutPermission\"],\"count\":3,\"matched\":1,\"injected\":1,\"remaining\":2}]}",
            await _admin.GetFaultsAsync());
    }

    [Fact]
    public async Task Put_replaces_post_appends_and_delete_clears()
    {
        await _admin.SetFaultsAsync(ThrottlePuts);
        await _admin.SetFaultsAsync("{\"rules\":[{\"fault\":\"latency\",\"ms\":200,\"operations\":[\"DescribeEventBus\"]}]}");
        (int status, string body) = await _admin.SendAsync(HttpMethod.Post, "faults",
            "{\"rules\":[{\"fault\":\"lostUpdate\",\"percent\":50,\"seed\":7,\"operations\":[\"PutPermission\"]}]}");
        Assert.Equal(200, status);
        Assert.Equal(new[] { "latency", "lostUpdate" }, Faults(body));

        Assert.Equal((200, "{\"cleared\":2}"), await _admin.SendAsync(HttpMethod.Delete, "faults"));
        Assert.Equal("{\"rules\":[]}", await _admin.GetFaultsAsync());
        Assert.Equal(200, (await Put("S")).Status);
    }

    [Fact]
    public async Task The_applied_kinds_round_trip_by_their_names_alone_and_in_a_mix()
    {
        const string Rules =
            "{\"rules\":[{\"fault\":\"appliedDrop\",\"operations\":[\"RemovePermission\"],\"count\":1}," +
            "{\"fault\":\"mix\",\"kinds\":[\"throttle\",\"drop\",\"appliedDrop\",\"appliedInternal\"],\"percent\":20,\"seed\":3}]}";

        Assert.Equal(
            "{\"rules\":[{\"fault\":\"appliedDrop\",\"operations\":[\"RemovePermission\"],\"count\":1,\"matched\":0,\"injected\":0,\"remaining\":1}," +
            "{\"fault\":\"mix\",\"kinds\":[\"throttle\",\"drop\",\"appliedDrop\",\"appliedInternal\"],\"percent\":20,\"seed\":3,\"matched\":0,\"injected\":0}]}",
            await _admin.SetFaultsAsync(Rules));
        Assert.Equal(new[] { FaultKind.AppliedDrop, FaultKind.Mix }, _server.Faults.Snapshot().Select(state => state.Rule.Fault));
    }

    [Theory]
    [InlineData("{\"rules\":[{\"fault\":\"slow\"}]}", "Path: $.rules[0].fault")]
    [InlineData("{\"rules\":[{\"fault\":\"throttle\",\"operation\":[\"PutPermission\"]}]}", "'operation'")]
    [InlineData("{\"rules\":[{\"count\":1}]}", "'fault'")]
    [InlineData("{\"rules\":[{\"fault\":\"throttle\",\"operations\":[\"PutEvents\"]}]}", "rules[0]: no operation PutEvents.")]
    [InlineData("{\"rules\":[{\"fault\":\"lostUpdate\",\"operations\":[\"DescribeEventBus\"]}]}", "rules[0]: lostUpdate applies to PutPermission and RemovePermission only.")]
    [InlineData("{\"rules\":[{\"fault\":\"mix\",\"percent\":10}]}", "rules[0]: mix needs kinds")]
    [InlineData("{\"rules\":[{\"fault\":\"latency\"}]}", "rules[0]: latency needs ms.")]
    [InlineData("{\"rules\":[{\"fault\":\"drop\",\"percent\":101,\"count\":0}]}", "rules[0]: count must be at least 1; percent must be 0-100.")]
    [InlineData("{\"rules\":[{\"fault\":\"throttle\"},{\"fault\":\"throttle\",\"emptyBody\":true}]}", "rules[1]: emptyBody belongs to unavailable only.")]
    [InlineData("{\"rules\":[{\"fault\":\"foreignWrite\"}]}", "rules[0]: foreignWrite needs statement (a policy statement with a Sid) or removeSid.")]
    [InlineData("{\"rules\":[{\"fault\":\"foreignWrite\",\"statement\":{\"Sid\":\"A\"},\"removeSid\":\"A\"}]}", "rules[0]: foreignWrite takes statement or removeSid, not both.")]
    [InlineData("{\"rules\":[{\"fault\":\"foreignWrite\",\"statement\":{\"Effect\":\"Allow\"}}]}", "rules[0]: statement needs a Sid that is a non-empty string.")]
    [InlineData("{\"rules\":[{\"fault\":\"foreignWrite\",\"statement\":{\"Sid\":7}}]}", "rules[0]: statement needs a Sid that is a non-empty string.")]
    [InlineData("{\"rules\":[{\"fault\":\"foreignWrite\",\"statement\":\"A\"}]}", "$.rules[0].statement")]
    [InlineData("{\"rules\":[{\"fault\":\"foreignWrite\",\"removeSid\":\"\"}]}", "rules[0]: removeSid must not be empty.")]
    [InlineData("{\"rules\":[{\"fault\":\"foreignWrite\",\"removeSid\":\"A\",\"operations\":[\"DescribeEventBus\"]}]}", "rules[0]: foreignWrite applies to PutPermission and RemovePermission only.")]
    [InlineData("{\"rules\":[{\"fault\":\"throttle\",\"removeSid\":\"A\"}]}", "rules[0]: statement and removeSid belong to foreignWrite only.")]
    [InlineData("{\"rules\":[{\"fault\":\"lostUpdate\",\"statement\":{\"Sid\":\"A\"}}]}", "rules[0]: statement and removeSid belong to foreignWrite only.")]
    [InlineData("{\"rules\":[{\"fault\":\"mix\",\"kinds\":[\"throttle\",\"foreignWrite\"]}]}", "rules[0]: mix cannot draw foreignWrite: give it a rule of its own.")]
    [InlineData("{\"rules\":[{\"fault\":\"appliedDrop\",\"operations\":[\"DescribeEventBus\"]}]}", "rules[0]: appliedDrop applies to PutPermission and RemovePermission only.")]
    [InlineData("{\"rules\":[{\"fault\":\"appliedInternal\",\"operations\":[\"RemovePermission\",\"ListEventBuses\"]}]}", "rules[0]: appliedInternal applies to PutPermission and RemovePermission only.")]
    [InlineData("{\"rules\":[{\"fault\":\"appliedDrop\",\"operations\":[\"CreateEventBus\"]}]}", "rules[0]: appliedDrop applies to PutPermission and RemovePermission only.")]
    [InlineData("{\"rules\":[{\"fault\":\"appliedInternal\",\"operations\":[\"DeleteEventBus\"]}]}", "rules[0]: appliedInternal applies to PutPermission and RemovePermission only.")]
    [InlineData("{\"rules\":[{\"fault\":\"mix\",\"kinds\":[\"throttle\",\"appliedDrop\"],\"operations\":[\"DescribeEventBus\"]}]}", "rules[0]: appliedDrop applies to PutPermission and RemovePermission only.")]
    [InlineData("{\"rules\":[{\"fault\":\"appliedInternal\",\"emptyBody\":true}]}", "rules[0]: emptyBody belongs to unavailable only.")]
    [InlineData("{\"rules\":[{\"fault\":\"appliedDrop\",\"removeSid\":\"A\"}]}", "rules[0]: statement and removeSid belong to foreignWrite only.")]
    [InlineData("{\"faults\":[]}", "'faults'")]
    [InlineData("{}", "Send {\"rules\"")]
    [InlineData("not json", "invalid")]
    public async Task A_bad_body_is_a_400_that_says_why_and_changes_nothing(string body, string reason)
    {
        await _admin.SetFaultsAsync(ThrottlePuts);
        string before = await _admin.GetFaultsAsync();

        (int status, string answer) = await _admin.SendAsync(HttpMethod.Put, "faults", body);
        Assert.Equal(400, status);
        Assert.Contains(reason, JsonDocument.Parse(answer).RootElement.GetProperty("error").GetString());
        Assert.Equal(before, await _admin.GetFaultsAsync());
    }

    [Fact]
    public async Task Reset_clears_faults_and_restores_the_policy_size_limit()
    {
        await _admin.SetFaultsAsync(ThrottlePuts);
        Assert.Equal(200, (await _admin.SendAsync(HttpMethod.Put, "settings", "{\"policySizeLimit\":300}")).Status);

        await _admin.ResetAsync();

        Assert.Equal("{\"rules\":[]}", await _admin.GetFaultsAsync());
        Assert.Equal((200, "{\"policySizeLimit\":10240}"), await _admin.SendAsync(HttpMethod.Get, "settings"));
        Assert.Equal(200, (await Put("S")).Status);
    }

    [Fact]
    public async Task Reset_restores_the_limit_the_server_was_started_with()
    {
        await using LocalEventBridgeServer small = await LocalEventBridgeServer.StartAsync(new LocalEventBridgeOptions { PolicySizeLimit = 600 });
        small.Settings.PolicySizeLimit = 5000;
        small.Faults.Replace(new FaultRule { Fault = FaultKind.Drop });

        small.Reset();

        Assert.Equal(600, small.Settings.PolicySizeLimit);
        Assert.Empty(small.Faults.Snapshot());
    }

    [Fact]
    public async Task Faults_has_no_other_methods()
    {
        Assert.Equal(405, (await _admin.SendAsync(HttpMethod.Patch, "faults", "{}")).Status);
    }

    private static string?[] Faults(string rulesJson) =>
        JsonDocument.Parse(rulesJson).RootElement.GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("fault").GetString()).ToArray();

    private Task<RawResponse> Put(string statementId) =>
        _client.CallAsync("PutPermission", $"{{\"Action\":\"events:PutEvents\",\"Principal\":\"111122223333\",\"StatementId\":\"{statementId}\"}}");
}
