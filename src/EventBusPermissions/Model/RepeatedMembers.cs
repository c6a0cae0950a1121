using System;
using System.Collections.Generic;
using System.Text.Json;

namespace EventBusPermissions
{
    /// <summary>
    /// A JSON object may name a member twice ("Effect":"Deny","Effect":"Allow"), and a policy the console or a script
    /// stored may do so. Which copy AWS applies is not documented, so such a statement says nothing certain: the module
    /// shows it as ambiguous and never changes it. Names are compared ignoring case, as IAM reads them ("Effect" and
    /// "effect" are the same member).
    /// </summary>
    internal static class RepeatedMembers
    {
        /// <summary>
        /// Where members are repeated, at any depth, as paths from <paramref name="element"/> ("Effect",
        /// "Condition.StringEquals.aws:SourceVpc", "Principal.AWS"), each once, in the order found; empty when none is.
        /// </summary>
        internal static IReadOnlyList<string> Paths(JsonElement element)
        {
            var paths = new List<string>();
            Collect(element, null, paths);
            return paths;
        }

        /// <summary>True when any object in <paramref name="element"/>, at any depth, repeats a member.</summary>
        internal static bool Any(JsonElement element) => Paths(element).Count > 0;

        /// <summary>Every member of the object whose name is <paramref name="name"/> ignoring case, in the order written.</summary>
        internal static IReadOnlyList<JsonElement> Named(JsonElement element, string name)
        {
            var values = new List<JsonElement>();
            if (element.ValueKind != JsonValueKind.Object) return values;
            foreach (var member in element.EnumerateObject())
            {
                if (string.Equals(member.Name, name, StringComparison.OrdinalIgnoreCase)) values.Add(member.Value);
            }

            return values;
        }

        /// <summary>"the member 'Effect'" or "the members 'Effect', 'Principal.AWS'", for messages.</summary>
        internal static string Describe(IReadOnlyList<string> paths)
            => (paths.Count == 1 ? "the member '" : "the members '") + string.Join("', '", paths) + "'";

        private static void Collect(JsonElement element, string? path, List<string> paths)
        {
            if (element.ValueKind == JsonValueKind.Object)
            {
                var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (var member in element.EnumerateObject())
                {
                    var memberPath = path == null ? member.Name : path + "." + member.Name;
                    if (!seen.Add(member.Name) && !paths.Exists(p => string.Equals(p, memberPath, StringComparison.OrdinalIgnoreCase)))
                    {
                        paths.Add(memberPath);
                    }

                    Collect(member.Value, memberPath, paths);
                }
            }
            else if (element.ValueKind == JsonValueKind.Array)
            {
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, (path ?? string.Empty) + "[" + index++ + "]", paths);
                }
            }
        }
    }
}
