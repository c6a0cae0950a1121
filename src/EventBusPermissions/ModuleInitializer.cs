using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace EventBusPermissions
{
    /// <summary>
    /// Runs on Import-Module and Remove-Module. The AWS-facing assemblies (EventBusPermissions.Aws, AWSSDK.Core,
    /// the AWSSDK.SecurityToken, AWSSDK.SSO and AWSSDK.SSOOIDC clients that AWSSDK.Core loads by name, and
    /// their helpers) live in the module's 'dependencies' folder, out of the default probing path:
    /// on PowerShell 7 they load into their own AssemblyLoadContext, so they never clash with another
    /// module's AWSSDK.Core; on Windows PowerShell 5.1, which has no load contexts, a resolve handler loads
    /// them from that folder (whichever AWSSDK.Core loads first in a 5.1 session still wins there).
    /// PowerShell 7 loads the net8.0 builds (EventBusPermissions.Aws and AWSSDK.Core's net8.0 build) straight from
    /// 'dependencies'; Windows PowerShell loads the netstandard2.0 builds from 'dependencies/netstandard2.0'.
    /// Remove-Module takes the resolve handler away; a later Import-Module puts it back.
    /// Nothing here loads the SDK: it loads when a cmdlet first calls AWS.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        internal const string DependenciesFolder = "dependencies";
        internal const string DesktopDependenciesFolder = "netstandard2.0";
        private const string IsolationTypeName = "EventBusPermissions.Isolation.DependencyLoadContext";

        private static readonly object Gate = new object();
        private static int _imports;                    // imports not yet removed, across runspaces
        private static Type? _loadContextType;          // PowerShell 7, once the isolation assembly is loaded
        private static ShippedAssemblies? _desktopShipped; // Windows PowerShell, while the handler is installed

        public void OnImport()
        {
            var moduleDirectory = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? ".";
            var dependencies = Path.Combine(moduleDirectory, DependenciesFolder);
            if (!Directory.Exists(dependencies)) return; // a development build with everything side by side

            lock (Gate)
            {
                // One handler for the process, however many runspaces import the module: it goes when the
                // last of them removes the module.
                if (_imports == 0)
                {
                    if (IsWindowsPowerShell)
                        InstallDesktopResolver(DesktopDependencies(dependencies), moduleDirectory);
                    else
                        InstallLoadContext(moduleDirectory, dependencies);
                }
                _imports++; // counted only once the handler is in place
            }
        }

        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            lock (Gate)
            {
                if (_imports == 0 || --_imports > 0) return;
                if (IsWindowsPowerShell)
                    UninstallDesktopResolver();
                else
                    UninstallLoadContext();
            }
        }

        /// <summary>
        /// Windows PowerShell's copies: the netstandard2.0 builds in dependencies/netstandard2.0 (dependencies/ itself
        /// holds the net8.0 builds PowerShell 7 loads), or dependencies/ in a layout without that folder.
        /// </summary>
        private static string DesktopDependencies(string dependencies)
        {
            var desktop = Path.Combine(dependencies, DesktopDependenciesFolder);
            return Directory.Exists(desktop) ? desktop : dependencies;
        }

        private static bool IsWindowsPowerShell =>
            RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

        private static void InstallLoadContext(string moduleDirectory, string dependencies)
        {
            if (_loadContextType == null)
            {
                var isolation = Assembly.LoadFrom(Path.Combine(moduleDirectory, "EventBusPermissions.Isolation.dll"));
                _loadContextType = isolation.GetType(IsolationTypeName, throwOnError: true)!;
            }
            InvokeStatic(_loadContextType, "Install", dependencies);
        }

        private static void UninstallLoadContext()
        {
            if (_loadContextType != null) InvokeStatic(_loadContextType, "Uninstall");
        }

        private static void InvokeStatic(Type type, string method, params object[] arguments)
        {
            type.GetMethod(method, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, arguments);
        }

        private static void InstallDesktopResolver(string dependencies, string moduleDirectory)
        {
            if (_desktopShipped != null) return;
            // The names are fixed here, at import: the dependencies folder first, then the helpers
            // (System.Text.Json and friends) beside the module DLL, which AWSSDK.Core needs too.
            _desktopShipped = ShippedAssemblies.FromFolders(dependencies, moduleDirectory);
            AppDomain.CurrentDomain.AssemblyResolve += ResolveShippedAssembly;
        }

        private static void UninstallDesktopResolver()
        {
            if (_desktopShipped == null) return;
            AppDomain.CurrentDomain.AssemblyResolve -= ResolveShippedAssembly;
            _desktopShipped = null;
        }

        private static Assembly? ResolveShippedAssembly(object? sender, ResolveEventArgs args)
        {
            var path = _desktopShipped?.PathOf(args.Name);
            return path == null ? null : Assembly.LoadFrom(path);
        }
    }
}
