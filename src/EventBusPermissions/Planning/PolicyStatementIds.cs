using System;
using System.Collections.Generic;
using System.Text.Json;

namespace EventBusPermissions.Planning
{
    /// <summary>
    /// The Sids of a whole policy document. RemovePermission takes a statement id under the same rule as
    /// PutPermission, so a statement whose Sid breaks it (a trailing space, a '.') could never be revoked on its own;
    /// such a document is refused before it is sent. A statement without a Sid is allowed (a risk, not an error).
    /// </summary>
    internal static class PolicyStatementIds
    {
        /// <summary>Null when the statement has no Sid or one RemovePermission can name, else the reason.</summary>
        internal static string? Problem(JsonElement statement)
        {
            if (!PolicyJson.TryGetMember(statement, "Sid", out var sid))
            {
                return null;
            }

            if (sid.ValueKind != JsonValueKind.String)
            {
                // RemovePermission takes a string; whether the service would match it to a number is not known.
                var written = InputText.Shorten(PolicyJson.Compact(sid));
                var hint = sid.ValueKind == JsonValueKind.Number ? "; write it in quotes, \"Sid\":\"" + written + "\"" : string.Empty;
                return "has a Sid that is " + PolicyStatements.Describe(sid.ValueKind) + ", not a string" + hint
                    + "; a statement id is 1 to 64 letters, digits, '-' or '_'";
            }

            var problem = StatementIds.Check(sid.GetString());
            if (problem == null)
            {
                return null;
            }

            // StatementIds.Check says "The statement id ... ."; it continues this sentence.
            return "has a Sid that RemovePermission could never remove: "
                + char.ToLowerInvariant(problem[0]) + problem.Substring(1).TrimEnd('.');
        }

        /// <summary>
        /// Null when no two statements share a Sid, else the reason: RemovePermission removes by Sid, so two
        /// statements under one Sid could not be revoked one at a time.
        /// </summary>
        internal static string? DuplicateProblem(JsonElement statements)
        {
            var seen = new Dictionary<string, int?>(StringComparer.Ordinal);
            foreach (var numbered in PolicyStatements.Numbered(statements))
            {
                if (!PolicyJson.TryGetMember(numbered.Key, "Sid", out var sid) || sid.ValueKind != JsonValueKind.String)
                {
                    continue;
                }

                var id = sid.GetString() ?? string.Empty;
                if (seen.TryGetValue(id, out var first))
                {
                    return "statements " + first + " and " + numbered.Value + " both have the Sid " + InputText.Quote(id)
                        + "; give each statement its own Sid, since RemovePermission removes statements by Sid";
                }

                seen[id] = numbered.Value;
            }

            return null;
        }
    }
}
