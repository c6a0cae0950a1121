using System;
using System.Collections.Generic;
using System.Text.Json;

namespace EventBusPermissions.Planning
{
    /// <summary>
    /// Finds the statements of a policy document that IAM accepts but that grant more than a reader may think,
    /// so that -Policy can warn before the whole policy is replaced. Warns, never refuses: such statements are
    /// sometimes meant.
    /// </summary>
    internal static class PolicyRisks
    {
        /// <summary>One warning per risky statement, naming it and every risk it holds; empty for anything unreadable.</summary>
        internal static IReadOnlyList<string> Find(string? policyJson)
        {
            var warnings = new List<string>();
            if (string.IsNullOrWhiteSpace(policyJson))
            {
                return warnings;
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(policyJson!);
            }
            catch (Exception ex) when (ex is JsonException || ex is ArgumentException)
            {
                // Not JSON: Check says so; a warning would only repeat it.
                return warnings;
            }

            using (document)
            {
                if (!PolicyJson.TryGetMember(document.RootElement, "Statement", out var statements))
                {
                    return warnings;
                }

                foreach (var numbered in PolicyStatements.Numbered(statements))
                {
                    var statement = numbered.Key;
                    if (statement.ValueKind != JsonValueKind.Object)
                    {
                        continue;
                    }

                    var risks = Of(statement);
                    if (risks.Count > 0)
                    {
                        warnings.Add(PolicyStatements.CapitalizedName(statement, numbered.Value) + ": " + string.Join("; ", risks) + ".");
                    }
                }
            }

            return warnings;
        }

        private static List<string> Of(JsonElement statement)
        {
            var risks = new List<string>();

            // Check accepts only these two spellings; anything else is treated as neither.
            var effect = PolicyJson.TryGetMember(statement, "Effect", out var effectElement) && effectElement.ValueKind == JsonValueKind.String
                ? effectElement.GetString()
                : null;
            var allows = effect == "Allow";

            if (allows && PolicyJson.TryGetMember(statement, "Principal", out var principal) && !HasCondition(statement))
            {
                var everyone = PolicyPrincipals.Everyone(principal);
                if (everyone != null)
                {
                    risks.Add("allows every AWS account (Principal " + InputText.Quote(everyone)
                        + ") without a Condition, so anyone can put events on the bus");
                }
            }

            if (PolicyJson.TryGetMember(statement, "NotPrincipal", out _))
            {
                risks.Add(allows
                    ? "uses NotPrincipal with Allow, which allows everyone except the principals it lists"
                    : "uses NotPrincipal, so it applies to everyone except the principals it lists, possibly more than meant");
            }

            if (allows)
            {
                var wildcards = WildcardActions(statement);
                if (wildcards.Count > 0)
                {
                    risks.Add("allows the wildcard action" + (wildcards.Count == 1 ? " " : "s ") + string.Join(", ", wildcards)
                        + ", which covers more than events:PutEvents, including actions added later");
                }

                if (PolicyJson.TryGetMember(statement, "NotAction", out _))
                {
                    risks.Add("uses NotAction with Allow, which allows every action except those it lists");
                }
            }

            if (!PolicyJson.TryGetMember(statement, "Sid", out _))
            {
                risks.Add("has no Sid, so it cannot be revoked by statement id, only by replacing the whole policy");
            }

            return risks;
        }

        /// <summary>A Condition narrows whom the statement applies to only when it holds at least one operator.</summary>
        private static bool HasCondition(JsonElement statement)
        {
            if (!PolicyJson.TryGetMember(statement, "Condition", out var condition) || condition.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            foreach (var unused in condition.EnumerateObject())
            {
                return true;
            }

            return false;
        }

        /// <summary>The Action values holding '*' ("*", "events:*", "events:Put*"), quoted, in order.</summary>
        private static List<string> WildcardActions(JsonElement statement)
        {
            var wildcards = new List<string>();
            if (!PolicyJson.TryGetMember(statement, "Action", out var actions))
            {
                return wildcards;
            }

            foreach (var action in PolicyJson.Values(actions))
            {
                var text = action.ValueKind == JsonValueKind.String ? action.GetString() : null;
                if (text != null && text.IndexOf('*') >= 0)
                {
                    wildcards.Add(InputText.Quote(text));
                }
            }

            return wildcards;
        }
    }
}
