using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace EventBusPermissions.Planning
{
    /// <summary>
    /// The inverses of the changes a command made but could not report (Ctrl+C, -ErrorAction Stop): each is an edit of
    /// the policy as it stands when the take-back runs, not as it stood when the change was made, and each undoes only
    /// its own change, only while the bus still shows it. Every other statement is written back as it was.
    /// </summary>
    internal static class TakeBackEdits
    {
        /// <summary>An account this command added to a statement (-Pack): out of it again, while the statement still names it.</summary>
        public static string? WithoutAccount(string? policy, string statementId, string account)
            => Edit(policy, s => HasSid(s, statementId) && AccountStatements.AllowsAccount(s, account) ? AccountStatements.WithoutAccount(s, account) : Keep);

        /// <summary>A statement this command replaced (Replaced): the old text back, while the Sid still holds what this command wrote.</summary>
        public static string? Restore(string? policy, string statementId, string before, Func<JsonElement, bool> stillOurs)
            => Edit(policy, s => HasSid(s, statementId) && stillOurs(s) ? before : Keep);

        /// <summary>A statement this command removed (Revoked): back, unless the bus holds a statement of that Sid (or of that text) again.</summary>
        public static string? PutBack(string? policy, string? statementId, string before)
        {
            var compact = Compact(before);
            if (Statements(policy).Any(s => statementId != null ? HasSid(s, statementId) : PolicyJson.Compact(s) == compact)) return policy;
            return PolicyDocumentBuilder.Edit(policy, s => s.GetRawText(), new[] { before });
        }

        /// <summary>
        /// An account this command took out of a shared statement: back into it. When the statement is gone (every account
        /// of it was taken out), the statement as it was, naming of the accounts taken out only this one.
        /// </summary>
        public static string? PutAccountBack(string? policy, string? statementId, string account, string before, IReadOnlyCollection<string> takenOut, string partition)
        {
            if (statementId != null && Statements(policy).Any(s => HasSid(s, statementId)))
                return Edit(policy, s => HasSid(s, statementId) && !AccountStatements.AllowsAccount(s, account) ? WithAccount(s, account, partition) : Keep);
            string? alone = before;
            foreach (var other in takenOut.Where(a => a != account))
            {
                using (var document = JsonDocument.Parse(alone))
                    alone = AccountStatements.WithoutAccount(document.RootElement, other);
                if (alone == null) return policy;
            }
            return PutBack(policy, statementId, alone!);
        }

        /// <summary>True when both texts are the same JSON document, spacing aside (a service may store it reformatted).</summary>
        public static bool SameDocument(string? a, string? b)
        {
            if (a == null || b == null) return a == b;
            try
            {
                return Compact(a) == Compact(b);
            }
            catch (System.Text.Json.JsonException)
            {
                return false;
            }
        }

        // Returned by an edit to keep a statement as written.
        private const string Keep = "\u0000keep";

        /// <summary>The policy with each statement kept, or replaced by what <paramref name="edit"/> returns (null drops it); the same text when nothing changed.</summary>
        private static string? Edit(string? policy, Func<JsonElement, string?> edit)
        {
            var changed = false;
            var result = PolicyDocumentBuilder.Edit(policy, s =>
            {
                var text = edit(s);
                if (ReferenceEquals(text, Keep)) return s.GetRawText();
                changed = true;
                return text;
            }, new string[0]);
            return changed ? result : policy;
        }

        private static IEnumerable<JsonElement> Statements(string? policy)
        {
            if (string.IsNullOrWhiteSpace(policy)) return new JsonElement[0];
            using (var document = PolicyParser.ParseDocument(policy!))
            {
                if (!PolicyJson.TryGetMember(document.RootElement, "Statement", out var statements)) return new JsonElement[0];
                return PolicyJson.Values(statements).Select(s => s.Clone()).ToList();
            }
        }

        private static bool HasSid(JsonElement statement, string statementId)
            => statement.ValueKind == JsonValueKind.Object && statement.TryGetProperty("Sid", out var sid)
               && sid.ValueKind == JsonValueKind.String && string.Equals(sid.GetString(), statementId, StringComparison.Ordinal);

        private static string Compact(string json)
        {
            using (var document = JsonDocument.Parse(json)) return PolicyJson.Compact(document.RootElement);
        }

        /// <summary>The statement with the account's root ARN added to its AWS principals; every other member as written.</summary>
        private static string WithAccount(JsonElement statement, string account, string partition)
        {
            var arn = "arn:" + partition + ":iam::" + account + ":root";
            return StatementRewrite.WithPrincipal(statement, (writer, principal) =>
            {
                var added = false;
                foreach (var type in principal.EnumerateObject())
                {
                    writer.WritePropertyName(type.Name);
                    if (added || !string.Equals(type.Name, "AWS", StringComparison.OrdinalIgnoreCase))
                    {
                        writer.WriteRawValue(type.Value.GetRawText(), skipInputValidation: true);
                        continue;
                    }
                    writer.WriteStartArray();
                    foreach (var value in PolicyJson.Values(type.Value)) writer.WriteRawValue(value.GetRawText(), skipInputValidation: true);
                    writer.WriteStringValue(arn);
                    writer.WriteEndArray();
                    added = true;
                }
                if (!added)
                {
                    writer.WritePropertyName("AWS");
                    writer.WriteStringValue(arn);
                }
            });
        }
    }
}
