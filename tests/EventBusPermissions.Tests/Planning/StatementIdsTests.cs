using System;
using EventBusPermissions.Planning;
using Xunit;

namespace EventBusPermissions.Tests.Planning
{
    public sealed class StatementIdsTests
    {
        [Theory]
        [InlineData("a")]
        [InlineData("Account-111122223333")]
        [InlineData("Org_Access-2")]
        [InlineData("-_-")]
        [InlineData("0123456789012345678901234567890123456789012345678901234567890123")]
        public void Valid_ids_pass(string id)
        {
            Assert.Null(StatementIds.Check(id));
        }

        [Theory]
        [InlineData(null, "is empty")]
        [InlineData("", "is empty")]
        [InlineData("has space", "contains a space")]
        [InlineData("dot.ted", "contains '.'")]
        [InlineData("colon:id", "contains ':'")]
        [InlineData("slash/id", "contains '/'")]
        [InlineData("star*", "contains '*'")]
        [InlineData("ünïcode", "contains 'ü'")]
        [InlineData("tab\tid", "U+0009")]
        [InlineData(" lead", "contains a space")]
        [InlineData("01234567890123456789012345678901234567890123456789012345678901234", "is 65 characters long")]
        public void Invalid_ids_say_what_is_wrong(string? id, string expected)
        {
            var error = StatementIds.Check(id);

            Assert.NotNull(error);
            Assert.Contains(expected, error);
            Assert.Contains("statement id", error);
            Assert.Contains("1 to 64 letters, digits, '-' or '_'", error);
        }

        [Fact]
        public void Default_ids_follow_the_scheme()
        {
            Assert.Equal("Account-111122223333", StatementIds.ForAccount("111122223333"));
            Assert.Equal("AllAccounts", StatementIds.ForEveryone());
            Assert.Equal("AllAccounts", StatementIds.ForAccount("*"));
            Assert.Equal("Organization-o-abc123def4", StatementIds.ForOrganization("o-abc123def4"));
        }

        [Fact]
        public void Default_ids_pass_the_rule_even_for_the_longest_organization_id()
        {
            var longest = "o-" + new string('z', 32);

            var id = StatementIds.ForOrganization(longest);

            Assert.Equal(47, id.Length);
            Assert.Null(StatementIds.Check(id));
            Assert.Null(StatementIds.Check(StatementIds.ForAccount("999999999999")));
            Assert.Null(StatementIds.Check(StatementIds.ForEveryone()));
        }

        [Theory]
        [InlineData("1111-2222-3333")]
        [InlineData("12345")]
        [InlineData("")]
        public void ForAccount_takes_only_normalized_ids(string accountId)
        {
            Assert.Throws<ArgumentException>(() => StatementIds.ForAccount(accountId));
        }

        [Fact]
        public void ForOrganization_takes_only_valid_ids()
        {
            var ex = Assert.Throws<ArgumentException>(() => StatementIds.ForOrganization("O-ABC"));
            Assert.Contains("organization id", ex.Message);
        }
    }
}
