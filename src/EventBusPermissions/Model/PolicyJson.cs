using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace EventBusPermissions
{
    /// <summary>The small JSON reading and writing rules shared by the policy readers.</summary>
    internal static class PolicyJson
    {
        // The relaxed encoder keeps '+', '&', '<' and non-ASCII text as written, so users see the
        // policy as they wrote it rather than as \u escapes. The output is never embedded in HTML.
        internal static readonly JsonWriterOptions CompactOptions = new JsonWriterOptions
        {
            Indented = false,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };

        /// <summary>
        /// Finds a member by its usual spelling first, then ignoring case, since IAM accepts either.
        /// A JSON null counts as absent.
        /// </summary>
        internal static bool TryGetMember(JsonElement element, string name, out JsonElement value)
        {
            if (element.ValueKind == JsonValueKind.Object)
            {
                if (element.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
                {
                    return true;
                }

                foreach (var property in element.EnumerateObject())
                {
                    if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase)
                        && property.Value.ValueKind != JsonValueKind.Null)
                    {
                        value = property.Value;
                        return true;
                    }
                }
            }

            value = default;
            return false;
        }

        internal static string Compact(JsonElement element)
        {
            using (var stream = new MemoryStream())
            {
                using (var writer = new Utf8JsonWriter(stream, CompactOptions))
                {
                    element.WriteTo(writer);
                }

                return Encoding.UTF8.GetString(stream.ToArray());
            }
        }

        /// <summary>A string as it is, null as null, anything else as compact JSON.</summary>
        internal static string? Text(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    return element.GetString();
                case JsonValueKind.Null:
                case JsonValueKind.Undefined:
                    return null;
                default:
                    return Compact(element);
            }
        }

        /// <summary>The items of an array, or the one value that is not an array.</summary>
        internal static IEnumerable<JsonElement> Values(JsonElement element)
        {
            if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in element.EnumerateArray())
                {
                    yield return item;
                }
            }
            else
            {
                yield return element;
            }
        }

        /// <summary>A string as it is; an array as its items joined with ", ".</summary>
        internal static string? List(JsonElement element)
        {
            if (element.ValueKind != JsonValueKind.Array)
            {
                return Text(element);
            }

            var parts = new List<string>();
            foreach (var item in element.EnumerateArray())
            {
                parts.Add(Text(item) ?? "null");
            }

            return string.Join(", ", parts);
        }

        /// <summary>A JSON value's kind in words, for messages: "an array", "a string", ...</summary>
        internal static string KindText(JsonValueKind kind)
        {
            switch (kind)
            {
                case JsonValueKind.Object: return "an object";
                case JsonValueKind.Array: return "an array";
                case JsonValueKind.String: return "a string";
                case JsonValueKind.Number: return "a number";
                case JsonValueKind.True:
                case JsonValueKind.False: return "a boolean";
                default: return "null";
            }
        }
    }
}
