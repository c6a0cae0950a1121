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
    /// The module's resolve handler (ModuleInitializer) calls <see cref="LoadEntryAssembly"/> when the default
    /// context first asks for EventBusPermissions.Aws; nothing here runs at Import-Module.
    /// </summary>
    public sealed class DependencyLoadContext : AssemblyLoadContext
    {
        /// <summary>The one assembly the module references directly; the rest follow it into this context.</summary>
        public const string EntryAssemblyName = "EventBusPermissions.Aws";

        private static readonly object Gate = new object();
        private static DependencyLoadContext? _instance;

        // The assemblies this context loads itself: the DLLs in the dependencies folder, listed once.
        private readonly Dictionary<string, string> _shipped = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        private DependencyLoadContext(string directory) : base("EventBusPermissions")
        {
            foreach (var path in Directory.GetFiles(directory, "*.dll"))
                _shipped[Path.GetFileNameWithoutExtension(path)] = path;
        }

        /// <summary>
        /// EventBusPermissions.Aws, loaded in this context from the dependencies folder. The context is made on the
        /// first call, once per session, since what it loaded cannot be unloaded; later calls (also after a
        /// Remove-Module and Import-Module) use it again, whatever folder they name.
        /// </summary>
        public static Assembly LoadEntryAssembly(string dependenciesDirectory, AssemblyName name)
        {
            if (!string.Equals(name.Name, EntryAssemblyName, StringComparison.Ordinal))
                throw new ArgumentException($"Only {EntryAssemblyName} is loaded this way, not {name.Name}.", nameof(name));
            DependencyLoadContext context;
            lock (Gate)
            {
                context = _instance ??= new DependencyLoadContext(dependenciesDirectory);
            }
            return context.LoadFromAssemblyName(name);
        }

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            // Only the neutral assemblies we ship; everything else (System.*, resources) falls back to Default.
            if (assemblyName.Name == null || !string.IsNullOrEmpty(assemblyName.CultureName)) return null;
            return _shipped.TryGetValue(assemblyName.Name, out var path) ? LoadFromAssemblyPath(path) : null;
        }
    }
}
