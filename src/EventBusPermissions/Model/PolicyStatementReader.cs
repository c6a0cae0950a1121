using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace EventBusPermissions
{
    /// <summary>
    /// Reads one policy statement, of any shape IAM allows, into <see cref="EventBusPermission"/> objects: one per
    /// principal of a statement whose Principal lists several AWS principals, else one for the whole statement.
    /// </summary>
    internal static class PolicyStatementReader
    {
        private const string NotPrefix = "NOT ";

        /// <summary>How a property reads whose member is repeated, or holds a repeated member: every copy, never one of them.</summary>
        internal const string AmbiguousPrefix = "Ambiguous: ";

        /// <summary>
        /// The statement as its permissions, one per principal: for a shared statement ({"AWS":[a, b, ...]}) one
        /// each, in the order written, every one with the statement's other properties and StatementJson; for any
        /// other statement the single permission <see cref="Read"/> gives.
        /// </summary>
        internal static IReadOnlyList<EventBusPermission> ReadEach(JsonElement statement, string eventBusName, string? region, string? eventBusArn = null)
        {
            var whole = Read(statement, eventBusName, region, eventBusArn, out var principals);
            if (principals == null)
            {
                return new[] { whole };
            }

            var permissions = new List<EventBusPermission>(principals.Count);
            foreach (var principal in principals)
            {
                permissions.Add(new EventBusPermission(
                    statementId: whole.StatementId,
                    eventBusName: eventBusName,
                    region: region,
                    principal: principal.Key,
                    accountId: principal.Value,
                    organizationId: whole.OrganizationId,
                    action: whole.Action,
                    effect: whole.Effect,
                    resource: whole.Resource,
                    condition: whole.Condition,
                    statementJson: whole.StatementJson,
                    eventBusArn: eventBusArn,
                    principalCount: principals.Count,
                    sharedPrincipals: whole.SharedPrincipals,
                    sidIsText: whole.SidIsText));
            }

            return permissions;
        }

        /// <summary>
        /// The statement as one permission, whatever its principals: a shared statement's Principal then reads
        /// "111122223333, 444455556666", its AccountId is null and its PrincipalCount says how many it names.
        /// For whole-statement decisions (which statements a document rewrite keeps) and for the statements the
        /// module writes itself, which always name one principal.
        /// </summary>
        internal static EventBusPermission Read(JsonElement statement, string eventBusName, string? region, string? eventBusArn = null) =>
            Read(statement, eventBusName, region, eventBusArn, out _);

        private static EventBusPermission Read(
            JsonElement statement, string eventBusName, string? region, string? eventBusArn,
            out IReadOnlyList<KeyValuePair<string, string?>>? sharedPrincipals)
        {
            if (eventBusName == null) throw new ArgumentNullException(nameof(eventBusName));

            sharedPrincipals = null;
            var statementJson = PolicyJson.Compact(statement);
            if (statement.ValueKind != JsonValueKind.Object)
            {
                // Not a statement IAM would store, but showing it beats hiding it.
                return new EventBusPermission(null, eventBusName, region, null, null, null, null, null, null, null, statementJson, eventBusArn);
            }

            // A repeated member makes the statement ambiguous: each property then shows every copy, and nothing is
            // derived from one copy alone (an account, an organization, a split by principal).
            var repeated = RepeatedMembers.Paths(statement);
            string? principal = null;
            string? accountId = null;
            if (Shown(statement, "Principal", p => PrincipalRenderer.Render(p, out _)) is string shownPrincipal)
            {
                principal = shownPrincipal;
                if (Clean(statement, "Principal", out var principalElement))
                {
                    PrincipalRenderer.Render(principalElement, out accountId);
                    sharedPrincipals = repeated.Count == 0 ? PrincipalRenderer.SplitAwsList(principalElement) : null;
                }
            }
            else if (Shown(statement, "NotPrincipal", p => PrincipalRenderer.Render(p, out _)) is string notPrincipal)
            {
                // Everyone except these: never one account, and never split (each part alone would misstate it).
                principal = NotPrefix + notPrincipal;
            }

            var condition = Shown(statement, "Condition", PolicyJson.Compact);
            var organizationId = Clean(statement, "Condition", out var conditionElement) ? OrganizationIdOf(conditionElement) : null;
            var sids = RepeatedMembers.Named(statement, "Sid");

            return new EventBusPermission(
                statementId: Shown(statement, "Sid", PolicyJson.Text),
                eventBusName: eventBusName,
                region: region,
                principal: principal,
                accountId: accountId,
                organizationId: organizationId,
                action: ListOrNot(statement, "Action", "NotAction"),
                effect: Shown(statement, "Effect", PolicyJson.Text),
                resource: ListOrNot(statement, "Resource", "NotResource"),
                condition: condition,
                statementJson: statementJson,
                eventBusArn: eventBusArn,
                principalCount: sharedPrincipals?.Count ?? 1,
                sharedPrincipals: sharedPrincipals?.Select(p => p.Key).ToArray(),
                repeatedMembers: repeated,
                sidIsText: sids.Count == 1 && sids[0].ValueKind == JsonValueKind.String);
        }

        /// <summary>
        /// The member as <paramref name="render"/> shows it; null when it is absent or JSON null (as IAM reads it). A
        /// member written more than once (ignoring case), or holding a repeated member, reads "Ambiguous: " and every
        /// copy in order, "Ambiguous: Deny | Allow".
        /// </summary>
        private static string? Shown(JsonElement statement, string name, Func<JsonElement, string?> render)
        {
            var copies = RepeatedMembers.Named(statement, name);
            if (copies.Count == 0 || (copies.Count == 1 && copies[0].ValueKind == JsonValueKind.Null)) return null;
            if (copies.Count == 1 && !RepeatedMembers.Any(copies[0])) return render(copies[0]);
            return AmbiguousPrefix + string.Join(" | ", copies.Select(c => render(c) ?? "null"));
        }

        /// <summary>True, with its value, when the member is written once, is not null, and repeats nothing inside.</summary>
        private static bool Clean(JsonElement statement, string name, out JsonElement value)
        {
            var copies = RepeatedMembers.Named(statement, name);
            value = copies.Count == 1 ? copies[0] : default;
            return copies.Count == 1 && value.ValueKind != JsonValueKind.Null && !RepeatedMembers.Any(value);
        }

        private static string? ListOrNot(JsonElement statement, string name, string notName)
        {
            var shown = Shown(statement, name, PolicyJson.List);
            if (shown != null) return shown;
            var notShown = Shown(statement, notName, PolicyJson.List);
            return notShown == null ? null : NotPrefix + notShown;
        }

        /// <summary>
        /// The organization of an organization grant: StringEquals on aws:PrincipalOrgID with one value.
        /// Operator and key are compared ignoring case, as IAM compares them.
        /// </summary>
        private static string? OrganizationIdOf(JsonElement condition)
        {
            if (condition.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            foreach (var conditionOperator in condition.EnumerateObject())
            {
                if (!string.Equals(conditionOperator.Name, "StringEquals", StringComparison.OrdinalIgnoreCase)
                    || conditionOperator.Value.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                foreach (var key in conditionOperator.Value.EnumerateObject())
                {
                    if (string.Equals(key.Name, "aws:PrincipalOrgID", StringComparison.OrdinalIgnoreCase))
                    {
                        var value = key.Value;
                        if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 1)
                        {
                            value = value[0];
                        }

                        if (value.ValueKind == JsonValueKind.String)
                        {
                            return value.GetString();
                        }
                    }
                }
            }

            return null;
        }
    }
}
