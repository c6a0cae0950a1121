using System.Text.Json;
using System.Threading.Tasks;
using LocalEventBridge;
using Xunit;
using Xunit.Abstractions;

namespace EventBusPermissions.Tests.LocalEndpoint;

/// <summary>boto3 with temporary credentials (a signed session token) against the local endpoint.</summary>
public sealed class Boto3Tests
{
    // Prints one JSON line: what boto3 saw, so the assertions stay in C#.
    private const string Script = """
import json, os, datetime
import boto3
from botocore.exceptions import ClientError
client = boto3.client("events", endpoint_url=os.environ["LEB_ENDPOINT"], region_name="eu-west-1")
client.put_permission(EventBusName="default", Action="events:PutEvents", Principal="111122223333", StatementId="Boto")
bus = client.describe_event_bus()
result = {
    "arn": bus["Arn"],
    "policy": bus["Policy"],
    "creationTimeIsDate": isinstance(bus["CreationTime"], datetime.datetime),
}
bad = boto3.client("events", endpoint_url=os.environ["LEB_ENDPOINT"], region_name="eu-west-1",
                   aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"], aws_secret_access_key=os.environ["AWS_SECRET_ACCESS_KEY"],
                   aws_session_token="wrongToken")
try:
    bad.describe_event_bus()
    result["wrongTokenError"] = None
except ClientError as e:
    result["wrongTokenError"] = e.response["Error"]["Code"]
print(json.dumps(result))
""";

    private readonly ITestOutputHelper _output;

    public Boto3Tests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public async Task Boto3_with_a_session_token_puts_and_reads_a_permission()
    {
        if (!ExternalTool.HasBoto3)
        {
            _output.WriteLine("SKIPPED: python3 with boto3 is not available, so this test did not run.");
            return;
        }

        await using LocalEventBridgeServer server = await LocalEventBridgeServer.StartAsync();
        var environment = ExternalTool.AwsEnvironment(TestCredentials.Temporary, region: "eu-west-1");
        environment["LEB_ENDPOINT"] = server.ServiceUrl;
        ToolResult run = await ExternalTool.RunAsync("python3", new[] { "-c", Script }, environment);
        _output.WriteLine(run.ToString());
        Assert.True(run.ExitCode == 0, run.ToString());

        JsonElement result = JsonDocument.Parse(run.StandardOutput).RootElement;
        Assert.Equal("arn:aws:events:eu-west-1:123456789012:event-bus/default", result.GetProperty("arn").GetString());
        Assert.Equal(
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Boto\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":\"events:PutEvents\",\"Resource\":\"arn:aws:events:eu-west-1:123456789012:event-bus/default\"}]}",
            result.GetProperty("policy").GetString());
        Assert.True(result.GetProperty("creationTimeIsDate").GetBoolean());
        Assert.Equal("UnrecognizedClientException", result.GetProperty("wrongTokenError").GetString());
        Assert.Contains(server.Requests.Snapshot(), entry => entry.AccessKeyId == TestCredentials.Temporary.AccessKeyId && entry.HttpStatus == 200);
    }
}
