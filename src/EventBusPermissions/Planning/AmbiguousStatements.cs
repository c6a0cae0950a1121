using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace EventBusPermissions.Planning
{
    /// <summary>
    /// Statements that name a member twice (<see cref="EventBusPermission.HasRepeatedMembers"/>): which copy AWS applies
    /// is not documented, so such a statement may allow or deny, whom and on what condition is not known. The planners
    /// never change, fold, absorb or count one as a grant; they refuse with <see cref="PlanningErrorIds.AmbiguousStatement"/>
    /// where the user asked for it, and a whole-policy write keeps its text as written.
    /// </summary>
    internal static class AmbiguousStatements
    {
        /// <summary>
        /// True when the statement may hold this Sid: its StatementId, or for a statement that names its Sid twice any
        /// of the copies (so the user can name it by what they see in the policy).
        /// </summary>
        public static bool HasSid(EventBusPermission permission, string sid)
        {
            if (string.Equals(permission.StatementId, sid, StringComparison.Ordinal)) return true;
            return permission.HasRepeatedMembers && Copies(permission.StatementJson, "Sid").Any(c => c == sid);
        }

        /// <summary>
        /// True when any copy of the statement's Principal names the account (its 12 digits or root ARN; for *, every
        /// account): the statement may be about that account, whatever it says of it.
        /// </summary>
        public static bool Names(EventBusPermission permission, string account)
        {
            if (!permission.HasRepeatedMembers) return false;
            using (var document = JsonDocument.Parse(permission.StatementJson))
            {
                return RepeatedMembers.Named(document.RootElement, "Principal").Any(p => Mentions(p, account));
            }
        }

        /// <summary>Why an ambiguous statement is left as it is, for a revoke that named it by its Sid.</summary>
        public static string KeptById(EventBusPermission permission, EventBus bus)
            => Name(permission) + " of " + BusText.Of(bus) + Repeats(permission)
               + ": which copy AWS applies is not documented, so it may be a Deny, and it was kept as it is."
               + " To remove it all the same, name it with -StatementId and add -Force.";

        /// <summary>Why an ambiguous statement that names an account is left as it is, for a revoke of that account.</summary>
        public static string KeptForAccount(EventBusPermission permission, EventBus bus, string account)
            => Name(permission) + " of " + BusText.Of(bus) + " names " + (account == AccountIds.Everyone ? "every account (*)" : "account " + account) + " but"
               + Repeats(permission) + ": which copy AWS applies is not documented, so whether it allows or denies is not known,"
               + " and it was kept as it is. To remove it, name it with -StatementId and add -Force.";

        /// <summary>Why an ambiguous statement under the Sid of a grant is not taken for that grant.</summary>
        public static string NotAGrant(EventBusPermission permission, string bus)
            => Name(permission) + " on " + bus + Repeats(permission)
               + ": which copy AWS applies is not documented, so it is not taken for the grant asked for.";

        /// <summary>"The statement 'DenyDup'" or "A statement without a Sid".</summary>
        private static string Name(EventBusPermission permission)
            => permission.StatementId == null ? "A statement without a Sid" : "The statement " + InputText.Quote(permission.StatementId);

        private static string Repeats(EventBusPermission permission)
            => " repeats " + RepeatedMembers.Describe(permission.RepeatedMemberPaths) + " (" + permission.StatementJson + ")";

        /// <summary>Every copy of a top-level member, as text.</summary>
        private static IReadOnlyList<string> Copies(string statementJson, string name)
        {
            using (var document = JsonDocument.Parse(statementJson))
            {
                return RepeatedMembers.Named(document.RootElement, name).Select(c => PolicyJson.Text(c) ?? "null").ToList();
            }
        }

        private static bool Mentions(JsonElement principal, string account)
        {
            switch (principal.ValueKind)
            {
                case JsonValueKind.String:
                    var text = principal.GetString() ?? string.Empty;
                    return account == AccountIds.Everyone
                        ? text == AccountIds.Everyone
                        : text == account || text.EndsWith(":iam::" + account + ":root", StringComparison.Ordinal);
                case JsonValueKind.Object:
                    return principal.EnumerateObject().Any(member => Mentions(member.Value, account));
                case JsonValueKind.Array:
                    return principal.EnumerateArray().Any(item => Mentions(item, account));
                default:
                    return false;
            }
        }
    }
}
