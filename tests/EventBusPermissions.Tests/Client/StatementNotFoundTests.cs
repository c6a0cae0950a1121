using System;
using System.Threading;
using System.Threading.Tasks;
using EventBusPermissions.Aws;
using Xunit;

namespace EventBusPermissions.Tests.Client
{
    /// <summary>
    /// RemovePermission's ResourceNotFoundException says either that the statement is not there (the revoke holds) or
    /// that the bus is not there (an error): the client tells them apart, from the answer on the wire.
    /// </summary>
    public class StatementNotFoundTests
    {
        private static readonly RemovePermissionInput Remove = new RemovePermissionInput { EventBusName = "orders", StatementId = "Account-111122223333" };

        [Theory]
        [InlineData("ResourceNotFoundException", "Statement with the provided id does not exist.")] // AWS, also on a bus without a policy
        [InlineData("com.amazonaws.events#ResourceNotFoundException", "Statement with the provided id does not exist.")]
        [InlineData("ResourceNotFoundException", "EventBus does not have a policy.")] // moto, on a bus without a policy
        public async Task RemovePermission_not_finding_the_statement_says_so(string type, string message)
        {
            var e = await RemoveFails(CannedResponse.Error(400, type, message));

            Assert.True(e.IsStatementNotFound);
            Assert.True(e.IsNotFound);
            Assert.Equal(message, e.Message);
        }

        [Theory]
        [InlineData("Event bus orders does not exist.")] // AWS, moto and the local endpoint
        [InlineData("Event bus arn:aws:events:us-east-1:123456789012:event-bus/orders does not exist.")]
        [InlineData("EventBus orders does not exist.")]
        public async Task RemovePermission_not_finding_the_bus_is_not_a_missing_statement(string message)
        {
            var e = await RemoveFails(CannedResponse.Error(400, "ResourceNotFoundException", message));

            Assert.False(e.IsStatementNotFound);
            Assert.True(e.IsNotFound);
        }

        [Theory]
        [InlineData("ValidationException", "Statement id must match [a-zA-Z0-9-_]+")]
        [InlineData("InvalidParameterValue", "StatementId must match ^[a-zA-Z0-9-_]{1,64}$")]
        [InlineData("AccessDeniedException", "Statement cannot be removed by this user")]
        public async Task Another_refusal_of_RemovePermission_is_not_a_missing_statement(string type, string message)
        {
            var e = await RemoveFails(CannedResponse.Error(400, type, message));

            Assert.False(e.IsStatementNotFound);
        }

        [Fact]
        public async Task The_same_answer_to_another_operation_is_not_a_missing_statement()
        {
            using var server = new RecordingServer().Then(CannedResponse.Error(400, "ResourceNotFoundException", "Statement with the provided id does not exist."));
            var api = ClientFactory.For(server.Url);

            var describe = await Assert.ThrowsAsync<EventBridgeApiException>(() => api.DescribeEventBusAsync("orders", CancellationToken.None));
            var put = await Assert.ThrowsAsync<EventBridgeApiException>(() =>
                api.PutPermissionAsync(new PutPermissionInput { EventBusName = "orders", Action = "events:PutEvents", Principal = "111122223333", StatementId = "A" }, CancellationToken.None));

            Assert.False(describe.IsStatementNotFound);
            Assert.False(put.IsStatementNotFound);
        }

        [Fact]
        public void A_message_the_module_wraps_around_it_keeps_it()
        {
            var answer = new EventBridgeApiException("Statement with the provided id does not exist.", "ResourceNotFoundException", 400, "req-1", false, isStatementNotFound: true);

            var wrapped = new EventBridgeApiException("Cannot revoke statement 'A': " + answer.Message, answer.ErrorCode, answer.StatusCode, answer.RequestId, false, answer);

            Assert.True(wrapped.IsStatementNotFound);
        }

        private static async Task<EventBridgeApiException> RemoveFails(CannedResponse answer)
        {
            using var server = new RecordingServer().Then(answer);
            var e = await Assert.ThrowsAsync<EventBridgeApiException>(() => ClientFactory.For(server.Url).RemovePermissionAsync(Remove, CancellationToken.None));
            Assert.Equal("AWSEvents.RemovePermission", server.Requests[0].Headers["X-Amz-Target"]);
            return e;
        }
    }
}
