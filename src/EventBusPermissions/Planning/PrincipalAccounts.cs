using System.Text.RegularExpressions;

namespace EventBusPermissions.Planning
{
    /// <summary>
    /// The account an AWS principal belongs to, whatever it names in it: the account itself (12 digits, its root ARN),
    /// or a role, user or assumed-role session of it (arn:aws:iam::111122223333:role/Bar). A revoke by account takes
    /// all of them away: any of them could still put events for the account.
    /// </summary>
    internal static class PrincipalAccounts
    {
        private static readonly Regex InAccount = new Regex(@"^arn:aws[A-Za-z0-9-]*:(iam|sts)::([0-9]{12}):\S+\z", RegexOptions.CultureInvariant);

        /// <summary>The 12-digit account of the principal; null for '*', a service, or anything else.</summary>
        public static string? Of(string? principal)
        {
            if (principal == null) return null;
            if (AccountIds.IsNormalizedAccount(principal)) return principal;
            var match = InAccount.Match(principal);
            return match.Success ? match.Groups[2].Value : null;
        }

        /// <summary>True for a principal of the account that is not the account itself (a role, a user, a session).</summary>
        public static bool IsWithinAccount(string? principal)
            => principal != null && !AccountIds.IsNormalizedAccount(principal) && !principal.EndsWith(":root", System.StringComparison.Ordinal) && Of(principal) != null;
    }
}
