using System;
using Xunit;

namespace EventBusPermissions.Tests.Model
{
    public sealed class EventBusArnTests
    {
        [Theory]
        [InlineData("arn:aws:events:us-east-1:444455556666:event-bus/default", "aws", "us-east-1", "444455556666", "default")]
        [InlineData("arn:aws-cn:events:cn-northwest-1:444455556666:event-bus/orders", "aws-cn", "cn-northwest-1", "444455556666", "orders")]
        [InlineData("arn:aws-us-gov:events:us-gov-west-1:444455556666:event-bus/my.bus_1-a", "aws-us-gov", "us-gov-west-1", "444455556666", "my.bus_1-a")]
        [InlineData("arn:aws-iso-b:events:us-isob-east-1:444455556666:event-bus/default", "aws-iso-b", "us-isob-east-1", "444455556666", "default")]
        [InlineData("arn:aws:events:eu-west-1:444455556666:event-bus/aws.partner/example.com/1234567890/orders", "aws", "eu-west-1", "444455556666", "aws.partner/example.com/1234567890/orders")]
        public void Parses_event_bus_arns(string arn, string partition, string region, string accountId, string name)
        {
            Assert.True(EventBusArn.TryParse(arn, out var actualPartition, out var actualRegion, out var actualAccount, out var actualName));

            Assert.Equal(partition, actualPartition);
            Assert.Equal(region, actualRegion);
            Assert.Equal(accountId, actualAccount);
            Assert.Equal(name, actualName);
            Assert.Equal(arn, EventBusArn.Format(partition, region, accountId, name));
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("default")]
        [InlineData("arn:aws:sqs:us-east-1:444455556666:event-bus/default")]
        [InlineData("arn:aws:events:us-east-1:44445555666:event-bus/default")]
        [InlineData("arn:aws:events:us-east-1:4444555566667:event-bus/default")]
        [InlineData("arn:aws:events:us-east-1:444455556666:default")]
        [InlineData("arn:aws:events:us-east-1:444455556666:rule/default")]
        [InlineData("arn:aws:events:us-east-1:444455556666:event-bus/")]
        [InlineData("arn:azure:events:us-east-1:444455556666:event-bus/default")]
        [InlineData("arn:aws:events::444455556666:event-bus/default")]
        [InlineData("arn:aws:events:us-east-1:444455556666:event-bus/default\n")]
        [InlineData("arn:aws:events:us-east-1:٤٤٤٤٥٥٥٥٦٦٦٦:event-bus/default")]
        [InlineData(" arn:aws:events:us-east-1:444455556666:event-bus/default")]
        public void Refuses_what_is_not_an_event_bus_arn(string? arn)
        {
            Assert.False(EventBusArn.TryParse(arn, out var partition, out var region, out var accountId, out var name));

            Assert.Equal(string.Empty, partition);
            Assert.Equal(string.Empty, region);
            Assert.Equal(string.Empty, accountId);
            Assert.Equal(string.Empty, name);
        }

        [Theory]
        [InlineData("us-east-1", "aws")]
        [InlineData("eu-central-2", "aws")]
        [InlineData("cn-north-1", "aws-cn")]
        [InlineData("cn-northwest-1", "aws-cn")]
        [InlineData("us-gov-west-1", "aws-us-gov")]
        [InlineData("us-gov-east-1", "aws-us-gov")]
        [InlineData("us-iso-east-1", "aws-iso")]
        [InlineData("us-isob-east-1", "aws-iso-b")]
        [InlineData("us-isof-south-1", "aws-iso-f")]
        [InlineData("eu-isoe-west-1", "aws-iso-e")]
        [InlineData("eusc-de-east-1", "aws-eusc")]
        public void Knows_the_partition_of_a_region(string region, string partition)
        {
            Assert.Equal(partition, EventBusArn.PartitionOf(region));
        }

        [Fact]
        public void Format_refuses_null_parts()
        {
            Assert.Throws<ArgumentNullException>(() => EventBusArn.Format("aws", "us-east-1", null!, "default"));
        }
    }
}
