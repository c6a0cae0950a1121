using System.Globalization;

namespace EventBusPermissions.Planning
{
    /// <summary>How user input and numbers appear inside error messages.</summary>
    internal static class InputText
    {
        private const int MaxShown = 70;

        /// <summary>The input in quotes, cut short so that one bad value does not flood the console.</summary>
        internal static string Quote(string text) => "'" + Shorten(text) + "'";

        /// <summary>The text cut short, for values shown without quotes (a JSON number or object).</summary>
        internal static string Shorten(string text) =>
            text.Length <= MaxShown ? text : text.Substring(0, MaxShown - 3) + "...";

        /// <summary>A character as a user can recognise it, even when it is a blank or invisible.</summary>
        internal static string Character(char c)
        {
            if (c == ' ')
            {
                return "a space";
            }

            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return "the invisible character U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);
            }

            return "'" + c + "'";
        }

        /// <summary>A count with thousands separators that do not depend on the user's culture.</summary>
        internal static string Number(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

        internal static bool IsAsciiDigit(char c) => c >= '0' && c <= '9';

        internal static bool IsAsciiLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
