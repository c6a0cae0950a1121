using System.Linq;

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
    }
}
