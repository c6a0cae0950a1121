using System.Collections.Generic;
using System.Linq;

namespace EventBusPermissions.Planning
{
    /// <summary>
    /// What replacing a bus's whole policy does, in words for the -WhatIf line and the confirmation prompt: which
    /// statements on the bus now would be gone (or changed), and which the new document adds.
    /// </summary>
    internal static class PolicyReplacement
    {
        /// <param name="newPolicyJson">A document that <see cref="PolicyDocuments.Check(string, int)"/> accepted.</param>
        public static string Describe(EventBus current, string newPolicyJson, string busName, string? region)
        {
            if (current.PolicyParseError != null)
                return "its present policy could not be read (" + current.PolicyParseError + "), so nobody can tell what is lost";

            // Statements, not permissions: a shared statement is one permission per principal, but one statement here.
            var next = PermissionStatements.Distinct(PolicyParser.Parse(newPolicyJson, busName, region));
            var present = PermissionStatements.Distinct(current.Permissions);
            var nextStatements = new HashSet<string>(next.Select(p => p.StatementJson));
            var presentStatements = new HashSet<string>(present.Select(p => p.StatementJson));
            var removed = present.Where(p => !nextStatements.Contains(p.StatementJson)).ToList();
            var added = next.Where(p => !presentStatements.Contains(p.StatementJson)).ToList();

            var parts = new List<string>();
            if (present.Count == 0)
                parts.Add("the bus holds no statement now");
            else if (removed.Count == 0)
                parts.Add("all " + present.Count + " statement(s) on the bus are kept");
            else
                parts.Add(removed.Count + " of the " + present.Count + " statement(s) on the bus are removed or changed (" + Names(removed) + ")");
            parts.Add(added.Count == 0 ? "nothing new is added" : added.Count + " statement(s) are new or changed (" + Names(added) + ")");
            return string.Join("; ", parts);
        }

        private static string Names(IEnumerable<EventBusPermission> permissions)
            => string.Join(", ", permissions.Select(p => p.StatementId ?? PermissionText.Describe(p)));
    }
}
