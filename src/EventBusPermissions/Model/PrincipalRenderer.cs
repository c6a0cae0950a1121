using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace EventBusPermissions
{
    /// <summary>Turns a statement's Principal into the short text users compare against account ids.</summary>
    internal static class PrincipalRenderer
    {
        private const string AwsType = "AWS";

        // PutPermission stores an account as its root ARN; users know it by the 12 digits.
        private static readonly Regex AccountRootArn = new Regex(
            @"^arn:[^:]+:iam::([0-9]{12}):root\z",
            RegexOptions.CultureInvariant);

        private static readonly Regex AccountNumber = new Regex(@"^[0-9]{12}\z", RegexOptions.CultureInvariant);

        /// <summary>The whole Principal as one text; several principals are joined with ", ".</summary>
        /// <param name="accountId">The account when the principal is exactly one whole AWS account, else null.</param>
        internal static string? Render(JsonElement principal, out string? accountId)
        {
            accountId = null;
            if (principal.ValueKind != JsonValueKind.Object)
            {
                // IAM allows only "*" here; anything else is shown as written.
                return PolicyJson.Text(principal);
            }

            var parts = new List<string>();
            string? onlyAccount = null;
            foreach (var property in principal.EnumerateObject())
            {
                var isAws = IsAws(property);
                foreach (var value in PolicyJson.Values(property.Value))
                {
                    if (isAws)
                    {
                        parts.Add(RenderAws(value, out onlyAccount));
                    }
                    else
                    {
                        parts.Add(property.Name + ":" + (PolicyJson.Text(value) ?? "null"));
                    }
                }
            }

            if (parts.Count == 1)
            {
                accountId = onlyAccount;
            }

            return string.Join(", ", parts);
        }

        /// <summary>
        /// The principals of a Principal that lists several AWS principals and nothing else ({"AWS":[a, b, ...]}),
        /// each rendered as <see cref="Render"/> renders a single one, with its account; in the order written.
        /// Null for every other Principal, which is shown as one: "*", one AWS principal (also a one-element list),
        /// service or other principal types, and an object that mixes AWS with another type.
        /// </summary>
        internal static IReadOnlyList<KeyValuePair<string, string?>>? SplitAwsList(JsonElement principal)
        {
            if (principal.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var principals = new List<KeyValuePair<string, string?>>();
            foreach (var property in principal.EnumerateObject())
            {
                // A mixed object ({"AWS":[...],"Service":...}) stays one permission: which of its parts would a
                // user be looking at, and what would revoking "one" of them mean?
                if (!IsAws(property))
                {
                    return null;
                }

                foreach (var value in PolicyJson.Values(property.Value))
                {
                    var text = RenderAws(value, out var account);
                    principals.Add(new KeyValuePair<string, string?>(text, account));
                }
            }

            return principals.Count > 1 ? principals : null;
        }

        private static bool IsAws(JsonProperty property) =>
            string.Equals(property.Name, AwsType, StringComparison.OrdinalIgnoreCase);

        /// <summary>One AWS principal: an account as its 12 digits, anything else as written.</summary>
        private static string RenderAws(JsonElement value, out string? accountId)
        {
            var text = PolicyJson.Text(value) ?? "null";
            accountId = AccountOf(text);
            return accountId ?? text;
        }

        private static string? AccountOf(string awsPrincipal)
        {
            if (AccountNumber.IsMatch(awsPrincipal))
            {
                return awsPrincipal;
            }

            var match = AccountRootArn.Match(awsPrincipal);
            return match.Success ? match.Groups[1].Value : null;
        }
    }
}
