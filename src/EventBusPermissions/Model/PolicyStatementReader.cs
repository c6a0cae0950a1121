using System;
using System.Text.Json;

namespace EventBusPermissions
{
    /// <summary>Reads one policy statement, of any shape IAM allows, into an <see cref="EventBusPermission"/>.</summary>
    internal static class PolicyStatementReader
    {
        private const string NotPrefix = "NOT ";

        internal static EventBusPermission Read(JsonElement statement, string eventBusName, string? region, string? eventBusArn = null)
        {
            if (eventBusName == null) throw new ArgumentNullException(nameof(eventBusName));

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
            }
            else if (PolicyJson.TryGetMember(statement, "NotPrincipal", out var notPrincipalElement))
            {
                // Everyone except these: never one account.
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
                eventBusArn: eventBusArn);
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
