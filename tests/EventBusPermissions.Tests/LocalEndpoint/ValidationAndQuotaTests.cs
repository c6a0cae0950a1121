using System.Text.Json;
using System.Threading.Tasks;
using LocalEventBridge;
using Xunit;

namespace EventBusPermissions.Tests.LocalEndpoint;

/// <summary>Request validation in AWS's wording, and the policy size quota.</summary>
public sealed class ValidationAndQuotaTests : IAsyncLifetime
{
    private LocalEventBridgeServer _server = null!;
    private RawEventBridgeClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await LocalEventBridgeServer.StartAsync(new LocalEventBridgeOptions { PolicySizeLimit = 400 });
        _client = new RawEventBridgeClient(_server);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Theory]
    [InlineData("{\"Action\":\"events:PutEvents\",\"Principal\":\"abc\",\"StatementId\":\"S\"}",
        @"1 validation error detected: Value 'abc' at 'principal' failed to satisfy constraint: Member must satisfy regular expression pattern: (\d{12}|\*)")]
    [InlineData("{\"Action\":\"events:PutEvents\",\"Principal\":\"1111222233334\",\"StatementId\":\"S\"}",
        @"2 validation errors detected: Value '1111222233334' at 'principal' failed to satisfy constraint: Member must have length less than or equal to 12; Value '1111222233334' at 'principal' failed to satisfy constraint: Member must satisfy regular expression pattern: (\d{12}|\*)")]
    [InlineData("{\"Action\":\"events:PutEvents\",\"Principal\":\"111122223333\",\"StatementId\":\"has space\"}",
        "1 validation error detected: Value 'has space' at 'statementId' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9-_]+")]
    [InlineData("{\"Action\":\"sqs:SendMessage\",\"Principal\":\"111122223333\",\"StatementId\":\"S\"}",
        "1 validation error detected: Value 'sqs:SendMessage' at 'action' failed to satisfy constraint: Member must satisfy regular expression pattern: events:[a-zA-Z]+")]
    [InlineData("{\"Action\":\"events:PutRule\",\"Principal\":\"111122223333\",\"StatementId\":\"S\"}",
        "Provided value in parameter 'action' is not supported.")]
    [InlineData("{\"Principal\":\"111122223333\"}",
        "2 validation errors detected: Value null at 'action' failed to satisfy constraint: Member must not be null; Value null at 'statementId' failed to satisfy constraint: Member must not be null")]
    [InlineData("{\"EventBusName\":\"a/b\",\"Action\":\"events:PutEvents\",\"Principal\":\"111122223333\",\"StatementId\":\"S\"}",
        @"1 validation error detected: Value 'a/b' at 'eventBusName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\.\-_A-Za-z0-9]+")]
    [InlineData("{\"Action\":\"events:PutEvents\",\"Principal\":\"*\",\"StatementId\":\"S\",\"Condition\":{\"Type\":\"StringLike\",\"Key\":\"aws:PrincipalOrgID\",\"Value\":\"o-1\"}}",
        "Provided value in parameter 'condition.type' is not supported.")]
    [InlineData("{\"Action\":\"events:PutEvents\",\"Principal\":\"*\",\"StatementId\":\"S\",\"Condition\":{\"Type\":\"StringEquals\",\"Key\":\"aws:SourceAccount\",\"Value\":\"o-1\"}}",
        "Provided value in parameter 'condition.key' is not supported.")]
    [InlineData("{\"Action\":\"events:PutEvents\",\"Principal\":\"*\",\"StatementId\":\"S\",\"Condition\":{\"Type\":\"StringEquals\",\"Key\":\"aws:PrincipalOrgID\"}}",
        "1 validation error detected: Value null at 'condition.value' failed to satisfy constraint: Member must not be null")]
    public async Task PutPermission_validation_errors_read_like_AWS(string body, string message)
    {
        RawResponse response = await _client.CallAsync("PutPermission", body);
        Assert.Equal(400, response.Status);
        Assert.Equal("ValidationException", response.ErrorType);
        Assert.Equal(message, response.Message);
    }

    [Theory]
    [InlineData("Sid with space", "Member must satisfy regular expression pattern: [a-zA-Z0-9-_]+")]
    [InlineData("my.sid", "Member must satisfy regular expression pattern: [a-zA-Z0-9-_]+")]
    [InlineData("SSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSS", "Member must have length less than or equal to 64")]
    [InlineData("", "Member must have length greater than or equal to 1")]
    public async Task RemovePermission_with_a_StatementId_the_model_forbids_is_a_ValidationException_even_when_a_statement_has_that_Sid(string sid, string constraint)
    {
        // A whole-document policy may hold such a Sid; RemovePermission's own rule still applies to the id sent, as on AWS.
        string policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":" + JsonSerializer.Serialize(sid)
            + ",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"events:PutEvents\",\"Resource\":\"*\"}]}";
        _server.Buses.SetPolicyText(TestCredentials.Default.AccountId, "us-east-1", "default", policy, System.DateTimeOffset.UtcNow);

        RawResponse response = await _client.CallAsync("RemovePermission", JsonSerializer.Serialize(new { StatementId = sid }));

        Assert.Equal(400, response.Status);
        Assert.Equal("ValidationException", response.ErrorType);
        Assert.Contains($"Value '{sid}' at 'statementId' failed to satisfy constraint: {constraint}", response.Message);
        Assert.Equal(policy, (await _client.CallAsync("DescribeEventBus", "{}")).Json.GetProperty("Policy").GetString());
    }

    [Fact]
    public async Task A_member_of_the_wrong_JSON_type_is_a_SerializationException()
    {
        RawResponse response = await _client.CallAsync("PutPermission", "{\"Principal\":111122223333}");
        Assert.Equal("SerializationException", response.ErrorType);
        RawResponse notJson = await _client.CallAsync("DescribeEventBus", "{not json");
        Assert.Equal("SerializationException", notJson.ErrorType);
    }

    [Fact]
    public async Task A_grant_past_the_policy_size_limit_is_PolicyLengthExceeded_and_changes_nothing()
    {
        Assert.Equal(200, (await Put("111122223333", "First")).Status);
        string before = (await _client.CallAsync("DescribeEventBus", "{}")).Json.GetProperty("Policy").GetString()!;
        Assert.True(before.Length <= 400);

        RawResponse tooLong = await Put("222233334444", "Second");
        Assert.Equal(400, tooLong.Status);
        Assert.Equal("PolicyLengthExceededException", tooLong.ErrorType);
        Assert.Equal(before, (await _client.CallAsync("DescribeEventBus", "{}")).Json.GetProperty("Policy").GetString());

        // The limit is a live setting: raised, the same grant fits.
        _server.Settings.PolicySizeLimit = ServerSettings.DefaultPolicySizeLimit;
        Assert.Equal(200, (await Put("222233334444", "Second")).Status);
    }

    [Fact]
    public async Task Bus_lifecycle_errors()
    {
        RawResponse created = await _client.CallAsync("CreateEventBus", "{\"Name\":\"team\"}");
        Assert.Equal("arn:aws:events:us-east-1:123456789012:event-bus/team", created.Json.GetProperty("EventBusArn").GetString());

        RawResponse again = await _client.CallAsync("CreateEventBus", "{\"Name\":\"team\"}");
        Assert.Equal("ResourceAlreadyExistsException", again.ErrorType);
        Assert.Equal("Event bus team already exists.", again.Message);

        RawResponse deleteDefault = await _client.CallAsync("DeleteEventBus", "{\"Name\":\"default\"}");
        Assert.Equal("ValidationException", deleteDefault.ErrorType);

        RawResponse deleted = await _client.CallAsync("DeleteEventBus", "{\"Name\":\"team\"}");
        Assert.Equal(200, deleted.Status);
        Assert.Equal(0, deleted.ContentLength);
        Assert.Equal("Event bus team does not exist.", (await _client.CallAsync("DescribeEventBus", "{\"Name\":\"team\"}")).Message);
        Assert.Equal(200, (await _client.CallAsync("DeleteEventBus", "{\"Name\":\"team\"}")).Status);
    }

    [Fact]
    public async Task ListEventBuses_pages_with_Limit_and_NextToken()
    {
        foreach (string name in new[] { "a1", "a2", "a3" })
        {
            Assert.Equal(200, (await _client.CallAsync("CreateEventBus", JsonSerializer.Serialize(new { Name = name }))).Status);
        }

        RawResponse first = await _client.CallAsync("ListEventBuses", "{\"NamePrefix\":\"a\",\"Limit\":2}");
        Assert.Equal(2, first.Json.GetProperty("EventBuses").GetArrayLength());
        string token = first.Json.GetProperty("NextToken").GetString()!;
        RawResponse second = await _client.CallAsync("ListEventBuses", JsonSerializer.Serialize(new { NamePrefix = "a", Limit = 2, NextToken = token }));
        Assert.Equal("a3", second.Json.GetProperty("EventBuses")[0].GetProperty("Name").GetString());
        Assert.False(second.Json.TryGetProperty("NextToken", out _));

        RawResponse badLimit = await _client.CallAsync("ListEventBuses", "{\"Limit\":0}");
        Assert.Equal("1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1", badLimit.Message);
    }

    private Task<RawResponse> Put(string principal, string statementId) =>
        _client.CallAsync("PutPermission", JsonSerializer.Serialize(new { Action = "events:PutEvents", Principal = principal, StatementId = statementId }));
}
