using System;
using System.Linq;
using EventBusPermissions.Planning;
using Xunit;

namespace EventBusPermissions.Tests.Planning
{
    public sealed class ExpectedStatementTests
    {
        [Fact]
        public void An_account_grant_is_stored_with_the_root_ARN()
        {
            var json = ExpectedStatement.Json(Buses.Account("111122223333"), Buses.Arn);

            Assert.Equal(
                """{"Sid":"Account-111122223333","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"events:PutEvents","Resource":"arn:aws:events:us-east-1:444455556666:event-bus/default"}""",
                json);
        }

        [Fact]
        public void Everyone_is_the_plain_string()
        {
            var json = ExpectedStatement.Json(Buses.Account("*"), Buses.Arn);

            Assert.Equal(
                """{"Sid":"AllAccounts","Effect":"Allow","Principal":"*","Action":"events:PutEvents","Resource":"arn:aws:events:us-east-1:444455556666:event-bus/default"}""",
                json);
        }

        [Fact]
        public void An_organization_grant_carries_the_condition()
        {
            var json = ExpectedStatement.Json(Buses.Organization("o-1234567890", "OrgAccess"), Buses.Arn);

            Assert.Equal(
                """{"Sid":"OrgAccess","Effect":"Allow","Principal":"*","Action":"events:PutEvents","Resource":"arn:aws:events:us-east-1:444455556666:event-bus/default","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-1234567890"}}}""",
                json);
        }

        [Theory]
        [InlineData("arn:aws-cn:events:cn-north-1:444455556666:event-bus/orders", "arn:aws-cn:iam::111122223333:root")]
        [InlineData("arn:aws-us-gov:events:us-gov-west-1:444455556666:event-bus/default", "arn:aws-us-gov:iam::111122223333:root")]
        [InlineData("arn:aws:events:eu-west-1:444455556666:event-bus/aws.partner/acme.com/123/orders", "arn:aws:iam::111122223333:root")]
        public void The_partition_follows_the_bus(string busArn, string principal)
        {
            var json = ExpectedStatement.Json(Buses.Account("111122223333"), busArn);

            Assert.Contains("\"AWS\":\"" + principal + "\"", json);
            Assert.Contains("\"Resource\":\"" + busArn + "\"", json);
        }

        [Theory]
        [InlineData("default")]
        [InlineData("arn:aws:sqs:us-east-1:444455556666:queue")]
        [InlineData("")]
        public void A_bus_ARN_is_required(string busArn)
        {
            Assert.Throws<ArgumentException>(() => ExpectedStatement.Json(Buses.Account("111122223333"), busArn));
        }

        [Fact]
        public void The_policy_parser_reads_the_statements_back_as_asked()
        {
            var grants = new[]
            {
                Buses.Account("111122223333"),
                Buses.Account("*"),
                Buses.Organization("o-abc123def4"),
            };
            var bus = Buses.Holding(grants);

            Assert.Null(bus.PolicyParseError);
            Assert.Equal(3, bus.Permissions.Length);

            var account = bus.Permissions[0];
            Assert.Equal("Account-111122223333", account.StatementId);
            Assert.Equal("111122223333", account.AccountId);
            Assert.Equal("111122223333", account.Principal);
            Assert.Equal("events:PutEvents", account.Action);
            Assert.Equal("Allow", account.Effect);
            Assert.Equal(Buses.Arn, account.Resource);
            Assert.Null(account.Condition);
            Assert.Null(account.OrganizationId);

            var everyone = bus.Permissions[1];
            Assert.Equal("*", everyone.Principal);
            Assert.Null(everyone.AccountId);
            Assert.Null(everyone.Condition);

            var organization = bus.Permissions[2];
            Assert.Equal("*", organization.Principal);
            Assert.Equal("o-abc123def4", organization.OrganizationId);
            Assert.Null(organization.AccountId);

            // The parser's compact form is byte for byte what was predicted.
            Assert.Equal(grants.Select(g => ExpectedStatement.Json(g, Buses.Arn)), bus.Permissions.Select(p => p.StatementJson));
            Assert.All(grants.Zip(bus.Permissions, (g, p) => (g, p)), pair => Assert.True(GrantMatcher.Holds(pair.p, pair.g)));
        }
    }
}
