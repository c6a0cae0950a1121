using System;
using System.Text.RegularExpressions;

namespace EventBusPermissions.Planning
{
    /// <summary>
    /// Statement ids (the Sid of a bus policy statement): the API's rule, and the ids the module gives grants
    /// when the user names none.
    /// </summary>
    /// <remarks>
    /// The default scheme is <c>Account-&lt;12 digits&gt;</c> for one account (Account-111122223333),
    /// <c>AllAccounts</c> for every account (*), and <c>Organization-&lt;organization id&gt;</c> for the accounts of an
    /// organization (Organization-o-abc123def4). It is deterministic so that granting the same principal again finds
    /// its own statement (and does nothing) instead of adding a second one, and readable so that users can tell
    /// from the Sid alone whom a statement is for. The prefixes keep account, everyone and organization grants
    /// apart, and the longest result (13 + 34 characters for an organization) stays within the 64 allowed.
    /// </remarks>
    internal static class StatementIds
    {
        public const int MaxLength = 64;

        private const string AccountPrefix = "Account-";
        private const string EveryoneId = "AllAccounts";
        private const string OrganizationPrefix = "Organization-";

        private const string Rule = "a statement id is 1 to 64 letters, digits, '-' or '_'";

        private static readonly Regex Allowed = new Regex(@"^[a-zA-Z0-9_-]+\z", RegexOptions.CultureInvariant);

        /// <summary>Null when the id may be sent as StatementId, else the reason (ErrorId <see cref="PlanningErrorIds.InvalidStatementId"/>).</summary>
        public static string? Check(string? statementId)
        {
            if (string.IsNullOrEmpty(statementId))
            {
                return "The statement id is empty: " + Rule + ".";
            }

            var quoted = InputText.Quote(statementId!);
            if (statementId!.Length > MaxLength)
            {
                return "The statement id " + quoted + " is " + statementId.Length + " characters long: " + Rule + ".";
            }

            if (!Allowed.IsMatch(statementId))
            {
                foreach (var c in statementId)
                {
                    if (!InputText.IsAsciiLetter(c) && !InputText.IsAsciiDigit(c) && c != '-' && c != '_')
                    {
                        return "The statement id " + quoted + " contains " + InputText.Character(c) + ": " + Rule + ".";
                    }
                }
            }

            return null;
        }

        /// <summary><c>Account-111122223333</c>; for * the same as <see cref="ForEveryone"/>.</summary>
        /// <param name="accountId">A normalized account id (see <see cref="AccountIds.TryNormalize"/>) or *.</param>
        public static string ForAccount(string accountId)
        {
            if (accountId == AccountIds.Everyone)
            {
                return ForEveryone();
            }

            if (!AccountIds.IsNormalizedAccount(accountId))
            {
                throw new ArgumentException("Expected 12 digits or *, got '" + accountId + "'.", nameof(accountId));
            }

            return AccountPrefix + accountId;
        }

        /// <summary><c>AllAccounts</c>.</summary>
        public static string ForEveryone() => EveryoneId;

        /// <summary><c>Organization-o-abc123def4</c>.</summary>
        public static string ForOrganization(string organizationId)
        {
            var problem = OrganizationIds.Check(organizationId);
            if (problem != null)
            {
                throw new ArgumentException(problem, nameof(organizationId));
            }

            return OrganizationPrefix + organizationId;
        }
    }
}
