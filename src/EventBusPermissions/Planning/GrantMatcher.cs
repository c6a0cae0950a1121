using System;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace EventBusPermissions.Planning
{
    /// <summary>Tells whether a statement already on the bus grants exactly what a request asks, however it is spelled.</summary>
    internal static class GrantMatcher
    {
        // What PutPermission writes; any other member (NotResource, a second Principal...) makes the statement differ.
        private static readonly string[] GrantMembers = { "Sid", "Effect", "Principal", "Action", "Resource", "Condition" };

        // The moto emulator stores "*" as this ARN; AWS stores "*". Taking both as everyone lets a repeat grant
        // against the emulator be seen as already done instead of rewritten on every run.
        private static readonly Regex EveryAccountRootArn = new Regex(@"^arn:[^:]+:iam::\*:root\z", RegexOptions.CultureInvariant);

        /// <summary>
        /// True when <paramref name="existing"/> has the request's Sid, allows, names the same principal (an account as
        /// its root ARN or bare id, or *), the same action, and the same organization condition or none.
        /// Key order and whitespace do not matter: the parsed properties and a fresh parse of StatementJson are compared.
        /// A permission of a shared statement (several AWS principals in one statement) never holds a request, even
        /// when its own principal is the account asked for: the request is for a statement of that account alone,
        /// and the shared statement is not that statement (the whole of it would be replaced or removed as one). Nor does a
        /// statement that repeats a member: which copy AWS applies is not documented, so it may not grant at all.
        /// </summary>
        public static bool Holds(EventBusPermission existing, GrantRequest grant)
        {
            if (existing == null) throw new ArgumentNullException(nameof(existing));
            if (grant == null) throw new ArgumentNullException(nameof(grant));

            return string.Equals(existing.StatementId, grant.StatementId, StringComparison.Ordinal)
                && !existing.IsShared
                && !existing.HasRepeatedMembers
                && string.Equals(existing.Effect, "Allow", StringComparison.Ordinal)
                // IAM matches action names ignoring case, so events:putevents grants the same.
                && string.Equals(existing.Action, grant.Action, StringComparison.OrdinalIgnoreCase)
                && SamePrincipal(existing, grant)
                && SameCondition(existing.Condition, grant.OrganizationId)
                && HasOnlyGrantMembers(existing.StatementJson);
        }

        private static bool SamePrincipal(EventBusPermission existing, GrantRequest grant)
        {
            if (grant.Principal != AccountIds.Everyone)
            {
                // AccountId is set only for a Principal (never NotPrincipal) that is exactly this one account.
                return string.Equals(existing.AccountId, grant.Principal, StringComparison.Ordinal);
            }

            // "*" and {"AWS":"*"} both render as "*"; NotPrincipal renders with a "NOT " prefix and never matches.
            return existing.AccountId == null
                && existing.Principal != null
                && (existing.Principal == AccountIds.Everyone || EveryAccountRootArn.IsMatch(existing.Principal));
        }

        private static bool SameCondition(string? conditionJson, string? organizationId)
        {
            if (organizationId == null)
            {
                // Any condition narrows the grant, so a conditioned statement is not the plain grant asked for.
                return conditionJson == null;
            }

            return conditionJson != null
                && string.Equals(OnlyOrganizationOf(conditionJson), organizationId, StringComparison.Ordinal);
        }

        /// <summary>The organization when the condition is exactly StringEquals aws:PrincipalOrgID with one value; else null.</summary>
        internal static string? OnlyOrganizationOf(string conditionJson)
        {
            try
            {
                using (var document = JsonDocument.Parse(conditionJson))
                {
                    var stringEquals = OnlyMember(document.RootElement, "StringEquals");
                    if (stringEquals == null)
                    {
                        return null;
                    }

                    var value = OnlyMember(stringEquals.Value, "aws:PrincipalOrgID");
                    if (value == null)
                    {
                        return null;
                    }

                    var orgId = value.Value;
                    if (orgId.ValueKind == JsonValueKind.Array && orgId.GetArrayLength() == 1)
                    {
                        orgId = orgId[0];
                    }

                    return orgId.ValueKind == JsonValueKind.String ? orgId.GetString() : null;
                }
            }
            catch (JsonException)
            {
                return null;
            }
        }

        /// <summary>The value of the object's single member when it has that (case-insensitive) name; else null.</summary>
        private static JsonElement? OnlyMember(JsonElement element, string name)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            JsonElement? found = null;
            foreach (var property in element.EnumerateObject())
            {
                if (found != null || !string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    return null;
                }

                found = property.Value;
            }

            return found;
        }

        private static bool HasOnlyGrantMembers(string statementJson)
        {
            try
            {
                using (var document = JsonDocument.Parse(statementJson))
                {
                    if (document.RootElement.ValueKind != JsonValueKind.Object)
                    {
                        return false;
                    }

                    foreach (var property in document.RootElement.EnumerateObject())
                    {
                        if (Array.FindIndex(GrantMembers, m => string.Equals(m, property.Name, StringComparison.OrdinalIgnoreCase)) < 0)
                        {
                            return false;
                        }
                    }

                    return true;
                }
            }
            catch (JsonException)
            {
                return false;
            }
        }
    }
}
