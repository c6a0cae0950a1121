using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace EventBusPermissions
{
    /// <summary>
    /// Compares policy statements as JSON, key order and spacing aside, every member counted. A statement another tool
    /// wrote may repeat a member ("Effect":"Deny","Effect":"Allow"): JsonNode cannot compare it (JsonObject throws
    /// "An item with the same key has already been added"), and dropping either copy would change what it may mean, so
    /// the comparison is done on JsonDocument, which keeps both.
    /// </summary>
    internal static class StatementText
    {
        /// <summary>
        /// The JSON's canonical text: compact, the members of each object in ordinal order of their names. Members of
        /// the same name keep their order among themselves, so a statement whose repeated members trade places is
        /// another statement (which of them AWS reads is not documented).
        /// </summary>
        internal static string Canonical(JsonElement element)
        {
            using (var stream = new MemoryStream())
            {
                using (var writer = new Utf8JsonWriter(stream, PolicyJson.CompactOptions))
                {
                    Write(writer, element);
                }

                return Encoding.UTF8.GetString(stream.ToArray());
            }
        }

        /// <summary>The canonical text of a JSON text; the text itself when it is not JSON (then only the same text matches it).</summary>
        internal static string Canonical(string json)
        {
            if (json == null) throw new ArgumentNullException(nameof(json));
            try
            {
                using (var document = JsonDocument.Parse(json))
                {
                    return Canonical(document.RootElement);
                }
            }
            catch (Exception e) when (e is JsonException || e is ArgumentException)
            {
                return json;
            }
        }

        /// <summary>True when both are the same JSON, key order and spacing aside (see <see cref="Canonical(JsonElement)"/>).</summary>
        internal static bool Same(string a, string b) => string.Equals(Canonical(a), Canonical(b), StringComparison.Ordinal);

        private static void Write(Utf8JsonWriter writer, JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    writer.WriteStartObject();
                    // OrderBy is stable: repeated members stay in the order they were written.
                    foreach (var member in element.EnumerateObject().OrderBy(m => m.Name, StringComparer.Ordinal))
                    {
                        writer.WritePropertyName(member.Name);
                        Write(writer, member.Value);
                    }

                    writer.WriteEndObject();
                    break;
                case JsonValueKind.Array:
                    writer.WriteStartArray();
                    foreach (var item in element.EnumerateArray())
                    {
                        Write(writer, item);
                    }

                    writer.WriteEndArray();
                    break;
                default:
                    element.WriteTo(writer);
                    break;
            }
        }
    }
}
