using System;
using EventBusPermissions.Planning;
using Xunit;

namespace EventBusPermissions.Tests.Planning
{
    public sealed class GrantRequestTests
    {
        [Fact]
        public void An_account_grant_gets_the_default_statement_id()
        {
            var grant = GrantRequest.ForAccount("1111-2222-3333", Actions.PutEvents);

            Assert.Equal("111122223333", grant.Principal);
            Assert.Null(grant.OrganizationId);
            Assert.Equal("events:PutEvents", grant.Action);
            Assert.Equal("Account-111122223333", grant.StatementId);
            Assert.Equal("events:PutEvents for account 111122223333", grant.Describe());
        }

        [Fact]
        public void Everyone_gets_AllAccounts()
        {
            var grant = GrantRequest.ForAccount("*", Actions.PutEvents);

            Assert.Equal("*", grant.Principal);
            Assert.Null(grant.OrganizationId);
            Assert.Equal("AllAccounts", grant.StatementId);
        }

        [Fact]
        public void An_organization_grant_is_for_everyone_with_the_organization()
        {
            var grant = GrantRequest.ForOrganization("o-abc123def4", Actions.PutEvents);

            Assert.Equal("*", grant.Principal);
            Assert.Equal("o-abc123def4", grant.OrganizationId);
            Assert.Equal("Organization-o-abc123def4", grant.StatementId);
            Assert.Contains("organization o-abc123def4", grant.Describe());
        }

        [Fact]
        public void A_given_statement_id_is_kept()
        {
            Assert.Equal("Partner", GrantRequest.ForAccount("111122223333", Actions.PutEvents, "Partner").StatementId);
            Assert.Equal("OrgAccess", GrantRequest.ForOrganization("o-abc123def4", Actions.PutEvents, "OrgAccess").StatementId);
        }

        [Theory]
        [InlineData("12345", "events:PutEvents", null, "accountId")]
        [InlineData("111122223333", "PutEvents", null, "action")]
        [InlineData("111122223333", "events:PutEvents", "bad id", "statementId")]
        [InlineData("111122223333", "events:PutEvents", "", "statementId")]
        public void Invalid_inputs_throw_with_the_rule_message(string account, string action, string? statementId, string parameter)
        {
            var ex = Assert.Throws<ArgumentException>(() => GrantRequest.ForAccount(account, action, statementId));
            Assert.Equal(parameter, ex.ParamName);
        }

        [Fact]
        public void An_invalid_organization_throws()
        {
            var ex = Assert.Throws<ArgumentException>(() => GrantRequest.ForOrganization("o-short", Actions.PutEvents));
            Assert.Equal("organizationId", ex.ParamName);
        }

        [Fact]
        public void Equal_grants_are_equal()
        {
            var a = GrantRequest.ForAccount("111122223333", Actions.PutEvents);
            var b = GrantRequest.ForAccount("1111 2222 3333", Actions.PutEvents, "Account-111122223333");

            Assert.Equal(a, b);
            Assert.Equal(a.GetHashCode(), b.GetHashCode());
            Assert.NotEqual(a, GrantRequest.ForAccount("111122223333", Actions.PutEvents, "Other"));
            Assert.NotEqual(GrantRequest.ForAccount("*", Actions.PutEvents, "X"), GrantRequest.ForOrganization("o-abc123def4", Actions.PutEvents, "X"));
        }
    }
}
