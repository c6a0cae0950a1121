using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace EventBusPermissions.Audit
{
    /// <summary>
    /// Whom one statement lets put events on the bus, before other statements' Denies are applied: its principals
    /// (Principal in every form; NotPrincipal is everyone but some), narrowed by its condition (see
    /// <see cref="ConditionNarrowing"/>), for statements whose Action covers events:PutEvents and whose Resource covers
    /// the bus. Anything it cannot decide is read as everyone (the wider verdict), with the reason.
    /// </summary>
    internal sealed class StatementAudience
    {
        private static readonly Regex AccountNumber = new Regex(@"^[0-9]{12}\z", RegexOptions.CultureInvariant);

        private StatementAudience(string effect, IReadOnlyList<Subject> subjects, ConditionNarrowing narrowing, string? notApplicable, string? undecided)
        {
            Effect = effect;
            Subjects = subjects;
            Narrowing = narrowing;
            NotApplicable = notApplicable;
            Undecided = undecided;
        }

        /// <summary>"Allow", "Deny", or anything else (which grants and denies nothing).</summary>
        public string Effect { get; }

        public bool IsAllow => Effect == "Allow";

        public bool IsDeny => Effect == "Deny";

        /// <summary>Who the statement names, narrowed by its own condition.</summary>
        public IReadOnlyList<Subject> Subjects { get; }

        public ConditionNarrowing Narrowing { get; }

        /// <summary>Why the statement is not about putting events on this bus; null when it is.</summary>
        public string? NotApplicable { get; }

        /// <summary>Why the statement's meaning cannot be decided (it is then read as everyone); null when it can.</summary>
        public string? Undecided { get; }

        public static StatementAudience Read(JsonElement statement, string? busArn)
        {
            if (statement.ValueKind != JsonValueKind.Object)
                return new StatementAudience("", new[] { Subject.Everyone("a statement that is not an object") }, ConditionNarrowing.None, null,
                    "it is not a JSON object");
            var repeated = RepeatedMembers.Paths(statement);
            if (repeated.Count > 0)
            {
                // Which copy AWS applies is not documented: it may allow anyone.
                return new StatementAudience("Allow", new[] { Subject.Everyone("a statement that names a member twice") }, ConditionNarrowing.None, null,
                    "it names " + RepeatedMembers.Describe(repeated) + ", so which copy applies is not known");
            }

            var effect = PolicyJson.TryGetMember(statement, "Effect", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString()! : "";
            var notApplicable = NotAboutPutEvents(statement, busArn);
            var narrowing = ConditionNarrowing.Read(statement);
            var subjects = Principals(statement, out var undecided);
            if (narrowing.To != null && subjects.Any(s => s.Kind == SubjectKind.Everyone || s.Kind == SubjectKind.Service))
            {
                // The condition names who the caller may be: only they get in, however wide the principal.
                subjects = subjects.Where(s => s.Kind != SubjectKind.Everyone && s.Kind != SubjectKind.Service).Concat(narrowing.To).ToList();
            }
            return new StatementAudience(effect, subjects, narrowing, notApplicable, undecided);
        }

        private static List<Subject> Principals(JsonElement statement, out string? undecided)
        {
            undecided = null;
            if (PolicyJson.TryGetMember(statement, "NotPrincipal", out _))
                return new List<Subject> { Subject.Everyone("NotPrincipal: everyone but the principals it names") };
            if (!PolicyJson.TryGetMember(statement, "Principal", out var principal))
            {
                undecided = "it names no principal";
                return new List<Subject> { Subject.Everyone("no Principal") };
            }
            if (principal.ValueKind == JsonValueKind.String)
            {
                if (principal.GetString() == "*") return new List<Subject> { Subject.Everyone("the principal \"*\"") };
                undecided = "its principal is neither \"*\" nor an object";
                return new List<Subject> { Subject.Everyone("an unreadable principal") };
            }
            if (principal.ValueKind != JsonValueKind.Object)
            {
                undecided = "its principal is not an object";
                return new List<Subject> { Subject.Everyone("an unreadable principal") };
            }
            var subjects = new List<Subject>();
            foreach (var type in principal.EnumerateObject())
            {
                foreach (var value in PolicyJson.Values(type.Value))
                {
                    var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : PolicyJson.Compact(value);
                    if (string.Equals(type.Name, "AWS", StringComparison.OrdinalIgnoreCase)) subjects.Add(Aws(text, ref undecided));
                    else if (string.Equals(type.Name, "Service", StringComparison.OrdinalIgnoreCase))
                        subjects.Add(new Subject(SubjectKind.Service, text, null, "the service principal"));
                    else
                    {
                        undecided = $"its {type.Name} principal is not one this module reads";
                        subjects.Add(Subject.Everyone($"the {type.Name} principal {text}"));
                    }
                }
            }
            return subjects;
        }

        private static Subject Aws(string text, ref string? undecided)
        {
            if (text == "*") return Subject.Everyone("the principal {\"AWS\":\"*\"}");
            if (AccountNumber.IsMatch(text)) return new Subject(SubjectKind.Account, text, text, "the principal");
            var account = ConditionNarrowing.AccountOfArn(text);
            if (text.StartsWith("arn:", StringComparison.Ordinal) && text.EndsWith(":root", StringComparison.Ordinal))
            {
                if (account != null) return new Subject(SubjectKind.Account, account, account, "the principal");
                return Subject.Everyone($"the principal {text}");
            }
            if (account != null && text.IndexOf('*') < 0) return new Subject(SubjectKind.Arn, text, account, "the principal");
            if (account != null) return new Subject(SubjectKind.Arn, text, account, "the principal");
            undecided = $"its principal {text} names no account";
            return Subject.Everyone($"the principal {text}");
        }

        /// <summary>Why the statement does not grant or deny events:PutEvents on this bus; null when it does (or may).</summary>
        private static string? NotAboutPutEvents(JsonElement statement, string? busArn)
        {
            if (PolicyJson.TryGetMember(statement, "Action", out var action) && !PolicyJson.Values(action).Any(a => Matches(a, "events:PutEvents", ignoreCase: true)))
                return "its Action does not cover events:PutEvents";
            if (PolicyJson.TryGetMember(statement, "NotAction", out var notAction) && PolicyJson.Values(notAction).Any(a => Matches(a, "events:PutEvents", ignoreCase: true)))
                return "its NotAction leaves out events:PutEvents";
            if (busArn == null) return null;
            if (PolicyJson.TryGetMember(statement, "Resource", out var resource) && !PolicyJson.Values(resource).Any(r => Matches(r, busArn, ignoreCase: false)))
                return "its Resource is another bus";
            if (PolicyJson.TryGetMember(statement, "NotResource", out var notResource) && PolicyJson.Values(notResource).Any(r => Matches(r, busArn, ignoreCase: false)))
                return "its NotResource leaves out this bus";
            return null;
        }

        /// <summary>IAM's wildcards: '*' any run of characters, '?' one.</summary>
        private static bool Matches(JsonElement pattern, string value, bool ignoreCase)
        {
            if (pattern.ValueKind != JsonValueKind.String) return false;
            var regex = "^" + Regex.Escape(pattern.GetString()!).Replace("\\*", ".*").Replace("\\?", ".") + "\\z";
            return Regex.IsMatch(value, regex, RegexOptions.CultureInvariant | RegexOptions.Singleline | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None));
        }
    }
}
