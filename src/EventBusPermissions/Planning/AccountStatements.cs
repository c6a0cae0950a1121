using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace EventBusPermissions.Planning
{
    /// <summary>
    /// Reads policy statements, as written, for what packing and revoking by account need: which statements are
    /// plain account grants (and may be packed), and how a statement reads without one of its accounts.
    /// </summary>
    internal static class AccountStatements
    {
        /// <summary>The Sid of the statement -Pack writes; a statement of that Sid in the plain shape is -Pack's own.</summary>
        public const string PackedSid = "PackedAccounts";

        private static readonly HashSet<string> PlainMembers = new HashSet<string>(StringComparer.Ordinal) { "Sid", "Effect", "Principal", "Action", "Resource" };

        /// <summary>
        /// The accounts of a plain account grant: an Allow of events:PutEvents on this bus, without a condition or any
        /// other member, whose principals are all whole accounts (root ARNs of the bus's partition, or 12 digits),
        /// one or several. Null for any other statement, which packing keeps exactly as it is; also for one that repeats
        /// a member at any depth (which copy AWS applies is not documented: folding it could turn a Deny into an Allow).
        /// </summary>
        public static IReadOnlyList<string>? PlainAccounts(JsonElement statement, string busArn)
        {
            if (statement.ValueKind != JsonValueKind.Object || RepeatedMembers.Any(statement)) return null;
            foreach (var member in statement.EnumerateObject())
                if (!PlainMembers.Contains(member.Name)) return null;
            if (!IsString(statement, "Sid", null) || !IsString(statement, "Effect", "Allow")) return null;
            if (!IsOne(statement, "Action", Actions.PutEvents, StringComparison.OrdinalIgnoreCase)) return null;
            if (!IsOne(statement, "Resource", busArn, StringComparison.Ordinal)) return null;
            if (!statement.TryGetProperty("Principal", out var principal) || principal.ValueKind != JsonValueKind.Object) return null;

            var partition = PartitionOf(busArn);
            var accounts = new List<string>();
            foreach (var type in principal.EnumerateObject())
            {
                if (!string.Equals(type.Name, "AWS", StringComparison.Ordinal)) return null;
                foreach (var value in PolicyJson.Values(type.Value))
                {
                    var account = value.ValueKind == JsonValueKind.String ? AccountOf(value.GetString()!, partition) : null;
                    if (account == null) return null;
                    accounts.Add(account);
                }
            }
            return accounts.Count == 0 ? null : accounts;
        }

        /// <summary>
        /// True when the statement is an Allow whose AWS principals name this account (among others or alone); never for
        /// a statement that repeats a member, whose Effect and principals may read otherwise (it is never rewritten).
        /// </summary>
        public static bool AllowsAccount(JsonElement statement, string account)
            => statement.ValueKind == JsonValueKind.Object && !RepeatedMembers.Any(statement)
               && IsString(statement, "Effect", "Allow") && AwsPrincipals(statement).Any(p => PrincipalAccounts.Of(p) == account);

        /// <summary>The number of principals (of every type) the statement names; 0 for "*" or a NotPrincipal.</summary>
        public static int PrincipalCount(JsonElement statement)
        {
            if (statement.ValueKind != JsonValueKind.Object || !statement.TryGetProperty("Principal", out var principal) || principal.ValueKind != JsonValueKind.Object) return 0;
            return principal.EnumerateObject().Sum(type => PolicyJson.Values(type.Value).Count());
        }

        /// <summary>
        /// The statement without this account among its AWS principals, every other member as written; null when no
        /// principal would be left (the statement then goes).
        /// </summary>
        public static string? WithoutAccount(JsonElement statement, string account)
        {
            var left = 0;
            var text = StatementRewrite.WithPrincipal(statement, (writer, principal) =>
            {
                foreach (var type in principal.EnumerateObject())
                {
                    var isAws = string.Equals(type.Name, "AWS", StringComparison.OrdinalIgnoreCase);
                    var kept = PolicyJson.Values(type.Value)
                        .Where(v => !(isAws && v.ValueKind == JsonValueKind.String && PrincipalAccounts.Of(v.GetString()!) == account))
                        .ToList();
                    if (kept.Count == 0) continue;
                    left += kept.Count;
                    writer.WritePropertyName(type.Name);
                    if (type.Value.ValueKind == JsonValueKind.Array)
                    {
                        writer.WriteStartArray();
                        foreach (var value in kept) writer.WriteRawValue(value.GetRawText(), skipInputValidation: true);
                        writer.WriteEndArray();
                    }
                    else
                    {
                        writer.WriteRawValue(kept[0].GetRawText(), skipInputValidation: true);
                    }
                }
            });
            return left == 0 ? null : text;
        }

        /// <summary>-Pack's statement for these accounts (in this order): their root ARNs in the bus's partition.</summary>
        public static string Packed(IEnumerable<string> accounts, string busArn)
        {
            var partition = PartitionOf(busArn);
            using (var stream = new MemoryStream())
            {
                using (var writer = new Utf8JsonWriter(stream, PolicyJson.CompactOptions))
                {
                    writer.WriteStartObject();
                    writer.WriteString("Sid", PackedSid);
                    writer.WriteString("Effect", "Allow");
                    writer.WritePropertyName("Principal");
                    writer.WriteStartObject();
                    writer.WritePropertyName("AWS");
                    writer.WriteStartArray();
                    foreach (var account in accounts) writer.WriteStringValue("arn:" + partition + ":iam::" + account + ":root");
                    writer.WriteEndArray();
                    writer.WriteEndObject();
                    writer.WriteString("Action", Actions.PutEvents);
                    writer.WriteString("Resource", busArn);
                    writer.WriteEndObject();
                }
                return Encoding.UTF8.GetString(stream.ToArray());
            }
        }

        internal static IEnumerable<string> AwsPrincipals(JsonElement statement)
        {
            if (!statement.TryGetProperty("Principal", out var principal) || principal.ValueKind != JsonValueKind.Object) yield break;
            foreach (var type in principal.EnumerateObject())
            {
                if (!string.Equals(type.Name, "AWS", StringComparison.OrdinalIgnoreCase)) continue;
                foreach (var value in PolicyJson.Values(type.Value))
                    if (value.ValueKind == JsonValueKind.String) yield return value.GetString()!;
            }
        }

        /// <summary>12 digits, or a root ARN (of <paramref name="partition"/> when given): the account; else null.</summary>
        private static string? AccountOf(string principal, string? partition)
        {
            if (AccountIds.IsNormalizedAccount(principal)) return principal;
            const string iam = ":iam::";
            if (!principal.StartsWith("arn:", StringComparison.Ordinal) || !principal.EndsWith(":root", StringComparison.Ordinal)) return null;
            var at = principal.IndexOf(iam, StringComparison.Ordinal);
            if (at < 0) return null;
            if (partition != null && principal.Substring(4, at - 4) != partition) return null;
            var account = principal.Substring(at + iam.Length, principal.Length - at - iam.Length - ":root".Length);
            return AccountIds.IsNormalizedAccount(account) ? account : null;
        }

        private static string PartitionOf(string busArn)
            => EventBusArn.TryParse(busArn, out var partition, out _, out _, out _) ? partition : throw new ArgumentException("Not an event bus ARN: " + busArn, nameof(busArn));

        private static bool IsString(JsonElement statement, string name, string? expected)
            => statement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
               && (expected == null || string.Equals(value.GetString(), expected, StringComparison.Ordinal));

        private static bool IsOne(JsonElement statement, string name, string expected, StringComparison comparison)
        {
            if (!statement.TryGetProperty(name, out var value)) return false;
            var values = PolicyJson.Values(value).ToList();
            return values.Count == 1 && values[0].ValueKind == JsonValueKind.String && string.Equals(values[0].GetString(), expected, comparison);
        }
    }
}
