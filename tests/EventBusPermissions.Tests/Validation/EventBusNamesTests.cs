using EventBusPermissions.Validation;
using Xunit;

namespace EventBusPermissions.Tests.Validation
{
    public sealed class EventBusNamesTests
    {
        [Theory]
        [InlineData("default")]
        [InlineData("orders.v2_eu-west")]
        [InlineData("A")]
        public void Valid_names_pass(string name)
        {
            Assert.Null(EventBusNames.CheckName(name));
            Assert.Null(EventBusNames.CheckNameOrArn(name));
        }

        [Theory]
        [InlineData("arn:aws:events:us-east-1:444455556666:event-bus/default")]
        [InlineData("arn:aws-us-gov:events:us-gov-west-1:444455556666:event-bus/orders")]
        [InlineData("arn:aws:events:eu-west-1:444455556666:event-bus/aws.partner/example.com/123/orders")]
        [InlineData("aws.partner/example.com/123/orders")]
        public void Valid_names_and_ARNs_pass_for_DescribeEventBus(string nameOrArn)
        {
            Assert.Null(EventBusNames.CheckNameOrArn(nameOrArn));
        }

        // $ matched before a final newline; the service would refuse the name after the request was sent.
        [Theory]
        [InlineData("default\n")]
        [InlineData("default\r\n")]
        [InlineData("\ndefault")]
        public void A_name_with_a_line_break_is_refused(string name)
        {
            Assert.NotNull(EventBusNames.CheckName(name));
            Assert.NotNull(EventBusNames.CheckNameOrArn(name));
        }

        [Fact]
        public void An_ARN_with_a_trailing_newline_is_refused()
        {
            Assert.NotNull(EventBusNames.CheckNameOrArn("arn:aws:events:us-east-1:444455556666:event-bus/default\n"));
        }

        // \d and \w matched non-ASCII digits and letters, which the service refuses.
        [Theory]
        [InlineData("arn:aws:events:us-east-1:٤٤٤٤٥٥٥٥٦٦٦٦:event-bus/default")]
        [InlineData("arn:aws:events:us-east-١:444455556666:event-bus/default")]
        [InlineData("arn:awsé:events:us-east-1:444455556666:event-bus/default")]
        [InlineData("arn:aws:events:us-éast-1:444455556666:event-bus/default")]
        public void An_ARN_with_non_ASCII_digits_or_letters_is_refused(string arn)
        {
            var error = EventBusNames.CheckNameOrArn(arn);

            Assert.NotNull(error);
            Assert.Contains("neither an event bus name", error);
        }

        [Fact]
        public void A_name_with_non_ASCII_letters_is_refused()
        {
            Assert.NotNull(EventBusNames.CheckName("ordérs"));
            Assert.NotNull(EventBusNames.CheckName("orders١"));
        }
    }
}
