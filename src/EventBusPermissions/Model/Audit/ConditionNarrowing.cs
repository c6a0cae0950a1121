using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace EventBusPermissions.Audit
{
    /// <summary>
    /// What a statement's Condition says about who the caller is, as IAM evaluates it: the keys that name the caller
    /// (aws:PrincipalOrgID, aws:PrincipalOrgPaths, aws:PrincipalAccount, aws:PrincipalArn, and for calls a service makes
    /// on someone's behalf aws:SourceAccount, aws:SourceArn, aws:SourceOrgID; key names in any case). Several keys AND,
    /// the values of one key OR. A positive operator (StringEquals, StringLike, ArnEquals, ArnLike and their IgnoreCase
    /// forms, also under ForAnyValue:) with values that name something (no wildcard where the id is) narrows callers to
    /// those values; ...IfExists and ForAllValues: are true when the key is absent, so they narrow nothing; negated
    /// operators narrow nothing for an Allow, and for a Deny name everyone outside the values (a missing key makes a
    /// negated operator true, so callers without it are denied too).
    /// </summary>
    internal sealed class ConditionNarrowing
    {
        private static readonly Regex Organization = new Regex(@"^o-[a-z0-9]{10,32}\z", RegexOptions.CultureInvariant);
        private static readonly Regex Account = new Regex(@"^[0-9]{12}\z", RegexOptions.CultureInvariant);
        private static readonly HashSet<string> Positive = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            { "StringEquals", "StringEqualsIgnoreCase", "StringLike", "ArnEquals", "ArnLike" };
        private static readonly HashSet<string> Negated = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            { "StringNotEquals", "StringNotEqualsIgnoreCase", "StringNotLike", "ArnNotEquals", "ArnNotLike" };

        private ConditionNarrowing(IReadOnlyList<Subject>? to, IReadOnlyList<Subject>? allBut, bool other)
        {
            To = to;
            AllBut = allBut;
            HasOtherConditions = other;
        }

        /// <summary>For an Allow: the callers the condition admits at most; null when it narrows nothing to a set.</summary>
        public IReadOnlyList<Subject>? To { get; }

        /// <summary>For a Deny: every caller outside these is denied; null unless every part of the condition says so.</summary>
        public IReadOnlyList<Subject>? AllBut { get; }

        /// <summary>True when the condition also tests something else (a VPC, a time, an operator this reading does not decide).</summary>
        public bool HasOtherConditions { get; }

        public static ConditionNarrowing None { get; } = new ConditionNarrowing(null, null, false);

        public static ConditionNarrowing Read(JsonElement statement)
        {
            if (!PolicyJson.TryGetMember(statement, "Condition", out var condition)) return None;
            if (condition.ValueKind != JsonValueKind.Object) return new ConditionNarrowing(null, null, true);

            var narrowings = new List<List<Subject>>();
            var allBut = new List<Subject>();
            var onlyNegatedNarrowing = true;
            var other = false;
            foreach (var op in condition.EnumerateObject())
            {
                var name = op.Name;
                var prefix = "";
                foreach (var p in new[] { "ForAnyValue:", "ForAllValues:" })
                {
                    if (name.StartsWith(p, StringComparison.OrdinalIgnoreCase))
                    {
                        prefix = p;
                        name = name.Substring(p.Length);
                    }
                }
                var ifExists = name.EndsWith("IfExists", StringComparison.OrdinalIgnoreCase);
                if (ifExists) name = name.Substring(0, name.Length - "IfExists".Length);
                if (op.Value.ValueKind != JsonValueKind.Object)
                {
                    other = true;
                    onlyNegatedNarrowing = false;
                    continue;
                }
                foreach (var key in op.Value.EnumerateObject())
                {
                    var subjects = Subjects(key.Name, key.Value);
                    if (subjects == null)
                    {
                        // A key that does not name the caller, or values with a wildcard where the id is.
                        other = true;
                        onlyNegatedNarrowing = false;
                        continue;
                    }
                    var forAll = prefix.Equals("ForAllValues:", StringComparison.OrdinalIgnoreCase);
                    if (Positive.Contains(name) && !ifExists && !forAll) narrowings.Add(subjects);
                    else if (Negated.Contains(name) && prefix.Length == 0) allBut.AddRange(subjects);
                    else
                    {
                        other = true;
                        onlyNegatedNarrowing = false;
                    }
                    if (!Negated.Contains(name) || prefix.Length != 0) onlyNegatedNarrowing = false;
                }
            }
            // Keys AND: the caller must pass every one; the most specific names who that can be.
            var to = narrowings.Count == 0 ? null : narrowings.OrderBy(Specificity).First();
            return new ConditionNarrowing(to, onlyNegatedNarrowing && allBut.Count > 0 ? allBut : null, other);
        }

        private static int Specificity(List<Subject> subjects)
            => subjects.Min(s => s.Kind == SubjectKind.Arn ? 0 : s.Kind == SubjectKind.Account ? 1 : 2);

        /// <summary>The callers a key's values name; null when the key does not name the caller or a value names nothing exact.</summary>
        private static List<Subject>? Subjects(string key, JsonElement values)
        {
            var how = key;
            var list = new List<Subject>();
            foreach (var value in PolicyJson.Values(values))
            {
                if (value.ValueKind != JsonValueKind.String) return null;
                var text = value.GetString()!;
                Subject? subject;
                switch (key.ToLowerInvariant())
                {
                    case "aws:principalorgid":
                    case "aws:sourceorgid":
                        subject = Organization.IsMatch(text) ? new Subject(SubjectKind.Organization, text, null, how) : null;
                        break;
                    case "aws:principalorgpaths":
                        var first = text.Split('/')[0];
                        subject = Organization.IsMatch(first) ? new Subject(SubjectKind.Organization, first, null, how) : null;
                        break;
                    case "aws:principalaccount":
                    case "aws:sourceaccount":
                        subject = Account.IsMatch(text) ? new Subject(SubjectKind.Account, text, text, how) : null;
                        break;
                    case "aws:principalarn":
                    case "aws:sourcearn":
                        var account = AccountOfArn(text);
                        subject = account == null ? null : new Subject(SubjectKind.Arn, text, account, how);
                        break;
                    default:
                        return null;
                }
                if (subject == null) return null;
                list.Add(subject);
            }
            return list.Count == 0 ? null : list;
        }

        /// <summary>The 12-digit account inside an ARN (its fifth field), when it is written out; null otherwise.</summary>
        internal static string? AccountOfArn(string arn)
        {
            var parts = arn.Split(':');
            if (parts.Length < 6 || parts[0] != "arn") return null;
            return Account.IsMatch(parts[4]) ? parts[4] : null;
        }
    }
}
