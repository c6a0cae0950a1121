using EventBusPermissions.Planning;
using Xunit;

namespace EventBusPermissions.Tests.Planning
{
    public sealed class ActionsTests
    {
        [Theory]
        [InlineData("events:PutEvents")]
        [InlineData("events:putevents")]
        [InlineData("events:X")]
        public void Valid_actions_pass(string action)
        {
            Assert.Null(Actions.Check(action));
        }

        [Theory]
        [InlineData(null, "The action is empty")]
        [InlineData("", "The action is empty")]
        [InlineData("PutEvents", "'PutEvents' is not an EventBridge action")]
        [InlineData("events:", "is not an EventBridge action")]
        [InlineData("events:*", "is not an EventBridge action")]
        [InlineData("events:Put_Events", "is not an EventBridge action")]
        [InlineData("events:Put Events", "is not an EventBridge action")]
        [InlineData("Events:PutEvents", "is not an EventBridge action")]
        [InlineData("sqs:SendMessage", "is not an EventBridge action")]
        [InlineData("events:PutEvents\n", "is not an EventBridge action")]
        [InlineData("events:ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZABCDEF", "is 65 characters long")]
        public void Invalid_actions_say_what_is_wrong(string? action, string expected)
        {
            var error = Actions.Check(action);

            Assert.NotNull(error);
            Assert.Contains(expected, error);
            Assert.Contains("events:PutEvents", error);
        }

        [Fact]
        public void Sixty_four_characters_are_allowed()
        {
            var action = "events:" + new string('A', 57);

            Assert.Equal(64, action.Length);
            Assert.Null(Actions.Check(action));
        }
    }
}
