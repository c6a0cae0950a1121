using System;
using System.Text.RegularExpressions;

namespace EventBusPermissions.Planning
{
    /// <summary>The AWS Organizations id an organization grant names in its aws:PrincipalOrgID condition.</summary>
    internal static class OrganizationIds
    {
        private const string Prefix = "o-";

        private const string Rule = "an organization id is 'o-' followed by 10 to 32 lowercase letters or digits, such as o-a1b2c3d4e5";

        private static readonly Regex Pattern = new Regex(@"^o-[a-z0-9]{10,32}\z", RegexOptions.CultureInvariant);

        /// <summary>Null when the id is valid, else the reason (ErrorId <see cref="PlanningErrorIds.InvalidOrganizationId"/>).</summary>
        public static string? Check(string? organizationId)
        {
            if (string.IsNullOrEmpty(organizationId))
            {
                return "The organization id is empty: " + Rule + ".";
            }

            var id = organizationId!;
            if (Pattern.IsMatch(id))
            {
                return null;
            }

            var quoted = InputText.Quote(id);

            // Ids of other Organizations objects are easy to paste by mistake; naming them saves a lookup.
            if (id.StartsWith("arn:", StringComparison.OrdinalIgnoreCase))
            {
                return "The organization id " + quoted + " is an ARN; give the id alone: " + Rule + ".";
            }

            if (id.StartsWith("r-", StringComparison.Ordinal) || id.StartsWith("ou-", StringComparison.Ordinal))
            {
                return "The organization id " + quoted + " is the id of a root or an organizational unit; give the organization's id: " + Rule + ".";
            }

            if (!id.StartsWith(Prefix, StringComparison.Ordinal))
            {
                return "The organization id " + quoted + " does not begin with 'o-': " + Rule + ".";
            }

            var rest = id.Substring(Prefix.Length);
            foreach (var c in rest)
            {
                if (c >= 'A' && c <= 'Z')
                {
                    return "The organization id " + quoted + " contains capital letters: " + Rule + ".";
                }

                if (!(c >= 'a' && c <= 'z') && !InputText.IsAsciiDigit(c))
                {
                    return "The organization id " + quoted + " contains " + InputText.Character(c) + ": " + Rule + ".";
                }
            }

            return "The organization id " + quoted + " has " + rest.Length + " characters after 'o-': " + Rule + ".";
        }
    }
}
