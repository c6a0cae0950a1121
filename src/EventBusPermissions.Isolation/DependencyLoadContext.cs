using System;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace EventBusPermissions.Isolation
{
    /// <summary>
    /// The load context for the module's AWS-facing assemblies. It loads every assembly found in the
    /// module's dependencies folder itself, so AWSSDK.Core 4.1.0 is ours even when another module already
    /// loaded a different AWSSDK.Core into the default context; anything else (System.*, netstandard)
    /// comes from the default context as usual.
    /// </summary>
    public sealed class DependencyLoadContext : AssemblyLoadContext
    {
        /// <summary>The one assembly the module references directly; the rest follow it into this context.</summary>
        public const string EntryAssemblyName = "EventBusPermissions.Aws";

        private static readonly object Gate = new object();
        private static DependencyLoadContext? _instance;

        private readonly string _directory;

        private DependencyLoadContext(string directory) : base("EventBusPermissions")
        {
            _directory = directory;
        }

        /// <summary>
        /// Lets the default context find EventBusPermissions.Aws (which sits out of its sight, in the
        /// dependencies folder) by loading it here. Safe to call again on every Import-Module.
        /// </summary>
        public static void Install(string dependenciesDirectory)
        {
            lock (Gate)
            {
                if (_instance != null) return;
                _instance = new DependencyLoadContext(dependenciesDirectory);
                Default.Resolving += ResolveEntryAssembly;
            }
        }

        private static Assembly? ResolveEntryAssembly(AssemblyLoadContext context, AssemblyName name)
        {
            if (!string.Equals(name.Name, EntryAssemblyName, StringComparison.Ordinal)) return null;
            return _instance!.LoadFromAssemblyName(name);
        }

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var path = Path.Combine(_directory, assemblyName.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }
}
