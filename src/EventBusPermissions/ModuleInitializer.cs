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
    /// their helpers) live in the module's 'dependencies' folder, out of the default probing path. Import-Module
    /// installs one resolve handler (AppDomain.AssemblyResolve) and does nothing else; the handler answers when
    /// something first asks for one of those assemblies (a cmdlet's first call to AWS):
    /// on PowerShell 7 it answers only for EventBusPermissions.Aws, which it loads into the module's own
    /// AssemblyLoadContext (EventBusPermissions.Isolation, loaded and made then, once per session), and everything
    /// it references follows it there, so it never clashes with another module's AWSSDK.Core; on Windows
    /// PowerShell 5.1, which has no load contexts, it loads the assemblies the module ships from that folder
    /// (whichever AWSSDK.Core loads first in a 5.1 session still wins there).
    /// PowerShell 7 loads the net8.0 builds (EventBusPermissions.Aws and AWSSDK.Core's net8.0 build) straight from
    /// 'dependencies'; Windows PowerShell loads the netstandard2.0 builds from 'dependencies/netstandard2.0'.
    /// Remove-Module takes the resolve handler away (once the last runspace that imported the module removes it);
    /// a later Import-Module puts it back. Nothing here loads the SDK.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        internal const string DependenciesFolder = "dependencies";
        internal const string DesktopDependenciesFolder = "netstandard2.0";
        private const string EntryAssemblyName = "EventBusPermissions.Aws";
        private const string IsolationAssemblyFile = "EventBusPermissions.Isolation.dll";
        private const string IsolationTypeName = "EventBusPermissions.Isolation.DependencyLoadContext";

        private static readonly object Gate = new object();
        private static int _imports;                      // imports not yet removed, across runspaces
        private static bool _resolverInstalled;           // between the first import and the last removal
        private static string? _moduleDirectory;
        private static string? _dependencies;
        private static Func<string, AssemblyName, Assembly>? _loadIsolated; // PowerShell 7, once the load context is made
        private static ShippedAssemblies? _desktopShipped; // Windows PowerShell, while the handler is installed

        // Set while this thread loads EventBusPermissions.Aws through the load context: should that fail (a
        // dependencies folder without it), the load context's own failure raises this event again, and that
        // request is left unanswered instead of going round again.
        [ThreadStatic] private static bool _loadingIsolated;

        /// <summary>Whether the module's resolve handler is in place (between Import-Module and the last Remove-Module).</summary>
        public static bool IsResolverInstalled
        {
            get { lock (Gate) return _resolverInstalled; }
        }

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
                    _moduleDirectory = moduleDirectory;
                    if (IsWindowsPowerShell)
                    {
                        // The names are fixed here, at import: the dependencies folder first, then the helpers
                        // (System.Text.Json and friends) beside the module DLL, which AWSSDK.Core needs too.
                        _dependencies = DesktopDependencies(dependencies);
                        _desktopShipped = ShippedAssemblies.FromFolders(_dependencies, moduleDirectory);
                    }
                    else
                    {
                        _dependencies = dependencies;
                    }
                    AppDomain.CurrentDomain.AssemblyResolve += ResolveShippedAssembly;
                    _resolverInstalled = true;
                }
                _imports++; // counted only once the handler is in place
            }
        }

        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            lock (Gate)
            {
                if (_imports == 0 || --_imports > 0) return;
                AppDomain.CurrentDomain.AssemblyResolve -= ResolveShippedAssembly;
                _resolverInstalled = false;
                _desktopShipped = null;
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

        private static Assembly? ResolveShippedAssembly(object? sender, ResolveEventArgs args)
        {
            // Raised for every name the process fails to find; most are not ours, and are answered at once.
            var requested = args.Name;
            if (requested == null) return null;
            ShippedAssemblies? desktop;
            lock (Gate)
            {
                if (!_resolverInstalled) return null;
                desktop = _desktopShipped;
            }
            if (desktop != null)
            {
                var path = desktop.PathOf(requested);
                return path == null ? null : Assembly.LoadFrom(path);
            }
            if (_loadingIsolated || !IsEntryAssembly(requested)) return null;
            _loadingIsolated = true;
            try
            {
                return LoadIsolated(new AssemblyName(requested));
            }
            catch (Exception e) when (e is FileNotFoundException || e is FileLoadException || e is BadImageFormatException)
            {
                // A resolve handler must not throw: the load may have been asked for by the runtime on a thread with no
                // caller to catch it (seen at process exit, which then aborted). Not answering makes the runtime raise its
                // own FileNotFoundException, naming the assembly, to whoever asked.
                return null;
            }
            finally
            {
                _loadingIsolated = false;
            }
        }

        /// <summary>True for "EventBusPermissions.Aws" and "EventBusPermissions.Aws, Version=..." (neutral culture).</summary>
        private static bool IsEntryAssembly(string requested)
        {
            if (!requested.StartsWith(EntryAssemblyName, StringComparison.Ordinal)) return false;
            if (requested.Length != EntryAssemblyName.Length && requested[EntryAssemblyName.Length] != ',') return false;
            AssemblyName name;
            try
            {
                name = new AssemblyName(requested);
            }
            catch (Exception e) when (e is ArgumentException || e is FileLoadException)
            {
                return false;
            }
            return string.Equals(name.Name, EntryAssemblyName, StringComparison.Ordinal) && string.IsNullOrEmpty(name.CultureName);
        }

        /// <summary>
        /// PowerShell 7: EventBusPermissions.Aws from the module's load context, which is made on the first request
        /// (EventBusPermissions.Isolation is net8.0, so this netstandard2.0 assembly reaches it by reflection).
        /// </summary>
        private static Assembly LoadIsolated(AssemblyName name)
        {
            Func<string, AssemblyName, Assembly> load;
            string dependencies;
            lock (Gate)
            {
                if (_loadIsolated == null)
                {
                    var isolation = Assembly.LoadFrom(Path.Combine(_moduleDirectory!, IsolationAssemblyFile));
                    var type = isolation.GetType(IsolationTypeName, throwOnError: true)!;
                    var method = type.GetMethod("LoadEntryAssembly", BindingFlags.Public | BindingFlags.Static)!;
                    _loadIsolated = (Func<string, AssemblyName, Assembly>)method.CreateDelegate(typeof(Func<string, AssemblyName, Assembly>));
                }
                load = _loadIsolated;
                dependencies = _dependencies!;
            }
            return load(dependencies, name);
        }
    }
}
