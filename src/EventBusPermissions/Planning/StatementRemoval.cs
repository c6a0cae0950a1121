using System.Linq;

namespace EventBusPermissions.Planning
{
    /// <summary>
    /// How a statement is removed. RemovePermission takes a statement id under the API model's rule (1 to 64 letters,
    /// digits, '-' or '_'); AWS answers ValidationException for any other. A policy other tools wrote may hold a Sid that
    /// breaks it ('my.sid', 'Sid with space', 70 characters, ''), a Sid that is a number ("Sid":7, which a string id may
    /// not match), or no Sid: such a statement is removed with a whole-policy write, planned from the policy read right
    /// before it, that leaves out this statement and keeps every other one as written.
    /// </summary>
    internal static class StatementRemoval
    {
        /// <summary>True when RemovePermission can name the statement: one Sid, a JSON string, within the rule.</summary>
        public static bool ByRemovePermission(EventBusPermission permission)
            => permission.SidIsText && permission.StatementId != null && StatementIds.Check(permission.StatementId) == null;

        /// <summary>
        /// The whole policy of <paramref name="read"/> without the statement (found by its text, key order and spacing
        /// aside), and what must hold once it is written; null when the policy read no longer holds it.
        /// </summary>
        public static WholePolicyChange? Change(EventBus read, EventBusPermission statement)
        {
            var text = StatementText.Canonical(statement.StatementJson);
            bool IsIt(EventBusPermission p) => StatementText.Canonical(p.StatementJson) == text;
            if (read.Policy == null || !read.Permissions.Any(IsIt)) return null;

            var policy = PolicyDocumentBuilder.WithoutStatements(read.Policy, read.Name, read.Region, IsIt);
            var kept = PermissionStatements.Distinct(read.Permissions.Where(p => !IsIt(p))).Select(p => p.StatementJson).ToList();
            return new WholePolicyChange(policy, kept, readBack => readBack.Permissions.Any(IsIt)
                ? new[] { Name(statement) + " is still there" }
                : new string[0]);
        }

        /// <summary>"the statement 'my.sid'", or for one without a Sid "the statement {...}" (its text), for messages.</summary>
        public static string Name(EventBusPermission permission)
            => "the statement " + (permission.StatementId == null ? permission.StatementJson : "'" + permission.StatementId + "'");
    }
}
