using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EventBusPermissions.Aws;
using Xunit;

namespace EventBusPermissions.Tests.Client
{
    /// <summary>What the client puts on the wire for each operation, and how it reads the answers.</summary>
    public class WireFormatTests
    {
        [Fact]
        public async Task PutPermission_for_an_account_sends_the_JSON_1_1_request_signed_with_SigV4()
        {
            using var server = new RecordingServer().Then(CannedResponse.Ok());
            var api = ClientFactory.For(server.Url);

            await api.PutPermissionAsync(new PutPermissionInput { Action = "events:PutEvents", Principal = "111122223333", StatementId = "Acct1" }, CancellationToken.None);

            var request = Assert.Single(server.Requests);
            Assert.Equal("POST", request.Method);
            Assert.Equal("/", request.Path);
            Assert.Equal("AWSEvents.PutPermission", request.Headers["X-Amz-Target"]);
            Assert.StartsWith("application/x-amz-json-1.1", request.Headers["Content-Type"]);
            Assert.Equal("{\"Action\":\"events:PutEvents\",\"Principal\":\"111122223333\",\"StatementId\":\"Acct1\"}", request.Body);

            var authorization = request.Headers["Authorization"];
            var today = DateTime.UtcNow.ToString("yyyyMMdd");
            Assert.StartsWith($"AWS4-HMAC-SHA256 Credential={ClientFactory.AccessKey}/", authorization);
            Assert.Matches($@"Credential={ClientFactory.AccessKey}/\d{{8}}/us-east-1/events/aws4_request", authorization);
            var signedHeaders = SignedHeaders(authorization);
            Assert.Contains("host", signedHeaders);
            Assert.Contains("x-amz-date", signedHeaders);
            Assert.Contains("x-amz-target", signedHeaders);
            Assert.DoesNotContain(ClientFactory.SecretKey, string.Join("\n", request.Headers.Values));
            Assert.NotNull(today);
        }

        [Fact]
        public async Task PutPermission_for_an_organization_sends_the_condition_object()
        {
            using var server = new RecordingServer().Then(CannedResponse.Ok());
            var api = ClientFactory.For(server.Url);

            await api.PutPermissionAsync(new PutPermissionInput
            {
                EventBusName = "orders",
                Action = "events:PutEvents",
                Principal = "*",
                StatementId = "OrgAccess",
                PrincipalOrgId = "o-1234567890",
            }, CancellationToken.None);

            Assert.Equal(
                "{\"EventBusName\":\"orders\",\"Action\":\"events:PutEvents\",\"Principal\":\"*\",\"StatementId\":\"OrgAccess\"," +
                "\"Condition\":{\"Type\":\"StringEquals\",\"Key\":\"aws:PrincipalOrgID\",\"Value\":\"o-1234567890\"}}",
                Assert.Single(server.Requests).Body);
        }

        [Fact]
        public async Task PutPermission_with_a_whole_policy_sends_only_the_policy()
        {
            using var server = new RecordingServer().Then(CannedResponse.Ok());
            var policy = "{\"Version\":\"2012-10-17\",\"Statement\":[]}";

            await ClientFactory.For(server.Url).PutPermissionAsync(new PutPermissionInput { Policy = policy }, CancellationToken.None);

            Assert.Equal("{\"Policy\":\"{\\u0022Version\\u0022:\\u00222012-10-17\\u0022,\\u0022Statement\\u0022:[]}\"}", Assert.Single(server.Requests).Body);
        }

        [Fact]
        public async Task RemovePermission_sends_the_statement_or_remove_all()
        {
            using var server = new RecordingServer().Then(CannedResponse.Ok());
            var api = ClientFactory.For(server.Url);

            await api.RemovePermissionAsync(new RemovePermissionInput { StatementId = "Acct1" }, CancellationToken.None);
            await api.RemovePermissionAsync(new RemovePermissionInput { EventBusName = "orders", RemoveAllPermissions = true }, CancellationToken.None);

            Assert.Equal("AWSEvents.RemovePermission", server.Requests[0].Headers["X-Amz-Target"]);
            Assert.Equal("{\"StatementId\":\"Acct1\"}", server.Requests[0].Body);
            Assert.Equal("{\"RemoveAllPermissions\":true,\"EventBusName\":\"orders\"}", server.Requests[1].Body);
        }

        [Fact]
        public async Task DescribeEventBus_without_a_name_sends_an_empty_object()
        {
            using var server = new RecordingServer().Then(CannedResponse.Ok("{\"Name\":\"default\",\"Arn\":\"arn:aws:events:us-east-1:123456789012:event-bus/default\"}"));

            var bus = await ClientFactory.For(server.Url).DescribeEventBusAsync(null, CancellationToken.None);

            var request = Assert.Single(server.Requests);
            Assert.Equal("AWSEvents.DescribeEventBus", request.Headers["X-Amz-Target"]);
            Assert.Equal("{}", request.Body);
            Assert.Equal("default", bus.Name);
            Assert.Null(bus.Policy);
        }

        [Fact]
        public async Task DescribeEventBus_reads_every_member_and_fractional_or_exponent_timestamps()
        {
            using var server = new RecordingServer().Then(CannedResponse.Ok(
                "{ \"Name\" : \"orders\", \"Arn\":\"arn:aws:events:eu-west-1:123456789012:event-bus/orders\"," +
                "\"Description\":\"Orders from shops\",\"KmsKeyIdentifier\":\"alias/orders\"," +
                "\"DeadLetterConfig\":{\"Arn\":\"arn:aws:sqs:eu-west-1:123456789012:dlq\"}," +
                "\"LogConfig\":{\"IncludeDetail\":\"FULL\",\"Level\":\"INFO\"}," +
                "\"Policy\":\"{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[]}\"," +
                "\"CreationTime\":1.735442939457E9,\"LastModifiedTime\":1735442940.5}"));

            var bus = await ClientFactory.For(server.Url).DescribeEventBusAsync("orders", CancellationToken.None);

            Assert.Equal("orders", bus.Name);
            Assert.Equal("arn:aws:events:eu-west-1:123456789012:event-bus/orders", bus.Arn);
            Assert.Equal("Orders from shops", bus.Description);
            Assert.Equal("alias/orders", bus.KmsKeyIdentifier);
            Assert.Equal("arn:aws:sqs:eu-west-1:123456789012:dlq", bus.DeadLetterArn);
            Assert.Equal("{\"Version\":\"2012-10-17\",\"Statement\":[]}", bus.Policy);
            Assert.Equal(new DateTime(2024, 12, 29, 3, 28, 59, 457, DateTimeKind.Utc), bus.CreationTime);
            Assert.Equal(DateTimeKind.Utc, bus.CreationTime!.Value.Kind);
            Assert.Equal(new DateTime(2024, 12, 29, 3, 29, 0, 500, DateTimeKind.Utc), bus.LastModifiedTime);
        }

        [Fact]
        public async Task ListEventBuses_follows_every_page_and_reads_the_names()
        {
            using var server = new RecordingServer()
                .Then(CannedResponse.Ok("{\"EventBuses\":[{\"Name\":\"default\",\"Arn\":\"a\"},{\"Name\":\"orders\"}],\"NextToken\":\"page2\"}"))
                .Then(CannedResponse.Ok("{\"EventBuses\":[{\"Name\":\"audit\",\"Policy\":\"{}\"}]}"));

            var names = await ClientFactory.For(server.Url).ListEventBusNamesAsync(null, CancellationToken.None);

            Assert.Equal(new[] { "default", "orders", "audit" }, names);
            Assert.Equal("AWSEvents.ListEventBuses", server.Requests[0].Headers["X-Amz-Target"]);
            Assert.Equal("{\"Limit\":100}", server.Requests[0].Body);
            Assert.Equal("{\"NextToken\":\"page2\",\"Limit\":100}", server.Requests[1].Body);
        }

        [Fact]
        public async Task A_session_token_is_sent_and_signed()
        {
            using var server = new RecordingServer().Then(CannedResponse.Ok("{\"Name\":\"default\"}"));

            await ClientFactory.For(server.Url, sessionToken: "tempSessionTokenEXAMPLE").DescribeEventBusAsync(null, CancellationToken.None);

            var request = Assert.Single(server.Requests);
            Assert.Equal("tempSessionTokenEXAMPLE", request.Headers["X-Amz-Security-Token"]);
            Assert.Contains("x-amz-security-token", SignedHeaders(request.Headers["Authorization"]));
        }

        private static string[] SignedHeaders(string authorization)
        {
            var part = authorization.Split(',').Select(p => p.Trim()).First(p => p.StartsWith("SignedHeaders=", StringComparison.Ordinal));
            return part.Substring("SignedHeaders=".Length).Split(';');
        }
    }
}
