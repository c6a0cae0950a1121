using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using LocalEventBridge;
using Xunit;

namespace EventBusPermissions.Tests.LocalEndpoint;

/// <summary>
/// PUT /_local/policy puts any policy text on a bus, as the service might return one that PutPermission
/// would refuse, and the endpoint's own later writes on that bus answer cleanly instead of failing with a 500.
/// </summary>
public sealed class PolicyControlTests : IAsyncLifetime
{
    private const string BusArn = "arn:aws:events:us-east-1:123456789012:event-bus/default";

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
    public async Task Text_that_is_not_JSON_is_stored_and_described_verbatim_and_writes_that_must_read_it_answer_a_validation_error()
    {
        const string Broken = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Half\", ";
        Assert.Equal((200, "{\"status\":\"set\"}"), await SetPolicy(Broken));

        Assert.Equal(Broken, await DescribedPolicy());
        JsonElement listed = (await _client.CallAsync("ListEventBuses", "{}")).Json.GetProperty("EventBuses")[0];
        Assert.Equal(Broken, listed.GetProperty("Policy").GetString());

        RawResponse put = await Put("New");
        Assert.Equal(400, put.Status);
        Assert.Equal("ValidationException", put.ErrorType);
        Assert.StartsWith("The current policy of event bus default is not a valid JSON policy document", put.Message);
        RawResponse remove = await _client.CallAsync("RemovePermission", "{\"StatementId\":\"Half\"}");
        Assert.Equal(400, remove.Status);
        Assert.Equal("ValidationException", remove.ErrorType);
        Assert.Equal(Broken, await DescribedPolicy());

        // Writes that do not read the old policy still work, and repair the bus.
        string document = $"{{\"Version\":\"2012-10-17\",\"Statement\":[{{\"Sid\":\"Whole\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"events:PutEvents\",\"Resource\":\"{BusArn}\"}}]}}";
        Assert.Equal(200, (await _client.CallAsync("PutPermission", JsonSerializer.Serialize(new { Policy = document }))).Status);
        Assert.Equal(document, await DescribedPolicy());
        Assert.Equal(200, (await SetPolicy("not json at all")).Status);
        Assert.Equal(200, (await _client.CallAsync("RemovePermission", "{\"RemoveAllPermissions\":true}")).Status);
        Assert.Null(await DescribedPolicy());
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("\"a string\"")]
    [InlineData("42")]
    [InlineData("{\"Statement\":[{\"Sid\":\"A\",\"Sid\":\"B\"}]}")]
    [InlineData("{\"Statement\":[{\"Sid\":\"Gone\"}],\"Statement\":[]}")]
    [InlineData("{\"Statement\":\"not a statement\"}")]
    [InlineData("{\"Statement\":[1,\"two\",null,[]]}")]
    [InlineData("{\"Version\":\"2012-10-17\"}")]
    public async Task No_stored_text_makes_a_policy_write_fail_with_a_500(string policy)
    {
        Assert.Equal(200, (await SetPolicy(policy)).Status);
        Assert.Equal(policy, await DescribedPolicy());

        RawResponse put = await Put("New");
        RawResponse remove = await _client.CallAsync("RemovePermission", "{\"StatementId\":\"Gone\"}");

        Assert.True(put.Status is 200 or 400, put.ToString());
        Assert.True(remove.Status is 200 or 400, remove.ToString());
        Assert.DoesNotContain(_server.Requests.Snapshot(), entry => entry.HttpStatus >= 500);
    }

    [Fact]
    public async Task A_numeric_Sid_is_kept_and_does_not_break_writes_of_other_statements()
    {
        string policy =
            "{\"Version\":\"2012-10-17\",\"Statement\":[" +
            $"{{\"Sid\":123,\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"events:PutEvents\",\"Resource\":\"{BusArn}\"}}," +
            $"{{\"Sid\":\"Gone\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"events:PutEvents\",\"Resource\":\"{BusArn}\"}}," +
            $"{{\"Sid\":\"Kept\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"events:PutEvents\",\"Resource\":\"{BusArn}\"}}]}}";
        Assert.Equal(200, (await SetPolicy(policy)).Status);
        Assert.Equal(policy, await DescribedPolicy());

        Assert.Equal(200, (await _client.CallAsync("RemovePermission", "{\"StatementId\":\"Gone\"}")).Status);
        Assert.Equal(200, (await Put("Added")).Status);
        Assert.Equal(200, (await Put("Kept")).Status);

        JsonElement[] statements = JsonDocument.Parse((await DescribedPolicy())!).RootElement.GetProperty("Statement").EnumerateArray().ToArray();
        Assert.Equal(new[] { "123", "Kept", "Added" }, statements.Select(s => s.GetProperty("Sid").ToString()));
        Assert.Equal(JsonValueKind.Number, statements[0].GetProperty("Sid").ValueKind);
        Assert.Equal("arn:aws:iam::111122223333:root", statements[1].GetProperty("Principal").GetProperty("AWS").GetString());

        // A numeric Sid is never a StatementId's match.
        Assert.Equal("ResourceNotFoundException", (await _client.CallAsync("RemovePermission", "{\"StatementId\":\"123\"}")).ErrorType);
    }

    [Fact]
    public async Task A_statement_that_repeats_a_member_is_kept_as_written_and_the_others_stay_editable()
    {
        string ambiguous = $"{{\"Sid\":\"DenyDup\",\"Effect\":\"Deny\",\"Effect\":\"Allow\",\"Principal\":{{\"AWS\":\"arn:aws:iam::111122223333:root\"}},\"Action\":\"events:PutEvents\",\"Resource\":\"{BusArn}\"}}";
        string twoSids = $"{{\"Sid\":\"One\",\"Sid\":\"Two\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"events:PutEvents\",\"Resource\":\"{BusArn}\"}}";
        string gone = $"{{\"Sid\":\"Gone\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"events:PutEvents\",\"Resource\":\"{BusArn}\"}}";
        Assert.Equal(200, (await SetPolicy("{\"Version\":\"2012-10-17\",\"Statement\":[" + ambiguous + "," + twoSids + "," + gone + "]}")).Status);

        Assert.Equal(200, (await _client.CallAsync("RemovePermission", "{\"StatementId\":\"Gone\"}")).Status);
        Assert.Equal(200, (await Put("Added")).Status);

        string policy = (await DescribedPolicy())!;
        Assert.StartsWith("{\"Version\":\"2012-10-17\",\"Statement\":[" + ambiguous + "," + twoSids + ",{\"Sid\":\"Added\",", policy);
        // A statement that names its Sid twice matches neither copy; one that repeats another member matches its Sid.
        Assert.Equal("ResourceNotFoundException", (await _client.CallAsync("RemovePermission", "{\"StatementId\":\"One\"}")).ErrorType);
        Assert.Equal(200, (await _client.CallAsync("RemovePermission", "{\"StatementId\":\"DenyDup\"}")).Status);
        Assert.DoesNotContain("DenyDup", await DescribedPolicy());
    }

    [Fact]
    public async Task A_named_bus_must_exist_while_the_default_bus_of_any_account_and_region_is_made_on_demand()
    {
        (int status, string body) = await _admin.SendAsync(HttpMethod.Put, "policy",
            "{\"accountId\":\"123456789012\",\"region\":\"us-east-1\",\"eventBusName\":\"ghost\",\"policy\":\"x\"}");
        Assert.Equal(404, status);
        Assert.Equal("Event bus ghost does not exist in account 123456789012, region us-east-1.",
            JsonDocument.Parse(body).RootElement.GetProperty("error").GetString());

        Assert.Equal(200, (await _client.CallAsync("CreateEventBus", "{\"Name\":\"custom\"}")).Status);
        Assert.Equal(200, (await SetPolicy("custom text", bus: "custom")).Status);
        Assert.Equal("custom text", (await _client.CallAsync("DescribeEventBus", "{\"Name\":\"custom\"}")).Json.GetProperty("Policy").GetString());
        Assert.Null(await DescribedPolicy());

        Assert.Equal(200, (await SetPolicy("elsewhere", account: "444455556666", region: "tt-policy-1")).Status);
        RawResponse other = await _client.CallAsync("DescribeEventBus", "{}", r =>
        {
            r.Credential = TestCredentials.SecondAccount;
            r.Region = "tt-policy-1";
        });
        Assert.Equal("elsewhere", other.Json.GetProperty("Policy").GetString());
    }

    [Fact]
    public async Task A_null_policy_removes_it_and_the_bus_reads_as_without_one()
    {
        Assert.Equal(200, (await Put("Mine")).Status);
        (int status, string body) = await _admin.SendAsync(HttpMethod.Put, "policy",
            "{\"accountId\":\"123456789012\",\"region\":\"us-east-1\",\"eventBusName\":\"default\",\"policy\":null}");
        Assert.Equal((200, "{\"status\":\"set\"}"), (status, body));
        Assert.False((await _client.CallAsync("DescribeEventBus", "{}")).Json.TryGetProperty("Policy", out _));
        Assert.Equal("ResourceNotFoundException", (await _client.CallAsync("RemovePermission", "{\"StatementId\":\"Mine\"}")).ErrorType);
    }

    [Fact]
    public async Task Spacing_and_member_order_are_kept_and_the_quota_does_not_apply()
    {
        _server.Settings.PolicySizeLimit = 50;
        string pretty = "{\n  \"Statement\": [],\n  \"Version\": \"2012-10-17\",\n  \"Padding\": \"" + new string('x', 100) + "\"\n}";
        Assert.Equal(200, (await SetPolicy(pretty)).Status);
        Assert.Equal(pretty, await DescribedPolicy());
    }

    [Theory]
    [InlineData("not json", "the body is not JSON")]
    [InlineData("[]", "the body must be a JSON object")]
    [InlineData("{\"accountId\":\"123456789012\",\"region\":\"us-east-1\",\"eventBusName\":\"default\"}", "policy must be given")]
    [InlineData("{\"accountId\":\"123456789012\",\"region\":\"us-east-1\",\"policy\":{\"Statement\":[]}}", "policy must be given, as a string")]
    [InlineData("{\"accountId\":\"123456789012\",\"region\":\"us-east-1\",\"policy\":\"x\",\"bus\":\"default\"}", "unknown member 'bus'")]
    [InlineData("{\"accountId\":\"1234\",\"region\":\"us-east-1\",\"policy\":\"x\"}", "accountId must be a 12-digit account id")]
    [InlineData("{\"accountId\":\"123456789012\",\"policy\":\"x\"}", "region must be a non-empty string")]
    [InlineData("{\"accountId\":\"123456789012\",\"region\":\"us-east-1\",\"eventBusName\":\"\",\"policy\":\"x\"}", "eventBusName must be a non-empty string")]
    [InlineData("{\"accountId\":\"123456789012\",\"region\":\"us-east-1\",\"policy\":\"x\",\"policy\":null}", "member 'policy' is given twice")]
    public async Task A_malformed_body_is_a_400_that_says_why_and_changes_nothing(string body, string reason)
    {
        Assert.Equal(200, (await Put("Before")).Status);
        string? before = await DescribedPolicy();

        (int status, string answer) = await _admin.SendAsync(HttpMethod.Put, "policy", body);

        Assert.Equal(400, status);
        Assert.Contains(reason, JsonDocument.Parse(answer).RootElement.GetProperty("error").GetString());
        Assert.Equal(before, await DescribedPolicy());
    }

    [Fact]
    public async Task The_route_takes_only_PUT_and_leaves_out_eventBusName_to_mean_default()
    {
        Assert.Equal(405, (await _admin.SendAsync(HttpMethod.Get, "policy")).Status);
        Assert.Equal(200, (await _admin.SendAsync(HttpMethod.Put, "policy",
            "{\"accountId\":\"123456789012\",\"region\":\"us-east-1\",\"policy\":\"on default\"}")).Status);
        Assert.Equal("on default", await DescribedPolicy());
    }

    private Task<(int Status, string Body)> SetPolicy(string? policy, string bus = "default", string account = "123456789012", string region = "us-east-1") =>
        _admin.SendAsync(HttpMethod.Put, "policy", JsonSerializer.Serialize(new { accountId = account, region, eventBusName = bus, policy }));

    private async Task<string?> DescribedPolicy()
    {
        RawResponse bus = await _client.CallAsync("DescribeEventBus", "{}");
        Assert.Equal(200, bus.Status);
        return bus.Json.TryGetProperty("Policy", out JsonElement policy) ? policy.GetString() : null;
    }

    private Task<RawResponse> Put(string statementId) =>
        _client.CallAsync("PutPermission", $"{{\"Action\":\"events:PutEvents\",\"Principal\":\"111122223333\",\"StatementId\":\"{statementId}\"}}");
}
