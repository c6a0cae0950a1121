using System;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace EventBusPermissions
{
    /// <summary>
    /// Registers the module's views (EventBusPermissions.Format.ps1xml, beside the module DLL) with a runspace the
    /// first time one of the module's cmdlets runs there, instead of at Import-Module through the manifest's
    /// FormatsToProcess. Processing any format file makes PowerShell load its whole formatting database (about
    /// 80 ms on a 2-core machine, then about 30 ms for this file); at import that was most of the module's share of
    /// Import-Module, and a session that never formats output never needs it. The module's objects only come out
    /// of its cmdlets, so the views are in place before anything can format them.
    /// The views stay registered after Remove-Module (loaded format data cannot be taken out by file).
    /// </summary>
    internal static class FormatLoader
    {
        internal const string FormatFileName = "EventBusPermissions.Format.ps1xml";

        // Runspaces that have the views; weak, so a closed runspace is not kept alive.
        private static readonly ConditionalWeakTable<Runspace, object> Loaded = new ConditionalWeakTable<Runspace, object>();
        private static readonly object Marker = new object();

        internal static void EnsureLoaded(PSCmdlet cmdlet)
        {
            var runspace = Runspace.DefaultRunspace;
            if (runspace == null) return;
            lock (Loaded)
            {
                if (Loaded.TryGetValue(runspace, out _)) return;
                Loaded.Add(runspace, Marker); // once, even if it fails: the views are cosmetic, the cmdlet goes on
            }
            var directory = Path.GetDirectoryName(typeof(FormatLoader).Assembly.Location) ?? ".";
            var path = Path.Combine(directory, FormatFileName);
            if (!File.Exists(path)) return;
            try
            {
                cmdlet.InvokeCommand.InvokeScript(
                    "param($Path) if (-not (Microsoft.PowerShell.Utility\\Get-FormatData -TypeName EventBusPermissions.EventBus)) { Microsoft.PowerShell.Utility\\Update-FormatData -AppendPath $Path }",
                    false, PipelineResultTypes.None, null, path);
            }
            catch (Exception e) when (!(e is PipelineStoppedException))
            {
                cmdlet.WriteVerbose($"The module's views were not loaded ({FormatFileName}): {e.Message}");
            }
        }
    }
}
