using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;

namespace EventBusPermissions
{
    /// <summary>
    /// The assemblies the module ships, by simple name, listed once from its folders. Windows PowerShell's
    /// resolve handler answers only for these names, never for a name that merely exists as a file later,
    /// and never for another culture's satellite assembly.
    /// </summary>
    internal sealed class ShippedAssemblies
    {
        private readonly Dictionary<string, string> _paths;

        private ShippedAssemblies(Dictionary<string, string> paths)
        {
            _paths = paths;
        }

        /// <summary>The simple names, as found when the list was made.</summary>
        public IReadOnlyCollection<string> Names => _paths.Keys;

        /// <summary>Lists the *.dll files of the folders; a name in an earlier folder wins over a later one.</summary>
        public static ShippedAssemblies FromFolders(params string[] folders)
        {
            var paths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var folder in folders)
            {
                if (!Directory.Exists(folder)) continue;
                foreach (var path in Directory.GetFiles(folder, "*.dll"))
                {
                    var name = Path.GetFileNameWithoutExtension(path);
                    if (!paths.ContainsKey(name)) paths[name] = path;
                }
            }
            return new ShippedAssemblies(paths);
        }

        /// <summary>
        /// The file of a requested assembly ("AWSSDK.Core, Version=4.0.0.0, Culture=neutral, ..."), or null
        /// when it is not one we ship: another simple name, a culture-specific (satellite) request, or a
        /// display name that does not parse.
        /// </summary>
        public string? PathOf(string requestedName)
        {
            AssemblyName name;
            try
            {
                name = new AssemblyName(requestedName);
            }
            catch (Exception e) when (e is ArgumentException || e is FileLoadException)
            {
                return null;
            }
            if (string.IsNullOrEmpty(name.Name)) return null;
            if (!string.IsNullOrEmpty(name.CultureName)) return null;
            return _paths.TryGetValue(name.Name, out var path) ? path : null;
        }
    }
}
