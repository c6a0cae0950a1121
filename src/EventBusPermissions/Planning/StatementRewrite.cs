using System;
using System.IO;
using System.Text;
using System.Text.Json;

namespace EventBusPermissions.Planning
{
    /// <summary>Writes a statement again with its Principal object changed and every other member exactly as written.</summary>
    internal static class StatementRewrite
    {
        /// <param name="writePrincipal">Writes the new Principal object's members, given the one as written.</param>
        public static string WithPrincipal(JsonElement statement, Action<Utf8JsonWriter, JsonElement> writePrincipal)
        {
            using (var stream = new MemoryStream())
            {
                using (var writer = new Utf8JsonWriter(stream, PolicyJson.CompactOptions))
                {
                    writer.WriteStartObject();
                    foreach (var member in statement.EnumerateObject())
                    {
                        writer.WritePropertyName(member.Name);
                        if (!string.Equals(member.Name, "Principal", StringComparison.Ordinal) || member.Value.ValueKind != JsonValueKind.Object)
                        {
                            writer.WriteRawValue(member.Value.GetRawText(), skipInputValidation: true);
                            continue;
                        }
                        writer.WriteStartObject();
                        writePrincipal(writer, member.Value);
                        writer.WriteEndObject();
                    }
                    writer.WriteEndObject();
                }
                return Encoding.UTF8.GetString(stream.ToArray());
            }
        }
    }
}
