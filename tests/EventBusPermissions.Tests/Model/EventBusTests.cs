using System;
using Xunit;

namespace EventBusPermissions.Tests.Model
{
    public sealed class EventBusTests
    {
        private const string Arn = "arn:aws-cn:events:cn-north-1:444455556666:event-bus/orders";

        private const string Policy = """{"Version":"2012-10-17","Statement":[{"Sid":"Acct1","Effect":"Allow","Principal":{"AWS":"arn:aws-cn:iam::111122223333:root"},"Action":"events:PutEvents","Resource":"arn:aws-cn:events:cn-north-1:444455556666:event-bus/orders"}]}""";

        [Fact]
        public void Create_fills_the_bus_from_DescribeEventBus()
        {
            var created = new DateTime(2024, 12, 29, 3, 28, 59, DateTimeKind.Utc);
            var modified = created.AddDays(1);

            var bus = EventBus.Create("orders", Arn, "Order events", "alias/orders", "arn:aws-cn:sqs:cn-north-1:444455556666:dlq", created, modified, Policy);

            Assert.Equal("orders", bus.Name);
            Assert.Equal(Arn, bus.Arn);
            Assert.Equal("444455556666", bus.AccountId);
            Assert.Equal("cn-north-1", bus.Region);
            Assert.Equal("Order events", bus.Description);
            Assert.Equal("alias/orders", bus.KmsKeyIdentifier);
            Assert.Equal("arn:aws-cn:sqs:cn-north-1:444455556666:dlq", bus.DeadLetterArn);
            Assert.Equal(created, bus.CreationTime);
            Assert.Equal(modified, bus.LastModifiedTime);
            Assert.Equal(Policy, bus.Policy);
            Assert.Null(bus.PolicyParseError);
            Assert.Equal("orders", bus.ToString());

            var permission = Assert.Single(bus.Permissions);
            Assert.Equal("Acct1", permission.StatementId);
            Assert.Equal("111122223333", permission.AccountId);
            Assert.Equal("orders", permission.EventBusName);
            Assert.Equal("cn-north-1", permission.Region);
        }

        [Fact]
        public void Times_are_utc_whatever_kind_they_came_with()
        {
            var unspecified = new DateTime(2024, 12, 29, 3, 28, 59, DateTimeKind.Unspecified);
            var local = new DateTime(2024, 12, 29, 3, 28, 59, DateTimeKind.Local);

            var bus = EventBus.Create("default", null, null, null, null, unspecified, local, null);

            Assert.Equal(DateTimeKind.Utc, bus.CreationTime!.Value.Kind);
            Assert.Equal(unspecified.Ticks, bus.CreationTime.Value.Ticks);
            Assert.Equal(DateTimeKind.Utc, bus.LastModifiedTime!.Value.Kind);
            Assert.Equal(local.ToUniversalTime(), bus.LastModifiedTime.Value);
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("  ")]
        public void A_bus_without_a_policy_has_no_permissions(string? policy)
        {
            var bus = EventBus.Create("default", "arn:aws:events:us-east-1:444455556666:event-bus/default", null, null, null, null, null, policy);

            Assert.NotNull(bus.Permissions);
            Assert.Empty(bus.Permissions);
            Assert.Null(bus.Policy);
            Assert.Null(bus.PolicyParseError);
            Assert.Null(bus.CreationTime);
        }

        [Theory]
        [InlineData("{\"Statement\":[")]
        [InlineData("not json")]
        [InlineData("[]")]
        public void A_policy_that_cannot_be_read_is_kept_and_reported(string policy)
        {
            var bus = EventBus.Create("default", "arn:aws:events:us-east-1:444455556666:event-bus/default", null, null, null, null, null, policy);

            Assert.Equal(policy, bus.Policy);
            Assert.NotNull(bus.Permissions);
            Assert.Empty(bus.Permissions);
            Assert.False(string.IsNullOrEmpty(bus.PolicyParseError));
        }

        [Fact]
        public void An_arn_that_does_not_parse_leaves_account_and_region_unknown()
        {
            var bus = EventBus.Create("default", "not-an-arn", null, null, null, null, null, Policy);

            Assert.Null(bus.AccountId);
            Assert.Null(bus.Region);
            var permission = Assert.Single(bus.Permissions);
            Assert.Null(permission.Region);
            Assert.Equal("default", permission.EventBusName);
        }

        [Fact]
        public void A_partner_bus_keeps_its_whole_name()
        {
            const string name = "aws.partner/example.com/1234567890/orders";

            var bus = EventBus.Create(name, "arn:aws:events:eu-west-1:444455556666:event-bus/" + name, null, null, null, null, null, null);

            Assert.Equal("444455556666", bus.AccountId);
            Assert.Equal("eu-west-1", bus.Region);
            Assert.Equal(name, bus.ToString());
        }
    }
}
