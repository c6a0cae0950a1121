using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using LocalEventBridge;
using Xunit;
using Xunit.Abstractions;

namespace EventBusPermissions.Tests.LocalEndpoint;

/// <summary>The AWS CLI (an independent SigV4 client and JSON 1.1 codec) against the local endpoint.</summary>
public sealed class AwsCliTests
{
    private readonly ITestOutputHelper _output;

    public AwsCliTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public async Task PutPermission_account_and_organization_grants_are_stored_in_AWS_shape()
    {
        if (Skipped())
        {
            return;
        }

        await using LocalEventBridgeServer server = await LocalEventBridgeServer.StartAsync();
        await AwsOk(server, "put-permission", "--action", "events:PutEvents", "--principal", "111122223333", "--statement-id", "Acct1");
        await AwsOk(server, "put-permission", "--action", "events:PutEvents", "--principal", "*", "--statement-id", "Org",
            "--condition", "Type=StringEquals,Key=aws:PrincipalOrgID,Value=o-1234567890");

        JsonElement bus = JsonDocument.Parse(await AwsOk(server, "describe-event-bus")).RootElement;
        Assert.Equal("default", bus.GetProperty("Name").GetString());
        Assert.Equal(Bus, bus.GetProperty("Arn").GetString());
        JsonElement policy = JsonDocument.Parse(bus.GetProperty("Policy").GetString()!).RootElement;
        Assert.Equal("2012-10-17", policy.GetProperty("Version").GetString());
        string[] statements = policy.GetProperty("Statement").EnumerateArray().Select(s => s.GetRawText()).ToArray();
        Assert.Equal(
            new[]
            {
                "{\"Sid\":\"Acct1\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":\"events:PutEvents\",\"Resource\":\"" + Bus + "\"}",
                "{\"Sid\":\"Org\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"events:PutEvents\",\"Resource\":\"" + Bus + "\",\"Condition\":{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-1234567890\"}}}",
            },
            statements);

        await AwsOk(server, "remove-permission", "--statement-id", "Acct1");
        policy = JsonDocument.Parse(JsonDocument.Parse(await AwsOk(server, "describe-event-bus")).RootElement.GetProperty("Policy").GetString()!).RootElement;
        Assert.Equal(new[] { "Org" }, policy.GetProperty("Statement").EnumerateArray().Select(s => s.GetProperty("Sid").GetString()));

        await AwsOk(server, "remove-permission", "--remove-all-permissions");
        Assert.False(JsonDocument.Parse(await AwsOk(server, "describe-event-bus")).RootElement.TryGetProperty("Policy", out _));
    }

    [Fact]
    public async Task Errors_reach_the_CLI_with_AWS_codes_and_messages()
    {
        if (Skipped())
        {
            return;
        }

        await using LocalEventBridgeServer server = await LocalEventBridgeServer.StartAsync();
        ToolResult wrongSecret = await Aws(server, new[] { "describe-event-bus" }, secretOverride: "not-the-secret");
        Assert.NotEqual(0, wrongSecret.ExitCode);
        Assert.Contains("An error occurred (InvalidSignatureException) when calling the DescribeEventBus operation: The request signature we calculated does not match", wrongSecret.StandardError);

        ToolResult missingStatement = await Aws(server, new[] { "remove-permission", "--statement-id", "Nope" });
        Assert.Contains("(ResourceNotFoundException) when calling the RemovePermission operation: Statement with the provided id does not exist.", missingStatement.StandardError);

        ToolResult badPrincipal = await Aws(server, new[] { "put-permission", "--action", "events:PutEvents", "--principal", "abc", "--statement-id", "X" });
        Assert.Contains(@"(ValidationException) when calling the PutPermission operation: 1 validation error detected: Value 'abc' at 'principal' failed to satisfy constraint: Member must satisfy regular expression pattern: (\d{12}|\*)", badPrincipal.StandardError);

        ToolResult missingBus = await Aws(server, new[] { "describe-event-bus", "--name", "nowhere" });
        Assert.Contains("(ResourceNotFoundException) when calling the DescribeEventBus operation: Event bus nowhere does not exist.", missingBus.StandardError);
    }

    [Fact]
    public async Task Create_list_and_delete_event_buses()
    {
        if (Skipped())
        {
            return;
        }

        await using LocalEventBridgeServer server = await LocalEventBridgeServer.StartAsync();
        JsonElement created = JsonDocument.Parse(await AwsOk(server, "create-event-bus", "--name", "orders", "--description", "Order events")).RootElement;
        Assert.Equal("arn:aws:events:us-east-1:123456789012:event-bus/orders", created.GetProperty("EventBusArn").GetString());

        ToolResult again = await Aws(server, new[] { "create-event-bus", "--name", "orders" });
        Assert.Contains("(ResourceAlreadyExistsException)", again.StandardError);

        JsonElement listed = JsonDocument.Parse(await AwsOk(server, "list-event-buses")).RootElement;
        List<JsonElement> buses = listed.GetProperty("EventBuses").EnumerateArray().ToList();
        Assert.Equal(new[] { "default", "orders" }, buses.Select(b => b.GetProperty("Name").GetString()).OrderBy(n => n, System.StringComparer.Ordinal));
        Assert.Equal("Order events", buses.Single(b => b.GetProperty("Name").GetString() == "orders").GetProperty("Description").GetString());

        JsonElement prefixed = JsonDocument.Parse(await AwsOk(server, "list-event-buses", "--name-prefix", "ord")).RootElement;
        Assert.Equal("orders", prefixed.GetProperty("EventBuses").EnumerateArray().Single().GetProperty("Name").GetString());

        await AwsOk(server, "delete-event-bus", "--name", "orders");
        await AwsOk(server, "delete-event-bus", "--name", "orders"); // a missing bus deletes fine, as on AWS
        ToolResult deleteDefault = await Aws(server, new[] { "delete-event-bus", "--name", "default" });
        Assert.Contains("(ValidationException)", deleteDefault.StandardError);

        listed = JsonDocument.Parse(await AwsOk(server, "list-event-buses")).RootElement;
        Assert.Equal("default", listed.GetProperty("EventBuses").EnumerateArray().Single().GetProperty("Name").GetString());
    }

    private const string Bus = "arn:aws:events:us-east-1:123456789012:event-bus/default";

    private bool Skipped()
    {
        if (ExternalTool.FindOnPath("aws") is not null)
        {
            return false;
        }

        _output.WriteLine("SKIPPED: the AWS CLI ('aws') is not on PATH, so this test did not run.");
        return true;
    }

    private async Task<string> AwsOk(LocalEventBridgeServer server, params string[] arguments)
    {
        ToolResult result = await Aws(server, arguments);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.StandardOutput;
    }

    private async Task<ToolResult> Aws(LocalEventBridgeServer server, string[] arguments, string? secretOverride = null)
    {
        string[] all = new[] { "events" }.Concat(arguments).Concat(new[] { "--endpoint-url", server.ServiceUrl, "--output", "json" }).ToArray();
        ToolResult result = await ExternalTool.RunAsync("aws", all, ExternalTool.AwsEnvironment(TestCredentials.Default, secretOverride));
        _output.WriteLine($"aws {string.Join(' ', arguments)} -> {result}");
        return result;
    }
}
