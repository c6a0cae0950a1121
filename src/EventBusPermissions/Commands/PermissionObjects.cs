using System.Text.Json;

namespace EventBusPermissions.Commands
{
    /// <summary>Output objects for statements the module wrote, read the same way Get-CWEventBus reads them.</summary>
    internal static class PermissionObjects
    {
        public static EventBusPermission FromStatementJson(string statementJson, string eventBusName, string? region, string? eventBusArn, PermissionStatus status)
        {
            using (var document = JsonDocument.Parse(statementJson))
            {
                var permission = PolicyStatementReader.Read(document.RootElement, eventBusName, region, eventBusArn);
                permission.Status = status;
                return permission;
            }
        }
    }
}
