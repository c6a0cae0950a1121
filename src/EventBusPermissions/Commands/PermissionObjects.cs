using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace EventBusPermissions.Commands
{
    /// <summary>Output objects for statements the module wrote, read the same way Get-CWEventBus reads them.</summary>
    internal static class PermissionObjects
    {
        /// <param name="account">For a statement that lists several accounts, the one whose object is wanted.</param>
        public static EventBusPermission FromStatementJson(string statementJson, string eventBusName, string? region, string? eventBusArn, PermissionStatus status, string? account = null)
        {
            var all = PolicyParser.Parse("{\"Statement\":[" + statementJson + "]}", eventBusName, region, eventBusArn);
            var permission = all.FirstOrDefault(p => account != null && p.AccountId == account) ?? all[0];
            permission.Status = status;
            return permission;
        }

        /// <summary>
        /// Every permission of the statement <paramref name="permission"/> belongs to: itself alone, or for a shared
        /// statement one per principal, read from its StatementJson as Get-CWEventBus reads them (so that removing a
        /// shared statement reports each principal that lost its grant).
        /// </summary>
        public static IReadOnlyList<EventBusPermission> OfSameStatement(EventBusPermission permission)
        {
            if (!permission.IsShared) return new[] { permission };
            using (var document = JsonDocument.Parse(permission.StatementJson))
            {
                return PolicyStatementReader.ReadEach(document.RootElement, permission.EventBusName, permission.Region, permission.EventBusArn);
            }
        }
    }
}
