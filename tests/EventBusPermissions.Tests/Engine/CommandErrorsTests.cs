using System.Management.Automation;
using EventBusPermissions.Aws;
using EventBusPermissions.Engine;
using Xunit;

namespace EventBusPermissions.Tests.Engine
{
    /// <summary>
    /// The error a user sees for each service answer: its id is the service's code, and its category says what kind of
    /// trouble it is, also for codes outside the API model (moto's, the JSON protocol's, other AWS front ends').
    /// </summary>
    public sealed class CommandErrorsTests
    {
        [Theory]
        [InlineData("ResourceNotFoundException", 400, ErrorCategory.ObjectNotFound)]
        [InlineData("AccessDeniedException", 400, ErrorCategory.PermissionDenied)]
        [InlineData("UnrecognizedClientException", 400, ErrorCategory.AuthenticationError)]
        [InlineData("InvalidSignatureException", 400, ErrorCategory.AuthenticationError)]
        [InlineData("ExpiredTokenException", 400, ErrorCategory.AuthenticationError)]
        [InlineData("ValidationException", 400, ErrorCategory.InvalidArgument)]
        [InlineData("InvalidParameterValue", 400, ErrorCategory.InvalidArgument)] // moto
        [InlineData("SerializationException", 400, ErrorCategory.InvalidArgument)]
        [InlineData("InvalidParameterException", 400, ErrorCategory.InvalidArgument)]
        [InlineData("ThrottlingException", 400, ErrorCategory.LimitsExceeded)]
        [InlineData("LimitExceededException", 400, ErrorCategory.LimitsExceeded)]
        [InlineData("PolicyLengthExceededException", 400, ErrorCategory.LimitsExceeded)]
        [InlineData("ConcurrentModificationException", 400, ErrorCategory.ResourceBusy)]
        [InlineData("OperationDisabledException", 400, ErrorCategory.NotEnabled)]
        [InlineData("InternalException", 500, ErrorCategory.ResourceUnavailable)]
        [InlineData("ServiceUnavailable", 503, ErrorCategory.ResourceUnavailable)]
        [InlineData("ServiceUnavailableException", 503, ErrorCategory.ResourceUnavailable)]
        [InlineData("SomethingNewException", 502, ErrorCategory.ResourceUnavailable)]
        [InlineData("SomethingNewException", 400, ErrorCategory.NotSpecified)]
        public void A_service_error_has_the_code_as_its_id_and_the_category_of_its_kind(string code, int status, ErrorCategory expected)
        {
            var record = CommandErrors.Service(new EventBridgeApiException("refused", code, status, "req-1", false), "Cannot read event bus 'orders' in us-east-1", "orders");

            Assert.Equal(code, record.FullyQualifiedErrorId);
            Assert.Equal(expected, record.CategoryInfo.Category);
            Assert.Equal("Cannot read event bus 'orders' in us-east-1: refused (request id req-1)", record.Exception.Message);
        }

        [Fact]
        public void No_answer_at_all_is_a_connection_error()
        {
            var record = CommandErrors.Service(new EventBridgeApiException("The request could not be completed: connection refused.", null, 0, null, false), "Cannot read", null);

            Assert.Equal("RequestFailed", record.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ConnectionError, record.CategoryInfo.Category);
        }

        [Fact]
        public void Throttling_under_a_code_not_listed_is_a_limit_exceeded()
        {
            var record = CommandErrors.Service(new EventBridgeApiException("Slow down", "SlowDown", 400, null, isThrottling: true), "Cannot grant", null);

            Assert.Equal(ErrorCategory.LimitsExceeded, record.CategoryInfo.Category);
        }
    }
}
