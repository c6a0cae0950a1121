using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;

namespace EventBusPermissions
{
    /// <summary>
    /// Writes changed versions of a whole policy document. Whatever a change does not touch is written back
    /// exactly as it was (each kept statement and every other top-level member byte for byte), so that a document
    /// the module rewrites never loses or reshapes what someone else wrote. Every whole-policy write goes through here.
    /// </summary>
    internal static class PolicyDocumentBuilder
    {
        /// <summary>The document without the statements whose Sid is <paramref name="statementId"/> (a numeric Sid by its digits).</summary>
        /// <exception cref="FormatException">The text is not JSON, or its root is not an object.</exception>
        public static string WithoutStatementId(string policyJson, string statementId)
        {
            if (statementId == null) throw new ArgumentNullException(nameof(statementId));
            return WithoutStatements(policyJson, p => string.Equals(p.StatementId, statementId, StringComparison.Ordinal));
        }

        /// <summary>
        /// The document without the statements <paramref name="remove"/> picks, each offered once as the
        /// <see cref="EventBusPermission"/> the policy parser reads from it (with an empty EventBusName). A shared
        /// statement (several AWS principals) is offered once for the whole statement: its Principal lists them all,
        /// its AccountId is null and its PrincipalCount says how many there are.
        /// </summary>
        /// <exception cref="FormatException">The text is not JSON, or its root is not an object.</exception>
        public static string WithoutStatements(string policyJson, Func<EventBusPermission, bool> remove) =>
            WithoutStatements(policyJson, string.Empty, null, remove);

        /// <summary>
        /// The document without the statements <paramref name="remove"/> picks, each offered once as the
        /// <see cref="EventBusPermission"/> of <paramref name="eventBusName"/> that the policy parser reads from it; a
        /// shared statement as one permission for the whole statement (see the overload above).
        /// </summary>
        /// <returns>
        /// The text unchanged when nothing is removed. Otherwise compact, with every kept statement and other member as
        /// written; a removed single statement object leaves "Statement":[], the form PutPermission gives an empty policy.
        /// </returns>
        /// <exception cref="FormatException">The text is not JSON, or its root is not an object.</exception>
        public static string WithoutStatements(string policyJson, string eventBusName, string? region, Func<EventBusPermission, bool> remove)
        {
            if (policyJson == null) throw new ArgumentNullException(nameof(policyJson));
            if (eventBusName == null) throw new ArgumentNullException(nameof(eventBusName));
            if (remove == null) throw new ArgumentNullException(nameof(remove));

            using (var document = PolicyParser.ParseDocument(policyJson))
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    throw new FormatException("The event bus policy is not a JSON object.");
                }

                var removedAny = false;
                using (var stream = new MemoryStream())
                {
                    using (var writer = new Utf8JsonWriter(stream, PolicyJson.CompactOptions))
                    {
                        writer.WriteStartObject();
                        foreach (var member in root.EnumerateObject())
                        {
                            writer.WritePropertyName(member.Name);
                            if (IsStatements(member))
                            {
                                removedAny |= WriteKeptStatements(writer, member.Value, eventBusName, region, remove);
                            }
                            else
                            {
                                WriteAsWritten(writer, member.Value);
                            }
                        }

                        writer.WriteEndObject();
                    }

                    // Unchanged text keeps even the whitespace between members, which rewriting would drop.
                    return removedAny ? Encoding.UTF8.GetString(stream.ToArray()) : policyJson;
                }
            }
        }

        /// <summary>
        /// Any spelling of Statement holding an array or one object, as IAM and the policy parser accept any case;
        /// should a document hold two spellings, a statement picked for removal goes from both.
        /// </summary>
        private static bool IsStatements(JsonProperty member) =>
            string.Equals(member.Name, "Statement", StringComparison.OrdinalIgnoreCase)
            && (member.Value.ValueKind == JsonValueKind.Array || member.Value.ValueKind == JsonValueKind.Object);

        /// <returns>True when a statement was left out.</returns>
        private static bool WriteKeptStatements(
            Utf8JsonWriter writer, JsonElement statements, string eventBusName, string? region, Func<EventBusPermission, bool> remove)
        {
            if (statements.ValueKind == JsonValueKind.Object)
            {
                if (!remove(PolicyStatementReader.Read(statements, eventBusName, region)))
                {
                    WriteAsWritten(writer, statements);
                    return false;
                }

                writer.WriteStartArray();
                writer.WriteEndArray();
                return true;
            }

            var removedAny = false;
            writer.WriteStartArray();
            foreach (var statement in statements.EnumerateArray())
            {
                if (remove(PolicyStatementReader.Read(statement, eventBusName, region)))
                {
                    removedAny = true;
                }
                else
                {
                    WriteAsWritten(writer, statement);
                }
            }

            writer.WriteEndArray();
            return removedAny;
        }

        // GetRawText is the element's own text from the document, escapes, number spelling and inner whitespace included.
        private static void WriteAsWritten(Utf8JsonWriter writer, JsonElement element) =>
            writer.WriteRawValue(element.GetRawText(), skipInputValidation: true);

        /// <summary>
        /// The document with each statement kept as written, replaced, or dropped, as <paramref name="edit"/> says
        /// (it returns the statement's own raw text to keep it, other JSON to replace it, null to drop it), and
        /// <paramref name="added"/> statements appended. Every other top-level member stays as written; a missing
        /// policy starts from {"Version":"2012-10-17"}. Whole-policy writes (packing, revoking an account out of a
        /// shared statement) build their documents here, from the document just read.
        /// </summary>
        /// <exception cref="FormatException">The text is not JSON, or its root is not an object.</exception>
        public static string Edit(string? policyJson, Func<JsonElement, string?> edit, IEnumerable<string> added)
        {
            if (edit == null) throw new ArgumentNullException(nameof(edit));
            if (added == null) throw new ArgumentNullException(nameof(added));
            var appended = new List<string>(added);

            using (var document = PolicyParser.ParseDocument(string.IsNullOrWhiteSpace(policyJson) ? "{\"Version\":\"2012-10-17\"}" : policyJson!))
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object) throw new FormatException("The event bus policy is not a JSON object.");
                using (var stream = new MemoryStream())
                {
                    using (var writer = new Utf8JsonWriter(stream, PolicyJson.CompactOptions))
                    {
                        writer.WriteStartObject();
                        var wroteStatements = false;
                        foreach (var member in root.EnumerateObject())
                        {
                            writer.WritePropertyName(member.Name);
                            if (!wroteStatements && IsStatements(member))
                            {
                                writer.WriteStartArray();
                                foreach (var statement in PolicyJson.Values(member.Value))
                                {
                                    var text = edit(statement);
                                    if (text != null) WriteRaw(writer, text);
                                }
                                foreach (var statement in appended) WriteRaw(writer, statement);
                                writer.WriteEndArray();
                                wroteStatements = true;
                            }
                            else
                            {
                                WriteAsWritten(writer, member.Value);
                            }
                        }
                        if (!wroteStatements)
                        {
                            writer.WritePropertyName("Statement");
                            writer.WriteStartArray();
                            foreach (var statement in appended) WriteRaw(writer, statement);
                            writer.WriteEndArray();
                        }
                        writer.WriteEndObject();
                    }
                    return Encoding.UTF8.GetString(stream.ToArray());
                }
            }
        }

        private static void WriteRaw(Utf8JsonWriter writer, string json) => writer.WriteRawValue(json, skipInputValidation: false);
    }
}
