using System.Text.RegularExpressions;

namespace EventBusPermissions.Validation
{
    /// <summary>
    /// The shape of an AWS region name, checked per pipeline item before anything is sent, so that one object with
    /// a bad Region is one error and the items after it still go on.
    /// </summary>
    internal static class RegionNames
    {
        // The same rule the connection resolver applies (it stays as the last guard for regions from configuration).
        private static readonly Regex Pattern = new Regex("^[a-z]{2}(-[a-z0-9]+)+-[0-9]+\\z|^[a-z0-9]+(-[a-z0-9]+)*\\z", RegexOptions.CultureInvariant);

        /// <summary>Null when the region may be used (or none was given), else the reason.</summary>
        public static string? Check(string? region)
        {
            if (region == null) return null;
            var text = region.Trim().ToLowerInvariant();
            if (text.Length == 0 || text.Length > 64 || !Pattern.IsMatch(text))
                return $"'{region}' is not an AWS region name (such as us-east-1 or eu-west-2).";
            return null;
        }
    }
}
