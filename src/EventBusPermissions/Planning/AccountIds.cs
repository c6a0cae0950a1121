using System.Text.RegularExpressions;

namespace EventBusPermissions.Planning
{
    /// <summary>The account ids users type for -AccountId, read into the form PutPermission takes as Principal.</summary>
    internal static class AccountIds
    {
        /// <summary>The principal that means every AWS account.</summary>
        public const string Everyone = "*";

        private const string Rule =
            "an account id is 12 digits, such as 111122223333 or 1111-2222-3333, or * for every account";

        // ASCII classes on purpose: \d in .NET also matches non-ASCII digits, which the service rejects.
        private static readonly Regex Plain = new Regex(@"^[0-9]{12}\z", RegexOptions.CultureInvariant);

        // Consoles show ids in groups of four; the backreference keeps one separator style per id.
        private static readonly Regex Grouped = new Regex(@"^([0-9]{4})([- ])([0-9]{4})\2([0-9]{4})\z", RegexOptions.CultureInvariant);

        /// <summary>
        /// Reads an account id as a user may write it: surrounding blanks are ignored, groups of four digits may be
        /// separated by '-' or one space, and * means every account.
        /// </summary>
        /// <param name="normalized">12 digits or *; empty when the input is not valid.</param>
        /// <param name="error">Why the input is not valid (ErrorId <see cref="PlanningErrorIds.InvalidAccountId"/>); null when it is.</param>
        public static bool TryNormalize(string? input, out string normalized, out string? error)
        {
            error = Problem(input, out normalized);
            return error == null;
        }

        /// <summary>Null when the input is a valid account id, else the reason.</summary>
        public static string? Check(string? input) => Problem(input, out _);

        /// <summary>True for exactly 12 ASCII digits, the normalized form of one account.</summary>
        public static bool IsNormalizedAccount(string? value) => value != null && Plain.IsMatch(value);

        private static string? Problem(string? input, out string normalized)
        {
            normalized = string.Empty;
            if (input == null)
            {
                return "No account id was given: " + Rule + ".";
            }

            var text = input.Trim();
            if (text.Length == 0)
            {
                return "The account id is empty: " + Rule + ".";
            }

            if (text == Everyone || Plain.IsMatch(text))
            {
                normalized = text;
                return null;
            }

            var grouped = Grouped.Match(text);
            if (grouped.Success)
            {
                normalized = grouped.Groups[1].Value + grouped.Groups[3].Value + grouped.Groups[4].Value;
                return null;
            }

            var quoted = InputText.Quote(text);
            if (text.StartsWith("arn:", System.StringComparison.OrdinalIgnoreCase))
            {
                return "The account id " + quoted + " is an ARN; give the account's 12 digits instead: " + Rule + ".";
            }

            var digits = 0;
            foreach (var c in text)
            {
                if (InputText.IsAsciiDigit(c))
                {
                    digits++;
                }
                else if (c != '-' && c != ' ')
                {
                    var what = char.IsLetter(c) ? "letters (" + InputText.Character(c) + ")" : InputText.Character(c);
                    return "The account id " + quoted + " contains " + what + ": " + Rule + ".";
                }
            }

            if (digits != 12)
            {
                return "The account id " + quoted + " has " + digits + (digits == 1 ? " digit" : " digits")
                    + ", not 12: " + Rule + "." + LostZerosHint(text);
            }

            return "The account id " + quoted + " has 12 digits but they are grouped wrongly: "
                + "write them together, or in groups of 4 separated by '-' or by one space (1111-2222-3333).";
        }

        /// <summary>
        /// PowerShell reads an unquoted -AccountId 012345678901 as the number 12345678901, so an id that starts with
        /// zeros arrives short of them; the user cannot see why from the digit count alone.
        /// </summary>
        private static string LostZerosHint(string text)
        {
            if (text.Length >= 12)
            {
                return string.Empty;
            }

            foreach (var c in text)
            {
                if (!InputText.IsAsciiDigit(c))
                {
                    return string.Empty;
                }
            }

            return " An id typed without quotes is read by PowerShell as a number, which drops leading zeros;"
                + " if the id starts with 0, write it in quotes: '" + text.PadLeft(12, '0') + "'.";
        }
    }
}
