using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace EventBusPermissions
{
    /// <summary>
    /// Runs on Import-Module. The AWS-facing assemblies (EventBusPermissions.Aws, AWSSDK.Core and its helpers)
    /// live in the module's 'dependencies' folder, out of the default probing path:
    /// on PowerShell 7 they load into their own AssemblyLoadContext, so they never clash with another
    /// module's AWSSDK.Core; on Windows PowerShell 5.1, which has no load contexts, a resolve handler loads
    /// them from that folder (whichever AWSSDK.Core loads first in a 5.1 session still wins there).
    /// Nothing here loads the SDK: it loads when a cmdlet first calls AWS.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer
    {
        internal const string DependenciesFolder = "dependencies";

        private static readonly object Gate = new object();
        private static bool _desktopHandlerInstalled;

        public void OnImport()
        {
            var moduleDirectory = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? ".";
            var dependencies = Path.Combine(moduleDirectory, DependenciesFolder);
            if (!Directory.Exists(dependencies)) return; // a development build with everything side by side

            if (RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal))
                InstallDesktopResolver(dependencies, moduleDirectory);
            else
                InstallLoadContext(moduleDirectory, dependencies);
        }

        private static void InstallLoadContext(string moduleDirectory, string dependencies)
        {
            var isolation = Assembly.LoadFrom(Path.Combine(moduleDirectory, "EventBusPermissions.Isolation.dll"));
            isolation.GetType("EventBusPermissions.Isolation.DependencyLoadContext", throwOnError: true)!
                .GetMethod("Install", BindingFlags.Public | BindingFlags.Static)!
                .Invoke(null, new object[] { dependencies });
        }

        private static void InstallDesktopResolver(string dependencies, string moduleDirectory)
        {
            lock (Gate)
            {
                if (_desktopHandlerInstalled) return;
                _desktopHandlerInstalled = true;
                AppDomain.CurrentDomain.AssemblyResolve += (sender, args) =>
                {
                    var file = new AssemblyName(args.Name).Name + ".dll";
                    foreach (var directory in new[] { dependencies, moduleDirectory })
                    {
                        var path = Path.Combine(directory, file);
                        if (File.Exists(path)) return Assembly.LoadFrom(path);
                    }
                    return null;
                };
            }
        }
    }
}
