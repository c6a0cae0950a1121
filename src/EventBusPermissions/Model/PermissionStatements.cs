using System;
using System.Collections.Generic;
using System.Linq;

namespace EventBusPermissions
{
    /// <summary>
    /// From permissions back to statements. A shared statement is read as one permission per principal, so wherever
    /// statements are meant (how many a policy holds, which a rewrite removes, which RemovePermission takes away)
    /// the permissions are taken once per statement.
    /// </summary>
    internal static class PermissionStatements
    {
        /// <summary>The first permission of each statement, in order; statements are told apart by their StatementJson.</summary>
        internal static List<EventBusPermission> Distinct(IEnumerable<EventBusPermission> permissions)
        {
            if (permissions == null) throw new ArgumentNullException(nameof(permissions));
            var seen = new HashSet<string>(StringComparer.Ordinal);
            return permissions.Where(p => seen.Add(p.StatementJson)).ToList();
        }

        /// <summary>How many statements the permissions come from.</summary>
        internal static int Count(IEnumerable<EventBusPermission> permissions) => Distinct(permissions).Count;
    }
}
