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

            Assert.Equal("The account id '12345' has 5 digits, not 12: an account id is 12 digits, such as 111122223333 or 1111-2222-3333, or * for every account."
                + " An id typed without quotes is read by PowerShell as a number, which drops leading zeros; if the id starts with 0, write it in quotes: '000000012345'.", error);
        }

        // -AccountId 012345678901 without quotes reaches the module as the number 12345678901.
        [Theory]
        [InlineData("12345678901", "'012345678901'")]
        [InlineData(" 2345678901 ", "'002345678901'")]
        [InlineData("1", "'000000000001'")]
        public void Digits_short_of_12_explain_the_lost_leading_zeros(string input, string quotedPadded)
        {
            var error = AccountIds.Check(input);

            Assert.NotNull(error);
            Assert.Contains("without quotes is read by PowerShell as a number, which drops leading zeros", error);
            Assert.Contains("write it in quotes: " + quotedPadded, error);
        }

        [Theory]
        [InlineData("1111222233334")]
        [InlineData("1111-2222-333")]
        [InlineData("1111 2222 333")]
        [InlineData("12345a")]
        [InlineData("١١١١٢٢٢٢٣٣٣")]
        public void Only_plain_ASCII_digits_short_of_12_get_the_quoting_hint(string input)
        {
            var error = AccountIds.Check(input);

            Assert.NotNull(error);
            Assert.DoesNotContain("quotes", error);
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
