using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace EventBusPermissions.Isolation
{
    /// <summary>
    /// The load context for the module's AWS-facing assemblies. It loads every assembly found in the
    /// module's dependencies folder itself, so AWSSDK.Core 4.1.0 (and the AWSSDK.SecurityToken, AWSSDK.SSO
    /// and AWSSDK.SSOOIDC clients it loads by name for assume-role, web-identity and SSO credentials) are
    /// ours even when another module already loaded different copies into the default context; anything
    /// else (System.*, netstandard) comes from the default context as usual.
    /// </summary>
    public sealed class DependencyLoadContext : AssemblyLoadContext
    {
        /// <summary>The one assembly the module references directly; the rest follow it into this context.</summary>
        public const string EntryAssemblyName = "EventBusPermissions.Aws";

        private static readonly object Gate = new object();
        private static DependencyLoadContext? _instance;
        private static bool _resolverInstalled;

        // The assemblies this context loads itself: the DLLs in the dependencies folder, listed once.
        private readonly Dictionary<string, string> _shipped = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        private DependencyLoadContext(string directory) : base("EventBusPermissions")
        {
            foreach (var path in Directory.GetFiles(directory, "*.dll"))
                _shipped[Path.GetFileNameWithoutExtension(path)] = path;
        }

        /// <summary>Whether the default context's Resolving handler is in place (between Install and Uninstall).</summary>
        public static bool IsResolverInstalled
        {
            get { lock (Gate) return _resolverInstalled; }
        }

        /// <summary>
        /// Lets the default context find EventBusPermissions.Aws (which sits out of its sight, in the
        /// dependencies folder) by loading it here. Called on every Import-Module; the context itself is
        /// made once per session, since what it loaded cannot be unloaded.
        /// </summary>
        public static void Install(string dependenciesDirectory)
        {
            lock (Gate)
            {
                _instance ??= new DependencyLoadContext(dependenciesDirectory);
                if (_resolverInstalled) return;
                Default.Resolving += ResolveEntryAssembly;
                _resolverInstalled = true;
            }
        }

        /// <summary>
        /// Takes the default context's Resolving handler away again (Remove-Module). Assemblies already
        /// loaded stay loaded, and the default context keeps what it already resolved through the handler.
        /// </summary>
        public static void Uninstall()
        {
            lock (Gate)
            {
                if (!_resolverInstalled) return;
                Default.Resolving -= ResolveEntryAssembly;
                _resolverInstalled = false;
            }
        }

        private static Assembly? ResolveEntryAssembly(AssemblyLoadContext context, AssemblyName name)
        {
            if (!string.Equals(name.Name, EntryAssemblyName, StringComparison.Ordinal)) return null;
            return _instance!.LoadFromAssemblyName(name);
        }

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            // Only the neutral assemblies we ship; everything else (System.*, resources) falls back to Default.
            if (assemblyName.Name == null || !string.IsNullOrEmpty(assemblyName.CultureName)) return null;
            return _shipped.TryGetValue(assemblyName.Name, out var path) ? LoadFromAssemblyPath(path) : null;
        }
    }
}
