using EventBusPermissions.Planning;
using Xunit;

namespace EventBusPermissions.Tests.Planning
{
    public sealed class OrganizationIdsTests
    {
        [Theory]
        [InlineData("o-abc123def4")]
        [InlineData("o-1234567890")]
        [InlineData("o-abcdefghijklmnopqrstuvwxyz012345")]
        public void Valid_ids_pass(string id)
        {
            Assert.Null(OrganizationIds.Check(id));
        }

        [Theory]
        [InlineData(null, "is empty")]
        [InlineData("", "is empty")]
        [InlineData("abc123def4", "does not begin with 'o-'")]
        [InlineData("O-abc123def4", "does not begin with 'o-'")]
        [InlineData("o-ABC123DEF4", "contains capital letters")]
        [InlineData("o-abc123def", "has 9 characters after 'o-'")]
        [InlineData("o-abcdefghijklmnopqrstuvwxyz0123456", "has 33 characters after 'o-'")]
        [InlineData("o-abc_123def4", "contains '_'")]
        [InlineData("o-abc123def4 ", "contains a space")]
        [InlineData("r-ab12", "root or an organizational unit")]
        [InlineData("ou-ab12-abcdefgh", "root or an organizational unit")]
        [InlineData("arn:aws:organizations::111122223333:organization/o-abc123def4", "is an ARN")]
        public void Invalid_ids_say_what_is_wrong(string? id, string expected)
        {
            var error = OrganizationIds.Check(id);

            Assert.NotNull(error);
            Assert.Contains(expected, error);
            Assert.Contains("'o-' followed by 10 to 32 lowercase letters or digits", error);
        }
    }
}
