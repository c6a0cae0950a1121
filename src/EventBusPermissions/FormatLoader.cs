using System;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace EventBusPermissions
{
    /// <summary>
    /// Registers the module's views (EventBusPermissions.Format.ps1xml, beside the module DLL) with a runspace the
    /// first time one of the module's cmdlets runs there, instead of at Import-Module through the main manifest's
    /// FormatsToProcess, which was most of the module's own share of Import-Module. It imports views/EventBusPermissions.Views.psd1,
    /// a manifest with only that format file: like any module's, it is merged into PowerShell's formatting database
    /// when something is first formatted (Update-FormatData would load the whole database, about 80 ms, there and then).
    /// The module's objects only come out of its cmdlets, so the views are in place before anything can format them.
    /// The views module stays after Remove-Module EventBusPermissions; it holds nothing but the views.
    /// </summary>
    internal static class FormatLoader
    {
        internal const string ViewsManifest = "views/EventBusPermissions.Views.psd1";

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
            var path = Path.Combine(directory, ViewsManifest);
            if (!File.Exists(path)) return;
            try
            {
                cmdlet.InvokeCommand.InvokeScript(
                    "param($Path) Microsoft.PowerShell.Core\\Import-Module -Name $Path -Global",
                    false, PipelineResultTypes.None, null, path);
            }
            catch (Exception e) when (!(e is PipelineStoppedException))
            {
                cmdlet.WriteVerbose($"The module's views were not loaded ({ViewsManifest}): {e.Message}");
            }
        }
    }
}
