using System;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace EventBusPermissions.Planning
{
    /// <summary>
    /// The principals a whole policy document may name. An AWS principal the module cannot read as an account
    /// (arn:aws:iam::2222-3333-4444:root) would be stored as written and then never match a revoke, so it is refused
    /// before sending; service principals and other kinds are left to IAM.
    /// </summary>
    internal static class PolicyPrincipals
    {
        private const string AwsType = "AWS";

        private const string Rule =
            "an AWS principal is \"*\", an account's 12 digits, or an ARN such as arn:aws:iam::111122223333:root, "
            + "arn:aws:iam::111122223333:user/<name>, arn:aws:iam::111122223333:role/<name> or "
            + "arn:aws:sts::111122223333:assumed-role/<role>/<session>";

        private const string Shape = "a Principal is \"*\" or an object such as {\"AWS\":\"arn:aws:iam::111122223333:root\"}";

        // ASCII classes on purpose: \d in .NET also matches non-ASCII digits, which IAM refuses.
        // Names and paths are printable ASCII but '*': IAM allows no wildcard inside a principal's ARN.
        private static readonly Regex Valid = new Regex(
            @"^(?:[0-9]{12}"
            + @"|arn:aws(?:-[a-z]+)*:iam::[0-9]{12}:(?:root|user/[\x21-\x29\x2B-\x7E]+|role/[\x21-\x29\x2B-\x7E]+)"
            + @"|arn:aws(?:-[a-z]+)*:sts::[0-9]{12}:assumed-role/[\x21-\x29\x2B-\x7E]+)\z",
            RegexOptions.CultureInvariant);

        // Every account, as moto stores "*"; accepted so such a document can be sent back, and warned about as "*" is.
        private static readonly Regex EveryAccountRootArn = new Regex(@"^arn:aws(?:-[a-z]+)*:iam::\*:root\z", RegexOptions.CultureInvariant);

        // Only to say which part of an ARN is wrong.
        private static readonly Regex AccountPart = new Regex(@"^arn:([^:]*):(?:iam|sts)::([^:]*):", RegexOptions.CultureInvariant);

        /// <summary>Null when the Principal (or NotPrincipal) value names principals the module can read, else the reason.</summary>
        /// <param name="member">"Principal" or "NotPrincipal", as the message names it.</param>
        internal static string? Problem(JsonElement principal, string member)
        {
            switch (principal.ValueKind)
            {
                case JsonValueKind.String:
                    return principal.GetString() == AccountIds.Everyone
                        ? null
                        : "has the " + member + " " + InputText.Shorten(PolicyJson.Compact(principal)) + "; " + Shape;
                case JsonValueKind.Object:
                    return ObjectProblem(principal, member);
                default:
                    return "has a " + member + " that is " + PolicyStatements.Describe(principal.ValueKind) + "; " + Shape;
            }
        }

        /// <summary>
        /// The value that makes the principal everyone: "*", {"AWS":"*"}, or an AWS list holding "*" or
        /// arn:&lt;partition&gt;:iam::*:root; null when it names particular principals.
        /// </summary>
        internal static string? Everyone(JsonElement principal)
        {
            if (principal.ValueKind == JsonValueKind.String)
            {
                return principal.GetString() == AccountIds.Everyone ? AccountIds.Everyone : null;
            }

            if (principal.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            foreach (var property in principal.EnumerateObject())
            {
                if (!IsAwsType(property.Name))
                {
                    continue;
                }

                foreach (var value in PolicyJson.Values(property.Value))
                {
                    var text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
                    if (text == AccountIds.Everyone || (text != null && EveryAccountRootArn.IsMatch(text)))
                    {
                        return text;
                    }
                }
            }

            return null;
        }

        /// <summary>Null when <paramref name="value"/> is an AWS principal the module can read, else the reason.</summary>
        internal static string? AwsProblem(string value)
        {
            if (value == AccountIds.Everyone || Valid.IsMatch(value) || EveryAccountRootArn.IsMatch(value))
            {
                return null;
            }

            var quoted = InputText.Quote(value);
            var arn = AccountPart.Match(value);
            if (arn.Success)
            {
                var account = arn.Groups[2].Value;
                if (!AccountIds.IsNormalizedAccount(account))
                {
                    return "names the AWS principal " + quoted + ", whose account part " + InputText.Quote(account)
                        + " is not 12 digits (0-9)" + Suggestion(value, arn.Groups[2], account) + "; " + Rule;
                }
            }
            else if (AccountIds.TryNormalize(value, out var normalized, out _))
            {
                // "2222-3333-4444" or " 222233334444": what -AccountId reads, but IAM wants the bare digits.
                return "names the AWS principal " + quoted + ", which is not 12 digits as written; write \"" + normalized + "\"; " + Rule;
            }

            return "names the AWS principal " + quoted + ", which is not one the module can read; " + Rule;
        }

        private static string? ObjectProblem(JsonElement principal, string member)
        {
            var any = false;
            foreach (var property in principal.EnumerateObject())
            {
                any = true;
                if (!IsAwsType(property.Name))
                {
                    // Service, Federated and CanonicalUser principals are IAM's to judge.
                    continue;
                }

                if (property.Value.ValueKind == JsonValueKind.Array && property.Value.GetArrayLength() == 0)
                {
                    return "has an empty list of AWS principals in its " + member + "; " + Rule;
                }

                foreach (var value in PolicyJson.Values(property.Value))
                {
                    if (value.ValueKind != JsonValueKind.String)
                    {
                        var written = InputText.Shorten(PolicyJson.Compact(value));
                        var hint = value.ValueKind == JsonValueKind.Number ? "; write it in quotes, \"" + written + "\"" : string.Empty;
                        return "names the AWS principal " + written + ", which is " + PolicyStatements.Describe(value.ValueKind)
                            + ", not a string" + hint + "; " + Rule;
                    }

                    var problem = AwsProblem(value.GetString() ?? string.Empty);
                    if (problem != null)
                    {
                        return problem;
                    }
                }
            }

            return any ? null : "has an empty " + member + "; " + Shape;
        }

        /// <summary>"; write arn:aws:iam::222233334444:root" when the account part is an id -AccountId would read.</summary>
        private static string Suggestion(string value, Group accountGroup, string account)
        {
            if (!AccountIds.TryNormalize(account, out var normalized, out _) || normalized == AccountIds.Everyone)
            {
                return string.Empty;
            }

            var fixedArn = value.Substring(0, accountGroup.Index) + normalized + value.Substring(accountGroup.Index + accountGroup.Length);
            return Valid.IsMatch(fixedArn) ? "; write " + InputText.Quote(fixedArn) : string.Empty;
        }

        // IAM's principal types are case-sensitive, but the module reads "aws" as AWS (PrincipalRenderer), so it checks it too.
        private static bool IsAwsType(string name) => string.Equals(name, AwsType, StringComparison.OrdinalIgnoreCase);
    }
}
