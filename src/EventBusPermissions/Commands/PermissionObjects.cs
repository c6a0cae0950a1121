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
            var permission = all.FirstOrDefault(p => account != null && p.AccountId == account)
                ?? all.FirstOrDefault(p => account != null && Planning.PrincipalAccounts.Of(p.Principal) == account) ?? all[0];
            permission.Status = status;
            return permission;
        }

        /// <summary>
        /// The object Revoke reports when what it was asked to take away is not on the bus: the account or statement id
        /// asked for, on that bus, with the Status NotGranted.
        /// </summary>
        public static EventBusPermission NotGranted(EventBus bus, string? statementId, string? account)
            => new EventBusPermission(statementId, bus.Name, bus.Region, account, Planning.AccountIds.IsNormalizedAccount(account) ? account : null,
                null, null, null, null, null, string.Empty, bus.Arn) { Status = PermissionStatus.NotGranted };

        /// <summary>A piped permission that is no longer on its bus, reported as it was read, with the Status NotGranted.</summary>
        public static EventBusPermission NotGranted(EventBusPermission piped)
            => new EventBusPermission(piped.StatementId, piped.EventBusName, piped.Region, piped.Principal, piped.AccountId, piped.OrganizationId,
                piped.Action, piped.Effect, piped.Resource, piped.Condition, piped.StatementJson, piped.EventBusArn, piped.PrincipalCount, piped.SharedPrincipals)
            { Status = PermissionStatus.NotGranted };

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
