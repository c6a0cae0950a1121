using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using LocalEventBridge;
using LocalEventBridge.FaultInjection;
using Xunit;

namespace EventBusPermissions.Tests.LocalEndpoint;

/// <summary>Each injected fault gives exactly its documented answer, for exactly the requested count, then stops.</summary>
public sealed class FaultKindTests : IAsyncLifetime
{
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

    [Theory]
    [InlineData("throttle", 400, "ThrottlingException", "Rate exceeded")]
    [InlineData("internal", 500, "InternalException", "An internal error occurred.")]
    [InlineData("unavailable", 503, "ServiceUnavailableException", "Service Unavailable")]
    [InlineData("concurrentModification", 400, "ConcurrentModificationException", "Another request is modifying the resource. Try again.")]
    public async Task An_error_fault_answers_exactly_count_times_and_the_write_does_not_happen(string fault, int status, string type, string message)
    {
        await _admin.SetFaultsAsync($"{{\"rules\":[{{\"fault\":\"{fault}\",\"operations\":[\"PutPermission\"],\"count\":3}}]}}");

        for (int i = 1; i <= 3; i++)
        {
            RawResponse faulted = await Put($"F{i}");
            Assert.Equal(status, faulted.Status);
            Assert.Equal(type, faulted.ErrorType);
            Assert.Equal(message, faulted.Message);
            Assert.Equal("application/x-amz-json-1.1", faulted.ContentType);
            Assert.NotNull(faulted.RequestId);
        }

        Assert.Equal(200, (await Put("F4")).Status);
        Assert.Equal(new[] { "F4" }, await Sids());

        JsonElement[] log = (await _admin.RequestsAsync()).Where(e => e.GetProperty("operation").GetString() == "PutPermission").ToArray();
        Assert.Equal(new[] { fault, fault, fault, null }, log.Select(e => e.GetProperty("fault").GetString()));
        Assert.Equal(new[] { type, type, type, null }, log.Select(e => e.GetProperty("errorCode").GetString()));
        Assert.Equal(new[] { status, status, status, 200 }, log.Select(e => e.GetProperty("httpStatus").GetInt32()));
    }

    [Fact]
    public async Task Unavailable_with_emptyBody_answers_503_with_no_body_at_all()
    {
        await _admin.SetFaultsAsync("{\"rules\":[{\"fault\":\"unavailable\",\"emptyBody\":true,\"count\":1}]}");

        RawResponse response = await _client.CallAsync("DescribeEventBus", "{}");
        Assert.Equal(503, response.Status);
        Assert.Equal(string.Empty, response.Body);
        Assert.Equal(0, response.ContentLength);
        Assert.Equal(200, (await _client.CallAsync("DescribeEventBus", "{}")).Status);

        JsonElement entry = (await _admin.RequestsAsync())[0];
        Assert.Equal("unavailable", entry.GetProperty("fault").GetString());
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("errorCode").ValueKind);
    }

    [Fact]
    public async Task Drop_closes_the_connection_without_an_answer_and_is_logged_as_status_0()
    {
        await _admin.SetFaultsAsync("{\"rules\":[{\"fault\":\"drop\",\"operations\":[\"PutPermission\"],\"count\":1}]}");

        // Once over a warm (pooled) connection: the client must not quietly retry and hide the drop.
        Assert.Equal(200, (await _client.CallAsync("DescribeEventBus", "{}")).Status);
        await Assert.ThrowsAsync<HttpRequestException>(() => Put("Dropped"));
        Assert.Equal(200, (await Put("After")).Status);
        Assert.Equal(new[] { "After" }, await Sids());

        JsonElement[] puts = (await _admin.RequestsAsync()).Where(e => e.GetProperty("operation").GetString() == "PutPermission").ToArray();
        Assert.Equal(2, puts.Length);
        Assert.Equal("drop", puts[0].GetProperty("fault").GetString());
        Assert.Equal(0, puts[0].GetProperty("httpStatus").GetInt32());
        Assert.Equal(JsonValueKind.Null, puts[0].GetProperty("errorCode").ValueKind);
    }

    [Fact]
    public async Task Drop_sends_not_a_single_byte_on_the_socket()
    {
        await _admin.SetFaultsAsync("{\"rules\":[{\"fault\":\"drop\",\"count\":1}]}");

        Assert.Equal(0, await RawSocketExchange.BytesAnsweredAsync(_server, "DescribeEventBus", "{}"));

        // Spent: the same exchange now gets a whole HTTP answer.
        Assert.True(await RawSocketExchange.BytesAnsweredAsync(_server, "DescribeEventBus", "{}") > 0);
    }

    [Fact]
    public async Task Latency_delays_only_matching_requests_and_then_they_run()
    {
        await _admin.SetFaultsAsync("{\"rules\":[{\"fault\":\"latency\",\"ms\":300,\"operations\":[\"DescribeEventBus\"],\"count\":1}]}");

        Assert.Equal(200, (await Put("Quick")).Status);
        var watch = Stopwatch.StartNew();
        RawResponse slow = await _client.CallAsync("DescribeEventBus", "{}");
        watch.Stop();
        Assert.Equal(200, slow.Status);
        Assert.Contains("Quick", slow.Json.GetProperty("Policy").GetString());
        Assert.True(watch.ElapsedMilliseconds >= 290, $"answered after {watch.ElapsedMilliseconds} ms");
        Assert.Equal(200, (await _client.CallAsync("DescribeEventBus", "{}")).Status);

        JsonElement[] log = await _admin.RequestsAsync();
        Assert.Equal(new[] { 0, 300, 0 }, log.Select(e => e.GetProperty("delayMs").GetInt32()));
        Assert.Equal(new[] { null, "latency", null }, log.Select(e => e.GetProperty("fault").GetString()));
    }

    [Fact]
    public async Task Latency_combines_with_an_error_from_the_same_rule_or_another()
    {
        await _admin.SetFaultsAsync(
            "{\"rules\":[{\"fault\":\"latency\",\"ms\":150,\"count\":1},{\"fault\":\"throttle\",\"ms\":150,\"count\":1}]}");

        var watch = Stopwatch.StartNew();
        RawResponse response = await Put("Slow");
        watch.Stop();
        Assert.Equal("ThrottlingException", response.ErrorType);
        Assert.True(watch.ElapsedMilliseconds >= 290, $"answered after {watch.ElapsedMilliseconds} ms");

        JsonElement entry = (await _admin.RequestsAsync())[0];
        Assert.Equal("throttle", entry.GetProperty("fault").GetString());
        Assert.Equal(300, entry.GetProperty("delayMs").GetInt32());
    }

    [Fact]
    public async Task A_client_that_gives_up_during_a_delay_leaves_nothing_applied_and_an_unanswered_entry()
    {
        await _admin.SetFaultsAsync("{\"rules\":[{\"fault\":\"latency\",\"ms\":30000,\"count\":1}]}");
        using var client = new RawEventBridgeClient(_server, new HttpClient { Timeout = TimeSpan.FromMilliseconds(300) });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            client.CallAsync("PutPermission", "{\"Action\":\"events:PutEvents\",\"Principal\":\"111122223333\",\"StatementId\":\"GaveUp\"}"));

        JsonElement entry = await WaitForLogEntryAsync();
        Assert.Equal(0, entry.GetProperty("httpStatus").GetInt32());
        Assert.Equal("latency", entry.GetProperty("fault").GetString());
        Assert.Empty(await Sids());
    }

    [Fact]
    public async Task Stopping_the_server_does_not_wait_for_an_injected_delay()
    {
        await using LocalEventBridgeServer server = await LocalEventBridgeServer.StartAsync();
        using var client = new RawEventBridgeClient(server);
        server.Faults.Replace(new FaultRule { Fault = FaultKind.Latency, Ms = 600_000 });
        Task<RawResponse> waiting = client.CallAsync("DescribeEventBus", "{}");
        var watch = Stopwatch.StartNew();
        while (server.Faults.Snapshot()[0].Matched == 0 && watch.Elapsed < TimeSpan.FromSeconds(15))
        {
            await Task.Delay(20);
        }

        watch.Restart();
        await server.DisposeAsync();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"stopping took {watch.Elapsed}");
        await Assert.ThrowsAsync<HttpRequestException>(() => waiting);
        Assert.Equal(0, Assert.Single(server.Requests.Snapshot()).HttpStatus);
    }

    [Fact]
    public async Task LostUpdate_answers_200_but_the_statement_is_absent_and_nothing_else_is_lost()
    {
        Assert.Equal(200, (await Put("Kept")).Status);
        JsonElement before = (await _client.CallAsync("DescribeEventBus", "{}")).Json;
        await _admin.SetFaultsAsync("{\"rules\":[{\"fault\":\"lostUpdate\",\"count\":2}]}");

        RawResponse lost = await Put("Lost");
        Assert.Equal(200, lost.Status);
        Assert.Equal(string.Empty, lost.Body);
        RawResponse lostRemove = await _client.CallAsync("RemovePermission", "{\"StatementId\":\"Kept\"}");
        Assert.Equal(200, lostRemove.Status);

        JsonElement after = (await _client.CallAsync("DescribeEventBus", "{}")).Json;
        Assert.Equal(before.GetProperty("Policy").GetString(), after.GetProperty("Policy").GetString());
        Assert.Equal(before.GetProperty("LastModifiedTime").GetDouble(), after.GetProperty("LastModifiedTime").GetDouble());

        Assert.Equal(200, (await Put("Later")).Status);
        Assert.Equal(new[] { "Kept", "Later" }, await Sids());

        JsonElement[] log = await _admin.RequestsAsync();
        JsonElement[] lostEntries = log.Where(e => e.GetProperty("fault").GetString() == "lostUpdate").ToArray();
        Assert.Equal(new[] { "PutPermission", "RemovePermission" }, lostEntries.Select(e => e.GetProperty("operation").GetString()));
        Assert.All(lostEntries, e => Assert.Equal(200, e.GetProperty("httpStatus").GetInt32()));
    }

    [Fact]
    public async Task LostUpdate_still_answers_the_operations_own_errors()
    {
        await _admin.SetFaultsAsync("{\"rules\":[{\"fault\":\"lostUpdate\",\"operations\":[\"RemovePermission\"],\"count\":1}]}");

        RawResponse missing = await _client.CallAsync("RemovePermission", "{\"StatementId\":\"Nobody\"}");
        Assert.Equal("ResourceNotFoundException", missing.ErrorType);

        JsonElement entry = (await _admin.RequestsAsync())[0];
        Assert.Equal("lostUpdate", entry.GetProperty("fault").GetString());
        Assert.Equal("ResourceNotFoundException", entry.GetProperty("errorCode").GetString());
    }

    [Fact]
    public async Task LostUpdates_among_parallel_writers_lose_exactly_the_faulted_writes()
    {
        await _admin.SetFaultsAsync("{\"rules\":[{\"fault\":\"lostUpdate\",\"percent\":50,\"seed\":7}]}");

        RawResponse[] answers = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => Put($"P{i:00}")));
        Assert.All(answers, answer => Assert.Equal(200, answer.Status));

        JsonElement[] log = await _admin.RequestsAsync();
        string[] expected = log
            .Where(e => e.GetProperty("fault").GetString() is null)
            .Select(e => JsonDocument.Parse(e.GetProperty("requestBody").GetString()!).RootElement.GetProperty("StatementId").GetString()!)
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.InRange(expected.Length, 1, 23);
        Assert.Equal(expected, (await Sids()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ForeignWrite_with_a_statement_replaces_ours_of_the_same_Sid_right_after_our_200_and_count_spends()
    {
        const string Theirs =
            "{\"Sid\":\"Shared\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::999988887777:root\"}," +
            "\"Action\":\"events:PutEvents\",\"Resource\":\"arn:aws:events:us-east-1:123456789012:event-bus/default\"}";
        Assert.Equal(200, (await Put("Before")).Status);
        string rules = await _admin.SetFaultsAsync($"{{\"rules\":[{{\"fault\":\"foreignWrite\",\"count\":1,\"statement\":{Theirs}}}]}}");
        Assert.Contains($"\"statement\":{Theirs}", rules);

        Assert.Equal(200, (await _client.CallAsync("DescribeEventBus", "{}")).Status);
        RawResponse ours = await Put("Shared");
        Assert.Equal(200, ours.Status);
        Assert.Equal(string.Empty, ours.Body);

        JsonElement[] statements = await Statements();
        Assert.Equal(new[] { "Before", "Shared" }, statements.Select(s => s.GetProperty("Sid").GetString()));
        Assert.Equal(Theirs, statements[1].GetRawText());

        // Spent: the next write of the same Sid is ours again. Reads were never consulted (writes only by default).
        Assert.Equal(200, (await Put("Shared")).Status);
        Assert.Equal("arn:aws:iam::111122223333:root", (await Statements())[1].GetProperty("Principal").GetProperty("AWS").GetString());
        FaultRuleState state = Assert.Single(_server.Faults.Snapshot());
        Assert.Equal((1L, 1L, (int?)0), (state.Matched, state.Injected, state.Remaining));

        JsonElement[] puts = (await _admin.RequestsAsync()).Where(e => e.GetProperty("operation").GetString() == "PutPermission").ToArray();
        Assert.Equal(new[] { null, "foreignWrite", null }, puts.Select(e => e.GetProperty("fault").GetString()));
        Assert.All(puts, e => Assert.Equal(200, e.GetProperty("httpStatus").GetInt32()));
    }

    [Fact]
    public async Task ForeignWrite_appends_a_statement_of_a_new_Sid_and_makes_a_policy_when_ours_left_none()
    {
        Assert.Equal(200, (await Put("Mine")).Status);
        await _admin.SetFaultsAsync(
            "{\"rules\":[{\"fault\":\"foreignWrite\",\"operations\":[\"RemovePermission\"],\"count\":1," +
            "\"statement\":{\"Sid\":\"Theirs\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"events:PutEvents\",\"Resource\":\"*\"}}]}");

        Assert.Equal(200, (await Put("Other")).Status);
        Assert.Equal(new[] { "Mine", "Other" }, await Sids());
        Assert.Equal(200, (await _client.CallAsync("RemovePermission", "{\"RemoveAllPermissions\":true}")).Status);

        JsonElement policy = JsonDocument.Parse((await _client.CallAsync("DescribeEventBus", "{}")).Json.GetProperty("Policy").GetString()!).RootElement;
        Assert.Equal("2012-10-17", policy.GetProperty("Version").GetString());
        Assert.Equal(new[] { "Theirs" }, await Sids());
    }

    [Fact]
    public async Task ForeignWrite_with_removeSid_revokes_that_statement_right_after_our_write()
    {
        Assert.Equal(200, (await Put("Bystander")).Status);
        await _admin.SetFaultsAsync("{\"rules\":[{\"fault\":\"foreignWrite\",\"count\":2,\"removeSid\":\"Victim\"}]}");

        // Our write of the statement answers 200, and the other writer's revoke removes it at once.
        Assert.Equal(200, (await Put("Victim")).Status);
        Assert.Equal(new[] { "Bystander" }, await Sids());
        JsonElement before = (await _client.CallAsync("DescribeEventBus", "{}")).Json;

        // A revoke of a statement that is not there changes nothing, not even LastModifiedTime.
        Assert.Equal(200, (await Put("Bystander")).Status);
        JsonElement after = (await _client.CallAsync("DescribeEventBus", "{}")).Json;
        Assert.Equal(before.GetProperty("Policy").GetString(), after.GetProperty("Policy").GetString());
        Assert.Equal(before.GetProperty("LastModifiedTime").GetRawText(), after.GetProperty("LastModifiedTime").GetRawText());

        // Spent after two: the statement now stays.
        Assert.Equal(200, (await Put("Victim")).Status);
        Assert.Equal(new[] { "Bystander", "Victim" }, await Sids());
        Assert.Equal(0, Assert.Single(_server.Faults.Snapshot()).Remaining);
    }

    [Fact]
    public async Task ForeignWrite_revoking_the_only_statement_leaves_no_policy()
    {
        await _admin.SetFaultsAsync("{\"rules\":[{\"fault\":\"foreignWrite\",\"count\":1,\"removeSid\":\"Victim\"}]}");

        Assert.Equal(200, (await Put("Victim")).Status);
        Assert.False((await _client.CallAsync("DescribeEventBus", "{}")).Json.TryGetProperty("Policy", out _));
    }

    [Fact]
    public async Task ForeignWrite_changes_nothing_when_our_write_answers_an_error()
    {
        await _admin.SetFaultsAsync(
            "{\"rules\":[{\"fault\":\"foreignWrite\",\"count\":1,\"statement\":{\"Sid\":\"Theirs\",\"Effect\":\"Allow\"}}]}");

        Assert.Equal("ResourceNotFoundException", (await _client.CallAsync("RemovePermission", "{\"StatementId\":\"Nobody\"}")).ErrorType);
        Assert.Empty(await Sids());

        JsonElement entry = (await _admin.RequestsAsync())[0];
        Assert.Equal("foreignWrite", entry.GetProperty("fault").GetString());
        Assert.Equal("ResourceNotFoundException", entry.GetProperty("errorCode").GetString());
    }

    [Fact]
    public async Task ForeignWrite_set_in_process_keeps_its_own_copy_of_the_statement()
    {
        var statement = new System.Text.Json.Nodes.JsonObject { ["Sid"] = "Theirs", ["Effect"] = "Allow" };
        _server.Faults.Replace(new FaultRule { Fault = FaultKind.ForeignWrite, Statement = statement, Count = 1 });
        statement["Effect"] = "Deny";

        Assert.Equal(200, (await Put("Mine")).Status);
        Assert.Equal("Allow", (await Statements())[1].GetProperty("Effect").GetString());
    }

    [Fact]
    public async Task AppliedDrop_keeps_the_write_but_closes_the_connection_without_an_answer_and_count_spends()
    {
        Assert.Equal(200, (await Put("Before")).Status);
        JsonElement before = (await _client.CallAsync("DescribeEventBus", "{}")).Json;
        await _admin.SetFaultsAsync("{\"rules\":[{\"fault\":\"appliedDrop\",\"count\":1}]}");
        await Task.Delay(20);

        // Over a warm (pooled) connection, so a quiet client retry would show; reads are not consulted (writes only by default).
        Assert.Equal(200, (await _client.CallAsync("DescribeEventBus", "{}")).Status);
        await Assert.ThrowsAsync<HttpRequestException>(() => Put("Dropped"));

        // The client got nothing, yet the write is there, with a new LastModifiedTime as for any write.
        JsonElement after = (await _client.CallAsync("DescribeEventBus", "{}")).Json;
        Assert.Equal(new[] { "Before", "Dropped" }, await Sids());
        Assert.True(
            after.GetProperty("LastModifiedTime").GetDouble() > before.GetProperty("LastModifiedTime").GetDouble(),
            $"{before.GetProperty("LastModifiedTime")} -> {after.GetProperty("LastModifiedTime")}");

        // Spent after one.
        Assert.Equal(200, (await Put("After")).Status);
        Assert.Equal(new[] { "Before", "Dropped", "After" }, await Sids());
        FaultRuleState state = Assert.Single(_server.Faults.Snapshot());
        Assert.Equal((1L, 1L, (int?)0), (state.Matched, state.Injected, state.Remaining));

        JsonElement[] log = await _admin.RequestsAsync();
        JsonElement[] puts = log.Where(e => e.GetProperty("operation").GetString() == "PutPermission").ToArray();
        Assert.Equal(new[] { null, "appliedDrop", null }, puts.Select(e => e.GetProperty("fault").GetString()));
        Assert.Equal(new[] { 200, 0, 200 }, puts.Select(e => e.GetProperty("httpStatus").GetInt32()));
        Assert.Equal(new[] { JsonValueKind.Null, JsonValueKind.True, JsonValueKind.Null }, puts.Select(e => e.GetProperty("applied").ValueKind));
        Assert.All(puts, e => Assert.Equal(JsonValueKind.Null, e.GetProperty("errorCode").ValueKind));
        Assert.All(log.Where(e => e.GetProperty("operation").GetString() == "DescribeEventBus"), e =>
        {
            Assert.Equal(JsonValueKind.Null, e.GetProperty("fault").ValueKind);
            Assert.Equal(JsonValueKind.Null, e.GetProperty("applied").ValueKind);
        });
    }

    [Fact]
    public async Task AppliedDrop_sends_not_a_single_byte_on_the_socket_after_applying()
    {
        await _admin.SetFaultsAsync("{\"rules\":[{\"fault\":\"appliedDrop\",\"count\":1}]}");

        Assert.Equal(0, await RawSocketExchange.BytesAnsweredAsync(
            _server, "PutPermission", "{\"Action\":\"events:PutEvents\",\"Principal\":\"111122223333\",\"StatementId\":\"Silent\"}"));
        Assert.Equal(new[] { "Silent" }, await Sids());

        RequestLogEntry entry = _server.Requests.Snapshot()[0];
        Assert.Equal(("appliedDrop", 0, (bool?)true), (entry.Fault, entry.HttpStatus, entry.Applied));
    }

    [Fact]
    public async Task AppliedInternal_answers_500_after_the_write_and_the_retried_RemovePermission_finds_the_statement_gone()
    {
        Assert.Equal(200, (await Put("Keep")).Status);
        Assert.Equal(200, (await Put("Gone")).Status);
        await _admin.SetFaultsAsync("{\"rules\":[{\"fault\":\"appliedInternal\",\"operations\":[\"RemovePermission\"],\"count\":1}]}");

        RawResponse faulted = await _client.CallAsync("RemovePermission", "{\"StatementId\":\"Gone\"}");
        Assert.Equal(500, faulted.Status);
        Assert.Equal("InternalException", faulted.ErrorType);
        Assert.Equal("An internal error occurred.", faulted.Message);
        Assert.Equal("application/x-amz-json-1.1", faulted.ContentType);
        Assert.NotNull(faulted.RequestId);
        Assert.Equal(new[] { "Keep" }, await Sids());

        // What a client (or the SDK's retry) that trusts the 500 meets when it sends the same request again.
        RawResponse retried = await _client.CallAsync("RemovePermission", "{\"StatementId\":\"Gone\"}");
        Assert.Equal(400, retried.Status);
        Assert.Equal("ResourceNotFoundException", retried.ErrorType);
        Assert.Equal(new[] { "Keep" }, await Sids());

        JsonElement[] removes = (await _admin.RequestsAsync()).Where(e => e.GetProperty("operation").GetString() == "RemovePermission").ToArray();
        Assert.Equal(new[] { "appliedInternal", null }, removes.Select(e => e.GetProperty("fault").GetString()));
        Assert.Equal(new[] { 500, 400 }, removes.Select(e => e.GetProperty("httpStatus").GetInt32()));
        Assert.Equal(new[] { "InternalException", "ResourceNotFoundException" }, removes.Select(e => e.GetProperty("errorCode").GetString()));
        Assert.Equal(new[] { JsonValueKind.True, JsonValueKind.Null }, removes.Select(e => e.GetProperty("applied").ValueKind));
    }

    [Fact]
    public async Task AppliedInternal_on_PutPermission_is_retried_as_an_identical_write_that_answers_200_and_changes_nothing()
    {
        Assert.Equal(200, (await Put("Before")).Status);
        JsonElement before = (await _client.CallAsync("DescribeEventBus", "{}")).Json;
        await _admin.SetFaultsAsync("{\"rules\":[{\"fault\":\"appliedInternal\",\"count\":1}]}");
        await Task.Delay(20);

        Assert.Equal("500 InternalException", await CallOutcome.OfAsync(Put("Twice")));
        JsonElement applied = (await _client.CallAsync("DescribeEventBus", "{}")).Json;
        Assert.Equal(new[] { "Before", "Twice" }, await Sids());
        Assert.True(applied.GetProperty("LastModifiedTime").GetDouble() > before.GetProperty("LastModifiedTime").GetDouble());

        Assert.Equal("200", await CallOutcome.OfAsync(Put("Twice")));
        JsonElement repeated = (await _client.CallAsync("DescribeEventBus", "{}")).Json;
        Assert.Equal(applied.GetProperty("Policy").GetString(), repeated.GetProperty("Policy").GetString());
        Assert.Equal(applied.GetProperty("LastModifiedTime").GetRawText(), repeated.GetProperty("LastModifiedTime").GetRawText());
    }

    [Theory]
    [InlineData("appliedDrop", CallOutcome.Dropped)]
    [InlineData("appliedInternal", "500 InternalException")]
    public async Task An_applied_fault_applies_a_whole_policy_and_RemoveAllPermissions_too(string fault, string outcome)
    {
        const string Document =
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Whole\",\"Effect\":\"Allow\"," +
            "\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":\"events:PutEvents\"," +
            "\"Resource\":\"arn:aws:events:us-east-1:123456789012:event-bus/default\"}]}";
        Assert.Equal(200, (await Put("Replaced")).Status);
        await _admin.SetFaultsAsync($"{{\"rules\":[{{\"fault\":\"{fault}\",\"count\":2}}]}}");

        string body = JsonSerializer.Serialize(new { Policy = Document });
        Assert.Equal(outcome, await CallOutcome.OfAsync(_client.CallAsync("PutPermission", body)));
        Assert.Equal(new[] { "Whole" }, await Sids());

        Assert.Equal(outcome, await CallOutcome.OfAsync(_client.CallAsync("RemovePermission", "{\"RemoveAllPermissions\":true}")));
        Assert.False((await _client.CallAsync("DescribeEventBus", "{}")).Json.TryGetProperty("Policy", out _));

        JsonElement[] writes = (await _admin.RequestsAsync()).Where(e => e.GetProperty("fault").GetString() == fault).ToArray();
        Assert.Equal(new[] { "PutPermission", "RemovePermission" }, writes.Select(e => e.GetProperty("operation").GetString()));
        Assert.All(writes, e => Assert.True(e.GetProperty("applied").GetBoolean()));
        Assert.Equal(0, Assert.Single(_server.Faults.Snapshot()).Remaining);
    }

    [Theory]
    [InlineData("appliedDrop")]
    [InlineData("appliedInternal")]
    public async Task An_applied_fault_on_a_failing_write_answers_its_own_error_applies_nothing_and_spends_its_count(string fault)
    {
        Assert.Equal(200, (await Put("Kept")).Status);
        JsonElement before = (await _client.CallAsync("DescribeEventBus", "{}")).Json;
        await _admin.SetFaultsAsync($"{{\"rules\":[{{\"fault\":\"{fault}\",\"count\":3}}]}}");

        // A missing statement, a request that fails validation, and a write over the policy size quota.
        Assert.Equal("400 ResourceNotFoundException", await CallOutcome.OfAsync(_client.CallAsync("RemovePermission", "{\"StatementId\":\"Nobody\"}")));
        Assert.Equal("400 ValidationException", await CallOutcome.OfAsync(_client.CallAsync(
            "PutPermission", "{\"Action\":\"events:PutEvents\",\"Principal\":\"not-an-account\",\"StatementId\":\"Bad\"}")));
        _server.Settings.PolicySizeLimit = before.GetProperty("Policy").GetString()!.Length + 10;
        Assert.Equal("400 PolicyLengthExceededException", await CallOutcome.OfAsync(Put("TooLarge")));

        JsonElement after = (await _client.CallAsync("DescribeEventBus", "{}")).Json;
        Assert.Equal(before.GetProperty("Policy").GetString(), after.GetProperty("Policy").GetString());
        Assert.Equal(before.GetProperty("LastModifiedTime").GetRawText(), after.GetProperty("LastModifiedTime").GetRawText());

        JsonElement[] faulted = (await _admin.RequestsAsync()).Where(e => e.GetProperty("fault").GetString() == fault).ToArray();
        Assert.Equal(
            new[] { "ResourceNotFoundException", "ValidationException", "PolicyLengthExceededException" },
            faulted.Select(e => e.GetProperty("errorCode").GetString()));
        Assert.All(faulted, e => Assert.Equal(400, e.GetProperty("httpStatus").GetInt32()));
        Assert.All(faulted, e => Assert.Equal(JsonValueKind.False, e.GetProperty("applied").ValueKind));
        Assert.Equal(0, Assert.Single(_server.Faults.Snapshot()).Remaining);
    }

    [Fact]
    public async Task Mix_draws_the_applied_kinds_on_writes_only_and_every_faulted_write_is_kept()
    {
        await _admin.SetFaultsAsync("{\"rules\":[{\"fault\":\"mix\",\"seed\":5,\"kinds\":[\"appliedDrop\",\"appliedInternal\"]}]}");

        var outcomes = new List<string>();
        for (int i = 0; i < 12; i++)
        {
            outcomes.Add(await CallOutcome.OfAsync(Put($"M{i:00}")));
        }

        Assert.Equal(new[] { "500 InternalException", CallOutcome.Dropped }, outcomes.Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"M{i:00}"), await Sids());

        JsonElement[] puts = (await _admin.RequestsAsync()).Where(e => e.GetProperty("operation").GetString() == "PutPermission").ToArray();
        Assert.Equal(
            outcomes.Select(outcome => outcome == CallOutcome.Dropped ? "appliedDrop" : "appliedInternal"),
            puts.Select(e => e.GetProperty("fault").GetString()));
        Assert.All(puts, e => Assert.True(e.GetProperty("applied").GetBoolean()));

        // The reads above (and a listing) were never consulted: the rule matched only the twelve writes.
        Assert.Equal(200, (await _client.CallAsync("ListEventBuses", "{}")).Status);
        Assert.Equal(12, Assert.Single(_server.Faults.Snapshot()).Matched);
    }

    [Theory]
    [InlineData(FaultKind.AppliedDrop, "appliedDrop", "DescribeEventBus")]
    [InlineData(FaultKind.AppliedInternal, "appliedInternal", "ListEventBuses")]
    [InlineData(FaultKind.AppliedDrop, "appliedDrop", "CreateEventBus")]
    [InlineData(FaultKind.AppliedInternal, "appliedInternal", "DeleteEventBus")]
    public void Applied_faults_are_refused_on_other_operations_in_process_too(FaultKind fault, string name, string operation)
    {
        ArgumentException refused = Assert.Throws<ArgumentException>(() => _server.Faults.Replace(
            new FaultRule { Fault = fault, Operations = ["PutPermission", operation] }));
        Assert.Equal($"rules[0]: {name} applies to PutPermission and RemovePermission only.", refused.Message);
        Assert.Empty(_server.Faults.Snapshot());
    }

    private Task<RawResponse> Put(string statementId) =>
        _client.CallAsync("PutPermission", $"{{\"Action\":\"events:PutEvents\",\"Principal\":\"111122223333\",\"StatementId\":\"{statementId}\"}}");

    private async Task<JsonElement[]> Statements()
    {
        JsonElement bus = (await _client.CallAsync("DescribeEventBus", "{}")).Json;
        return JsonDocument.Parse(bus.GetProperty("Policy").GetString()!).RootElement.GetProperty("Statement").EnumerateArray().ToArray();
    }

    private async Task<string[]> Sids()
    {
        JsonElement bus = (await _client.CallAsync("DescribeEventBus", "{}")).Json;
        if (!bus.TryGetProperty("Policy", out JsonElement policy))
        {
            return [];
        }

        return JsonDocument.Parse(policy.GetString()!).RootElement.GetProperty("Statement")
            .EnumerateArray().Select(s => s.GetProperty("Sid").GetString()!).ToArray();
    }

    private async Task<JsonElement> WaitForLogEntryAsync()
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(15))
        {
            if (_server.Requests.Count > 0)
            {
                return (await _admin.RequestsAsync())[0];
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("the abandoned request never reached the log");
    }
}
