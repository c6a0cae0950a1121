using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace EventBusPermissions.Audit
{
    /// <summary>The verdict for a whole bus: the widest exposure of its statements, and whom they expose it to.</summary>
    internal sealed class BusAudit
    {
        public BusAudit(Exposure exposure, IReadOnlyList<string> exposedTo)
        {
            Exposure = exposure;
            ExposedTo = exposedTo;
        }

        public Exposure Exposure { get; }
        public IReadOnlyList<string> ExposedTo { get; }
    }

    /// <summary>
    /// Who can put events on a bus, statement by statement and for the whole bus, as IAM evaluates a resource policy:
    /// an Allow lets in the principals it names, narrowed by its condition; an unconditional Deny takes away what it
    /// names (everyone, an account with all its principals, an ARN); a Deny of everyone whose condition only says "not
    /// these" (StringNotEquals aws:PrincipalOrgID o-x) leaves exactly those; other conditional Denies narrow nothing that
    /// can be counted on. A principal is Private when it is the owner account or trusted, CrossAccount when it is
    /// another named account, organization or ARN, and Public when it is anyone. Whatever cannot be decided is the
    /// wider verdict, with the reason.
    /// </summary>
    internal static class ExposureAnalyzer
    {
        public static BusAudit Assign(IReadOnlyList<KeyValuePair<JsonElement, IReadOnlyList<EventBusPermission>>> statements, string? busArn,
            ISet<string>? trustedAccounts = null, ISet<string>? trustedOrganizations = null)
        {
            var owner = EventBusArn.TryParse(busArn, out _, out _, out var account, out _) ? account : null;
            var trust = new Trust(owner, trustedAccounts, trustedOrganizations);
            var audiences = statements.Select(s => StatementAudience.Read(s.Key, busArn)).ToList();
            var names = statements.Select((s, i) => Name(s.Key, i)).ToList();
            var denies = audiences.Select((a, i) => (Audience: a, Name: names[i])).Where(d => d.Audience.IsDeny && d.Audience.NotApplicable == null).ToList();

            var widest = Exposure.Private;
            var exposedTo = new List<string>();
            for (var i = 0; i < statements.Count; i++)
            {
                var audience = audiences[i];
                var permissions = statements[i].Value;
                if (!audience.IsAllow || audience.NotApplicable != null)
                {
                    var why = audience.IsDeny ? "a Deny: it takes access away and gives none"
                        : audience.NotApplicable != null ? "it lets nobody put events on this bus: " + audience.NotApplicable
                        : "its Effect is not Allow, so it allows nothing";
                    foreach (var p in permissions) Set(p, Exposure.Private, char.ToUpperInvariant(why[0]) + why.Substring(1) + ".");
                    continue;
                }

                var notes = new List<string>();
                var subjects = audience.Subjects;
                foreach (var deny in denies) subjects = ApplyDeny(subjects, deny.Audience, deny.Name, notes);
                if (audience.Undecided != null) notes.Add($"the module cannot decide what it allows ({audience.Undecided}), so it is read as the wider verdict");

                var verdict = Verdict(subjects, trust, notes);
                foreach (var p in permissions)
                {
                    // A statement split by principal: each permission's own principal decides its row.
                    var own = permissions.Count > 1 ? subjects.Where(s => Is(s, p)).ToList() : null;
                    var v = own != null && own.Count > 0 ? Verdict(own, trust, notes) : verdict;
                    Set(p, v.Exposure, v.Reason);
                }
                if (verdict.Exposure > widest) widest = verdict.Exposure;
                foreach (var s in subjects.Where(s => trust.Classify(s) != Exposure.Private))
                    if (!exposedTo.Contains(s.Id)) exposedTo.Add(s.Id);
            }
            return new BusAudit(widest, exposedTo);
        }

        private static bool Is(Subject s, EventBusPermission p)
            => (p.AccountId != null && s.Account == p.AccountId && s.Kind == SubjectKind.Account) || (p.AccountId == null && s.Id == p.Principal);

        private static void Set(EventBusPermission permission, Exposure exposure, string reason)
        {
            permission.Exposure = exposure;
            permission.Reason = reason;
        }

        private static (Exposure Exposure, string Reason) Verdict(IReadOnlyList<Subject> subjects, Trust trust, List<string> notes)
        {
            if (subjects.Count == 0)
                return (Exposure.Private, "Nobody: " + string.Join("; ", notes) + ".");
            var exposure = subjects.Max(trust.Classify);
            var reason = string.Join("; ", subjects.Select(s => trust.Describe(s)).Distinct());
            if (notes.Count > 0) reason += "; " + string.Join("; ", notes);
            return (exposure, char.ToUpperInvariant(reason[0]) + reason.Substring(1) + ".");
        }

        /// <summary>What an Allow's subjects are once a Deny of another statement is applied.</summary>
        private static IReadOnlyList<Subject> ApplyDeny(IReadOnlyList<Subject> subjects, StatementAudience deny, string denyName, List<string> notes)
        {
            var narrowing = deny.Narrowing;
            var denied = deny.Subjects;
            var everyone = denied.Any(d => d.Kind == SubjectKind.Everyone);
            var unconditional = narrowing.To == null && narrowing.AllBut == null && !narrowing.HasOtherConditions;
            if (unconditional && everyone)
            {
                if (subjects.Count > 0) notes.Add($"{denyName} denies everyone");
                return new Subject[0];
            }
            if (unconditional || (narrowing.To != null && !narrowing.HasOtherConditions && narrowing.AllBut == null))
            {
                // Denied outright: the principals it names, or (Deny of everyone on the condition "is one of these") those.
                var targets = unconditional ? denied : everyone ? narrowing.To! : new Subject[0];
                var kept = subjects.Where(s => !targets.Any(t => Covers(t, s))).ToList();
                if (kept.Count < subjects.Count) notes.Add($"{denyName} denies {string.Join(", ", subjects.Where(s => !kept.Contains(s)).Select(s => s.Id))}");
                return kept;
            }
            if (narrowing.AllBut != null && everyone)
            {
                // Everyone outside these is denied: what the Allow lets in is cut down to them.
                var allowed = narrowing.AllBut;
                var result = new List<Subject>();
                foreach (var s in subjects)
                {
                    if (s.Kind == SubjectKind.Everyone || s.Kind == SubjectKind.Service) result.AddRange(allowed.Where(a => !result.Contains(a)));
                    else if (Kept(s, allowed)) result.Add(s);
                }
                notes.Add($"{denyName} denies everyone outside {string.Join(", ", allowed.Select(a => a.Id))}");
                return result;
            }
            return subjects;
        }

        /// <summary>True when a denied principal covers an allowed one (an account covers every principal of it).</summary>
        private static bool Covers(Subject denied, Subject allowed)
        {
            if (denied.Kind == SubjectKind.Everyone) return true;
            if (denied.Kind == SubjectKind.Account) return allowed.Account == denied.Account;
            return string.Equals(denied.Id, allowed.Id, StringComparison.Ordinal);
        }

        /// <summary>Whether a named principal survives "everyone outside these is denied"; kept when membership cannot be told.</summary>
        private static bool Kept(Subject s, IReadOnlyList<Subject> allowed)
        {
            var accounts = allowed.Where(a => a.Account != null).ToList();
            var organizations = allowed.Where(a => a.Kind == SubjectKind.Organization).ToList();
            switch (s.Kind)
            {
                case SubjectKind.Account:
                case SubjectKind.Arn:
                    return accounts.Count == 0 || accounts.Any(a => a.Account == s.Account);
                case SubjectKind.Organization:
                    return organizations.Count == 0 || organizations.Any(o => o.Id == s.Id);
                default:
                    return true;
            }
        }

        private static string Name(JsonElement statement, int index)
            => statement.ValueKind == JsonValueKind.Object && PolicyJson.TryGetMember(statement, "Sid", out var sid) && sid.ValueKind == JsonValueKind.String
                ? $"statement '{sid.GetString()}'"
                : $"statement {index + 1}";

        private sealed class Trust
        {
            private readonly string? _owner;
            private readonly ISet<string> _accounts;
            private readonly ISet<string> _organizations;

            public Trust(string? owner, ISet<string>? accounts, ISet<string>? organizations)
            {
                _owner = owner;
                _accounts = accounts ?? new HashSet<string>();
                _organizations = organizations ?? new HashSet<string>();
            }

            public Exposure Classify(Subject s)
            {
                switch (s.Kind)
                {
                    case SubjectKind.Everyone:
                    case SubjectKind.Service:
                        return Exposure.Public;
                    case SubjectKind.Organization:
                        return _organizations.Contains(s.Id) ? Exposure.Private : Exposure.CrossAccount;
                    default:
                        return s.Account != null && (s.Account == _owner || _accounts.Contains(s.Account)) ? Exposure.Private : Exposure.CrossAccount;
                }
            }

            public string Describe(Subject s)
            {
                switch (s.Kind)
                {
                    case SubjectKind.Everyone:
                        return $"anyone in AWS ({s.How}, and no condition narrows it to named accounts, organizations or ARNs)";
                    case SubjectKind.Service:
                        return $"the service {s.Id} on behalf of any account (no aws:SourceAccount, aws:SourceArn or aws:SourceOrgID narrows it)";
                    case SubjectKind.Organization:
                        return $"any principal in organization {s.Id} ({s.How})" + (_organizations.Contains(s.Id) ? ", trusted" : "");
                    case SubjectKind.Account:
                        return s.Account == _owner ? $"the owner account {s.Id}" : $"account {s.Id} ({s.How})" + (_accounts.Contains(s.Id) ? ", trusted" : "");
                    default:
                        var whose = s.Account == _owner ? "the owner account" : $"account {s.Account}";
                        return $"{s.Id} in {whose} ({s.How})" + (s.Account != null && _accounts.Contains(s.Account) ? ", trusted" : "");
                }
            }
        }
    }
}
