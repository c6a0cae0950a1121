using EventBusPermissions.Planning;
using Xunit;

namespace EventBusPermissions.Tests.Planning
{
    public sealed class AccountIdsTests
    {
        [Theory]
        [InlineData("111122223333", "111122223333")]
        [InlineData("  111122223333\t", "111122223333")]
        [InlineData("1111-2222-3333", "111122223333")]
        [InlineData("1111 2222 3333", "111122223333")]
        [InlineData(" 1111-2222-3333 ", "111122223333")]
        [InlineData("000000000000", "000000000000")]
        [InlineData("*", "*")]
        [InlineData(" * ", "*")]
        public void Valid_ids_are_normalized(string input, string expected)
        {
            Assert.True(AccountIds.TryNormalize(input, out var normalized, out var error));
            Assert.Equal(expected, normalized);
            Assert.Null(error);
            Assert.Null(AccountIds.Check(input));
        }

        [Theory]
        [InlineData(null, "No account id was given")]
        [InlineData("", "is empty")]
        [InlineData("   ", "is empty")]
        [InlineData("12345", "has 5 digits, not 12")]
        [InlineData("1", "has 1 digit, not 12")]
        [InlineData("1111222233334", "has 13 digits, not 12")]
        [InlineData("11112222333", "has 11 digits, not 12")]
        [InlineData("1111-2222-333", "has 11 digits, not 12")]
        [InlineData("11112222333a", "contains letters ('a')")]
        [InlineData("abcdefghijkl", "contains letters ('a')")]
        [InlineData("1111_2222_3333", "contains '_'")]
        [InlineData("1111.2222.3333", "contains '.'")]
        [InlineData("1111\t2222\t3333", "U+0009")]
        [InlineData("**", "contains '*'")]
        [InlineData("1111--2222-3333", "grouped wrongly")]
        [InlineData("1111  2222 3333", "grouped wrongly")]
        [InlineData("1111-2222 3333", "grouped wrongly")]
        [InlineData("111-122223333", "grouped wrongly")]
        [InlineData("arn:aws:iam::111122223333:root", "is an ARN")]
        [InlineData("١١١١٢٢٢٢٣٣٣٣", "contains")]
        public void Invalid_ids_say_what_is_wrong(string? input, string expected)
        {
            Assert.False(AccountIds.TryNormalize(input, out var normalized, out var error));
            Assert.Equal(string.Empty, normalized);
            Assert.NotNull(error);
            Assert.Contains(expected, error);
            Assert.Contains("12 digits", error);
            Assert.Equal(error, AccountIds.Check(input));
        }

        [Fact]
        public void The_message_names_the_input()
        {
            AccountIds.TryNormalize("12345", out _, out var error);

            Assert.Equal("The account id '12345' has 5 digits, not 12: an account id is 12 digits, such as 111122223333 or 1111-2222-3333, or * for every account.", error);
        }

        [Fact]
        public void A_very_long_input_is_shortened_in_the_message()
        {
            var input = new string('1', 500);

            AccountIds.TryNormalize(input, out _, out var error);

            Assert.Contains("has 500 digits", error);
            Assert.True(error!.Length < 300);
        }
    }
}
