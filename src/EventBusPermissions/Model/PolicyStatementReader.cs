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
                    sharedPrincipals: whole.SharedPrincipals));
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

            string? principal = null;
            string? accountId = null;
            if (PolicyJson.TryGetMember(statement, "Principal", out var principalElement))
            {
                principal = PrincipalRenderer.Render(principalElement, out accountId);
                sharedPrincipals = PrincipalRenderer.SplitAwsList(principalElement);
            }
            else if (PolicyJson.TryGetMember(statement, "NotPrincipal", out var notPrincipalElement))
            {
                // Everyone except these: never one account, and never split (each part alone would misstate it).
                principal = NotPrefix + PrincipalRenderer.Render(notPrincipalElement, out _);
            }

            string? condition = null;
            string? organizationId = null;
            if (PolicyJson.TryGetMember(statement, "Condition", out var conditionElement))
            {
                condition = PolicyJson.Compact(conditionElement);
                organizationId = OrganizationIdOf(conditionElement);
            }

            return new EventBusPermission(
                statementId: Member(statement, "Sid"),
                eventBusName: eventBusName,
                region: region,
                principal: principal,
                accountId: accountId,
                organizationId: organizationId,
                action: ListOrNot(statement, "Action", "NotAction"),
                effect: Member(statement, "Effect"),
                resource: ListOrNot(statement, "Resource", "NotResource"),
                condition: condition,
                statementJson: statementJson,
                eventBusArn: eventBusArn,
                principalCount: sharedPrincipals?.Count ?? 1,
                sharedPrincipals: sharedPrincipals?.Select(p => p.Key).ToArray());
        }

        private static string? Member(JsonElement statement, string name) =>
            PolicyJson.TryGetMember(statement, name, out var value) ? PolicyJson.Text(value) : null;

        private static string? ListOrNot(JsonElement statement, string name, string notName)
        {
            if (PolicyJson.TryGetMember(statement, name, out var value))
            {
                return PolicyJson.List(value);
            }

            return PolicyJson.TryGetMember(statement, notName, out var notValue)
                ? NotPrefix + PolicyJson.List(notValue)
                : null;
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
