using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using LocalEventBridge;
using Xunit;

namespace EventBusPermissions.Tests.LocalEndpoint;

/// <summary>PutPermission and RemovePermission follow AWS's semantics, not moto's.</summary>
public sealed class PolicySemanticsTests : IAsyncLifetime
{
    private const string Bus = "arn:aws:events:us-east-1:123456789012:event-bus/default";

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
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task The_same_principal_under_two_statement_ids_gives_two_statements()
    {
        await Put("111122223333", "First");
        await Put("111122223333", "Second");
        Assert.Equal(new[] { "First", "Second" }, Sids(await Policy()));
    }

    [Fact]
    public async Task An_existing_statement_id_is_replaced_in_place_and_an_identical_repeat_changes_nothing()
    {
        await Put("111122223333", "A");
        await Put("222233334444", "B");
        await Put("*", "A");
        JsonElement policy = await Policy();
        Assert.Equal(new[] { "A", "B" }, Sids(policy));
        Assert.Equal("*", policy.GetProperty("Statement")[0].GetProperty("Principal").GetString());

        RawResponse before = await _client.CallAsync("DescribeEventBus", "{}");
        RawResponse repeat = await Put("*", "A");
        Assert.Equal(200, repeat.Status);
        Assert.Equal("", repeat.Body);
        Assert.Equal(0, repeat.ContentLength);
        RawResponse after = await _client.CallAsync("DescribeEventBus", "{}");
        Assert.Equal(before.Json.GetProperty("Policy").GetString(), after.Json.GetProperty("Policy").GetString());
        Assert.Equal(before.Json.GetProperty("LastModifiedTime").GetRawText(), after.Json.GetProperty("LastModifiedTime").GetRawText());
    }

    [Fact]
    public async Task A_whole_document_replaces_the_policy_and_is_stored_compact()
    {
        await Put("111122223333", "Old");
        string document = """
            { "Version": "2012-10-17",
              "Statement": [ { "Sid": "Svc", "Effect": "Allow", "Principal": { "Service": ["events.amazonaws.com"] },
                               "Action": ["events:PutEvents"], "Resource": "*" } ] }
            """;
        RawResponse put = await _client.CallAsync("PutPermission", JsonSerializer.Serialize(new { Policy = document }));
        Assert.Equal(200, put.Status);
        string stored = (await _client.CallAsync("DescribeEventBus", "{}")).Json.GetProperty("Policy").GetString()!;
        Assert.Equal("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Svc\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":[\"events.amazonaws.com\"]},\"Action\":[\"events:PutEvents\"],\"Resource\":\"*\"}]}", stored);

        // A later single grant is added beside the foreign statement, which is left as it was.
        await Put("111122223333", "New");
        Assert.Equal(new[] { "Svc", "New" }, Sids(await Policy()));

        RawResponse notAPolicy = await _client.CallAsync("PutPermission", JsonSerializer.Serialize(new { Policy = "[1,2]" }));
        Assert.Equal("ValidationException", notAPolicy.ErrorType);
        RawResponse noStatement = await _client.CallAsync("PutPermission", JsonSerializer.Serialize(new { Policy = "{\"Version\":\"2012-10-17\"}" }));
        Assert.Equal("ValidationException", noStatement.ErrorType);
    }

    [Fact]
    public async Task RemovePermission_of_an_unknown_statement_is_ResourceNotFound_with_or_without_a_policy()
    {
        RawResponse noPolicy = await _client.CallAsync("RemovePermission", "{\"StatementId\":\"Nope\"}");
        Assert.Equal(400, noPolicy.Status);
        Assert.Equal("ResourceNotFoundException", noPolicy.ErrorType);
        Assert.Equal("Statement with the provided id does not exist.", noPolicy.Message);

        await Put("111122223333", "Real");
        RawResponse withPolicy = await _client.CallAsync("RemovePermission", "{\"StatementId\":\"Nope\"}");
        Assert.Equal("Statement with the provided id does not exist.", withPolicy.Message);
    }

    [Fact]
    public async Task Removing_the_last_statement_or_all_statements_leaves_no_policy()
    {
        await Put("111122223333", "Only");
        RawResponse removed = await _client.CallAsync("RemovePermission", "{\"StatementId\":\"Only\"}");
        Assert.Equal(200, removed.Status);
        Assert.Equal(0, removed.ContentLength);
        Assert.False((await _client.CallAsync("DescribeEventBus", "{}")).Json.TryGetProperty("Policy", out _));

        await Put("111122223333", "One");
        await Put("222233334444", "Two");
        Assert.Equal(200, (await _client.CallAsync("RemovePermission", "{\"RemoveAllPermissions\":true}")).Status);
        Assert.False((await _client.CallAsync("DescribeEventBus", "{}")).Json.TryGetProperty("Policy", out _));
        Assert.Equal(200, (await _client.CallAsync("RemovePermission", "{\"RemoveAllPermissions\":true}")).Status);
    }

    [Fact]
    public async Task A_missing_bus_is_ResourceNotFound_for_every_operation()
    {
        foreach ((string operation, string body) in new[]
        {
            ("DescribeEventBus", "{\"Name\":\"ghost\"}"),
            ("PutPermission", "{\"EventBusName\":\"ghost\",\"Action\":\"events:PutEvents\",\"Principal\":\"111122223333\",\"StatementId\":\"S\"}"),
            ("RemovePermission", "{\"EventBusName\":\"ghost\",\"StatementId\":\"S\"}"),
            ("RemovePermission", "{\"EventBusName\":\"ghost\",\"RemoveAllPermissions\":true}"),
        })
        {
            RawResponse response = await _client.CallAsync(operation, body);
            Assert.Equal(400, response.Status);
            Assert.Equal("ResourceNotFoundException", response.ErrorType);
            Assert.Equal("Event bus ghost does not exist.", response.Message);
        }
    }

    [Fact]
    public async Task DescribeEventBus_takes_an_ARN_of_the_callers_own_account_and_region_only()
    {
        RawResponse own = await _client.CallAsync("DescribeEventBus", JsonSerializer.Serialize(new { Name = Bus }));
        Assert.Equal("default", own.Json.GetProperty("Name").GetString());

        RawResponse otherAccount = await _client.CallAsync("DescribeEventBus", "{\"Name\":\"arn:aws:events:us-east-1:444455556666:event-bus/default\"}");
        Assert.Equal("ResourceNotFoundException", otherAccount.ErrorType);
        RawResponse otherRegion = await _client.CallAsync("DescribeEventBus", "{\"Name\":\"arn:aws:events:eu-west-1:123456789012:event-bus/default\"}");
        Assert.Equal("ResourceNotFoundException", otherRegion.ErrorType);
    }

    [Fact]
    public async Task Buses_are_kept_per_account_and_region()
    {
        await Put("111122223333", "HereOnly");
        RawResponse otherAccount = await _client.CallAsync("DescribeEventBus", "{}", r => r.Credential = TestCredentials.SecondAccount);
        Assert.False(otherAccount.Json.TryGetProperty("Policy", out _));
        Assert.Equal("arn:aws:events:us-east-1:444455556666:event-bus/default", otherAccount.Json.GetProperty("Arn").GetString());
        RawResponse otherRegion = await _client.CallAsync("DescribeEventBus", "{}", r => r.Region = "eu-central-1");
        Assert.False(otherRegion.Json.TryGetProperty("Policy", out _));
    }

    [Fact]
    public async Task Parallel_writers_on_one_bus_lose_no_update()
    {
        const int writers = 40;
        RawResponse[] responses = await Task.WhenAll(Enumerable.Range(0, writers).Select(i => Put("111122223333", $"S{i:D2}")));
        Assert.All(responses, r => Assert.Equal(200, r.Status));
        Assert.Equal(Enumerable.Range(0, writers).Select(i => $"S{i:D2}").OrderBy(s => s), Sids(await Policy()).OrderBy(s => s));
    }

    private Task<RawResponse> Put(string principal, string statementId) =>
        _client.CallAsync("PutPermission", JsonSerializer.Serialize(new { Action = "events:PutEvents", Principal = principal, StatementId = statementId }));

    private async Task<JsonElement> Policy()
    {
        RawResponse response = await _client.CallAsync("DescribeEventBus", "{}");
        return JsonDocument.Parse(response.Json.GetProperty("Policy").GetString()!).RootElement;
    }

    private static string[] Sids(JsonElement policy) =>
        policy.GetProperty("Statement").EnumerateArray().Select(s => s.GetProperty("Sid").GetString()!).ToArray();
}
