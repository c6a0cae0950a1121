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
                var isAws = string.Equals(property.Name, AwsType, StringComparison.OrdinalIgnoreCase);
                foreach (var value in PolicyJson.Values(property.Value))
                {
                    var text = PolicyJson.Text(value) ?? "null";
                    if (isAws)
                    {
                        var account = AccountOf(text);
                        parts.Add(account ?? text);
                        onlyAccount = account;
                    }
                    else
                    {
                        parts.Add(property.Name + ":" + text);
                    }
                }
            }

            if (parts.Count == 1)
            {
                accountId = onlyAccount;
            }

            return string.Join(", ", parts);
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
