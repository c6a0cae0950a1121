using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using EventBusPermissions.Aws;
using Xunit;

namespace EventBusPermissions.Tests.Client
{
    /// <summary>How service errors reach the module, and which ones the SDK's retry policy retries.</summary>
    public class ErrorAndRetryTests
    {
        private static readonly PutPermissionInput Grant = new PutPermissionInput { Action = "events:PutEvents", Principal = "111122223333", StatementId = "Acct1" };

        [Theory]
        [InlineData("ResourceNotFoundException")]
        [InlineData("com.amazonaws.events#ResourceNotFoundException")]
        [InlineData("ResourceNotFoundException:http://internal.amazon.com/coral/com.amazon.coral.service/")]
        public async Task A_not_found_error_keeps_its_code_message_and_request_id(string type)
        {
            using var server = new RecordingServer().Then(CannedResponse.Error(400, type, "Event bus orders does not exist.", requestId: "req-123"));

            var e = await Assert.ThrowsAsync<EventBridgeApiException>(() => ClientFactory.For(server.Url).DescribeEventBusAsync("orders", CancellationToken.None));

            Assert.Equal("ResourceNotFoundException", e.ErrorCode);
            Assert.Equal("Event bus orders does not exist.", e.Message);
            Assert.Equal("req-123", e.RequestId);
            Assert.Equal(400, e.StatusCode);
            Assert.True(e.IsNotFound);
            Assert.False(e.IsTransient);
            Assert.Single(server.Requests);
        }

        [Fact]
        public async Task A_capitalised_Message_member_is_read_too()
        {
            using var server = new RecordingServer().Then(CannedResponse.Raw(400, "{\"__type\":\"PolicyLengthExceededException\",\"Message\":\"Policy too long\"}", "req-9"));

            var e = await Assert.ThrowsAsync<EventBridgeApiException>(() => ClientFactory.For(server.Url).PutPermissionAsync(Grant, CancellationToken.None));

            Assert.Equal("PolicyLengthExceededException", e.ErrorCode);
            Assert.Equal("Policy too long", e.Message);
        }

        [Fact]
        public async Task Internal_errors_are_retried_and_then_succeed()
        {
            using var server = new RecordingServer()
                .Then(CannedResponse.Error(500, "InternalException", "Try again"))
                .Then(CannedResponse.Error(500, "InternalException", "Try again"))
                .Then(CannedResponse.Ok());

            await ClientFactory.For(server.Url).PutPermissionAsync(Grant, CancellationToken.None);

            Assert.Equal(3, server.Requests.Count);
        }

        [Fact]
        public async Task Throttling_is_retried_with_backoff_and_then_succeeds()
        {
            using var server = new RecordingServer()
                .Then(CannedResponse.Error(400, "ThrottlingException", "Rate exceeded"))
                .Then(CannedResponse.Ok());

            await ClientFactory.For(server.Url).PutPermissionAsync(Grant, CancellationToken.None);

            Assert.Equal(2, server.Requests.Count);
        }

        [Fact]
        public async Task Persistent_throttling_ends_in_a_transient_error_after_the_retry_budget()
        {
            using var server = new RecordingServer().Then(CannedResponse.Error(400, "ThrottlingException", "Rate exceeded"));

            var e = await Assert.ThrowsAsync<EventBridgeApiException>(() => ClientFactory.For(server.Url).PutPermissionAsync(Grant, CancellationToken.None));

            Assert.Equal("ThrottlingException", e.ErrorCode);
            Assert.True(e.IsThrottling);
            Assert.True(e.IsTransient);
            Assert.True(server.Requests.Count > 1, "the SDK retries throttling");
        }

        [Fact]
        public async Task A_concurrent_modification_is_left_to_the_caller_and_marked_transient()
        {
            using var server = new RecordingServer().Then(CannedResponse.Error(400, "ConcurrentModificationException", "Another writer"));

            var e = await Assert.ThrowsAsync<EventBridgeApiException>(() => ClientFactory.For(server.Url).PutPermissionAsync(Grant, CancellationToken.None));

            Assert.Equal("ConcurrentModificationException", e.ErrorCode);
            Assert.True(e.IsTransient);
        }

        [Fact]
        public async Task A_refused_connection_is_a_transient_error_without_a_code()
        {
            int port;
            using (var server = new RecordingServer()) port = server.Port; // closed again: nothing listens there now

            var api = ClientFactory.For($"http://127.0.0.1:{port}");
            var e = await Assert.ThrowsAsync<EventBridgeApiException>(() => api.DescribeEventBusAsync(null, CancellationToken.None));

            Assert.Null(e.ErrorCode);
            Assert.Equal(0, e.StatusCode);
            Assert.True(e.IsTransient);
        }

        [Fact]
        public async Task Cancellation_stops_the_request()
        {
            using var server = new RecordingServer().Then(CannedResponse.Error(500, "InternalException", "slow"));
            using var cts = new CancellationTokenSource();
            cts.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ClientFactory.For(server.Url).DescribeEventBusAsync(null, cts.Token));
        }

        [Fact]
        public async Task A_skewed_clock_is_corrected_from_the_server_date_and_the_request_retried()
        {
            var serverNow = DateTime.UtcNow.AddHours(2);
            var expired = $"Signature expired: {DateTime.UtcNow:yyyyMMddTHHmmssZ} is now earlier than {serverNow.AddMinutes(-15):yyyyMMddTHHmmssZ} ({serverNow:yyyyMMddTHHmmssZ} - 15 min.)";
            using var server = new RecordingServer()
                .Then(CannedResponse.Error(400, "InvalidSignatureException", expired, headers: new Dictionary<string, string> { ["Date"] = serverNow.ToString("R") }))
                .Then(CannedResponse.Ok("{\"Name\":\"default\"}"));

            var bus = await ClientFactory.For(server.Url).DescribeEventBusAsync(null, CancellationToken.None);

            Assert.Equal("default", bus.Name);
            Assert.Equal(2, server.Requests.Count);
            var secondDate = DateTime.ParseExact(server.Requests[1].Headers["X-Amz-Date"], "yyyyMMddTHHmmssZ", System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);
            Assert.InRange(secondDate, serverNow.AddMinutes(-5), serverNow.AddMinutes(5));
        }
    }
}
