using System.Collections.Generic;
using System.Text.Json;

namespace EventBusPermissions.Planning
{
    /// <summary>
    /// The statements of a policy document and the names messages give them, shared by the document checks and
    /// the risk warnings so that both name a statement the same way.
    /// </summary>
    internal static class PolicyStatements
    {
        /// <summary>
        /// Each statement with its position (1-based), or with null when the Statement member is a single object,
        /// which IAM accepts in place of the array. Nothing when <paramref name="statements"/> is neither.
        /// </summary>
        internal static IEnumerable<KeyValuePair<JsonElement, int?>> Numbered(JsonElement statements)
        {
            if (statements.ValueKind == JsonValueKind.Object)
            {
                yield return new KeyValuePair<JsonElement, int?>(statements, null);
            }
            else if (statements.ValueKind == JsonValueKind.Array)
            {
                var number = 0;
                foreach (var statement in statements.EnumerateArray())
                {
                    number++;
                    yield return new KeyValuePair<JsonElement, int?>(statement, number);
                }
            }
        }

        /// <summary>
        /// "statement 3 (Sid 'Third')", "statement 2 (Sid 7)" or "the statement": users find a statement by its Sid,
        /// and by its position when it has none. A Sid that is not a string is shown as written.
        /// </summary>
        internal static string Name(JsonElement statement, int? number)
        {
            var name = number == null ? "the statement" : "statement " + number.Value;
            if (statement.ValueKind == JsonValueKind.Object && PolicyJson.TryGetMember(statement, "Sid", out var sid))
            {
                var text = sid.ValueKind == JsonValueKind.String
                    ? InputText.Quote(sid.GetString() ?? string.Empty)
                    : InputText.Shorten(PolicyJson.Compact(sid));
                name += " (Sid " + text + ")";
            }

            return name;
        }

        /// <summary>The name with a capital letter, to begin a sentence.</summary>
        internal static string CapitalizedName(JsonElement statement, int? number)
        {
            var name = Name(statement, number);
            return char.ToUpperInvariant(name[0]) + name.Substring(1);
        }

        internal static string Describe(JsonValueKind kind) => PolicyJson.KindText(kind);
    }
}
