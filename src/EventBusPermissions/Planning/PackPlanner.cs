using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace EventBusPermissions.Planning
{
    /// <summary>What -Pack does for one requested account.</summary>
    internal enum PackOutcome
    {
        Granted,
        AlreadyGranted,
        QuotaExceeded,
    }

    /// <summary>The plan for one requested account of a -Pack.</summary>
    internal sealed class PackDecision
    {
        internal PackDecision(string account, PackOutcome outcome, string? message)
        {
            Account = account;
            Outcome = outcome;
            Message = message;
        }

        public string Account { get; }

        public PackOutcome Outcome { get; internal set; }

        /// <summary>For QuotaExceeded, the text of the user's error.</summary>
        public string? Message { get; internal set; }
    }

    /// <summary>What -Pack writes to one bus: one whole policy, built from the policy just read.</summary>
    internal sealed class PackPlan
    {
        internal PackPlan(string? newPolicy, string packedStatement, IReadOnlyList<string> accounts, IReadOnlyList<PackDecision> decisions,
            IReadOnlyList<string> absorbed, IReadOnlyList<string> kept, int capacity, IReadOnlyList<string> dropped)
        {
            Dropped = dropped;
            NewPolicy = newPolicy;
            PackedStatement = packedStatement;
            Accounts = accounts;
            Decisions = decisions;
            Absorbed = absorbed;
            Kept = kept;
            Capacity = capacity;
        }

        /// <summary>The policy to write; null when the bus already holds exactly this (nothing is written).</summary>
        public string? NewPolicy { get; }

        /// <summary>The packed statement as written (or as it is, when nothing is written).</summary>
        public string PackedStatement { get; }

        /// <summary>The accounts of the packed statement, ascending.</summary>
        public IReadOnlyList<string> Accounts { get; }

        /// <summary>One per distinct requested account, in request order.</summary>
        public IReadOnlyList<PackDecision> Decisions { get; }

        /// <summary>The Sids of the plain account grants folded into the packed statement.</summary>
        public IReadOnlyList<string> Absorbed { get; }

        /// <summary>Every other statement, compact, exactly as read: each must still be on the bus after the write.</summary>
        public IReadOnlyList<string> Kept { get; }

        /// <summary>How many accounts this bus holds packed, next to its other statements, within the quota.</summary>
        public int Capacity { get; }

        /// <summary>With -Exclusive: the accounts of plain account grants that are not asked for, and go.</summary>
        public IReadOnlyList<string> Dropped { get; }
    }

    /// <summary>
    /// Grant -Pack: the accounts asked for, together with the plain account grants already on the bus (an Allow of
    /// events:PutEvents on this bus, no condition, whole accounts as principals: PutPermission's single-account
    /// statements and -Pack's own), become one statement, <see cref="AccountStatements.PackedSid"/>, whose Principal
    /// lists their root ARNs. About 33 characters an account instead of about 190, so a bus holds some 300 accounts.
    /// Every other statement is kept exactly as written.
    /// </summary>
    internal static class PackPlanner
    {
        /// <param name="accounts">Normalized 12-digit account ids, in request order.</param>
        /// <exception cref="FormatException">The bus's policy is not JSON (check <see cref="EventBus.PolicyParseError"/> first).</exception>
        /// <param name="exclusive">-Exclusive: the accounts of plain grants that are not asked for are left out (revoked).</param>
        public static PackPlan Plan(EventBus current, string busArn, IReadOnlyList<string> accounts, int quota = PolicyQuota.DefaultCharacters, bool exclusive = false)
        {
            if (current == null) throw new ArgumentNullException(nameof(current));
            if (accounts == null) throw new ArgumentNullException(nameof(accounts));
            PolicyQuota.Require(quota, nameof(quota));

            var held = new SortedSet<string>(StringComparer.Ordinal);
            var absorbed = new List<string>();
            var kept = new List<string>();
            Classify(current.Policy, busArn, held, absorbed, kept);

            var decisions = new List<PackDecision>();
            var adding = new List<string>();
            foreach (var account in accounts.Distinct(StringComparer.Ordinal))
            {
                if (!AccountIds.IsNormalizedAccount(account)) throw new ArgumentException("Not a 12-digit account id: " + account, nameof(accounts));
                var isHeld = held.Contains(account);
                decisions.Add(new PackDecision(account, isHeld ? PackOutcome.AlreadyGranted : PackOutcome.Granted, null));
                if (!isHeld) adding.Add(account);
            }

            var capacity = Capacity(current.Policy, busArn, quota);
            var dropped = exclusive ? held.Where(a => !decisions.Any(d => d.Account == a)).ToList() : new List<string>();
            var all = new SortedSet<string>(held.Except(dropped), StringComparer.Ordinal);
            all.UnionWith(adding);
            if (all.Count > capacity)
            {
                // All or nothing: the bus is never left holding part of the list (see GrantPlanner.ApplyQuota).
                var fitting = Math.Max(0, capacity - (all.Count - adding.Count));
                foreach (var decision in decisions.Where(d => d.Outcome == PackOutcome.Granted))
                {
                    decision.Outcome = PackOutcome.QuotaExceeded;
                    decision.Message = "Account " + decision.Account + " was not granted: packed, " + BusText.OfArn(busArn) + " holds at most " + capacity
                        + " accounts next to its other statements within its policy quota of " + InputText.Number(quota) + " characters; " + (all.Count - adding.Count)
                        + " are on it already, and only " + fitting + " of the " + adding.Count + " new accounts asked for fit. Nothing was written to this bus,"
                        + " so that it is not left holding part of the list. Grant their organization with -OrganizationId, or revoke grants that are no longer needed.";
                }
                return new PackPlan(null, AccountStatements.Packed(held, busArn), held.ToList(), decisions, new List<string>(), kept, capacity, new List<string>());
            }

            var packed = AccountStatements.Packed(all, busArn);
            var unchanged = dropped.Count == 0 && adding.All(a => !all.Contains(a))
                && (absorbed.Count == 0 || (absorbed.Count == 1 && absorbed[0] == AccountStatements.PackedSid));
            string? newPolicy = null;
            if (!unchanged && (all.Count > 0 || dropped.Count > 0))
                newPolicy = all.Count > 0 ? Build(current.Policy, busArn, packed) : Build(current.Policy, busArn, null);
            return new PackPlan(newPolicy, packed, all.ToList(), decisions, absorbed, kept, capacity, dropped);
        }

        /// <summary>The accounts the policy grants in plain account grants (single or packed) on this bus.</summary>
        public static ISet<string> HeldAccounts(string? policyJson, string busArn)
        {
            var held = new SortedSet<string>(StringComparer.Ordinal);
            Classify(policyJson, busArn, held, new List<string>(), new List<string>());
            return held;
        }

        /// <summary>True when the statement (JSON) is a plain account grant on this bus, single or packed: what -Pack folds and -Exclusive may drop.</summary>
        public static bool IsPlainGrant(string statementJson, string busArn)
        {
            using (var document = PolicyParser.ParseDocument(statementJson))
                return AccountStatements.PlainAccounts(document.RootElement, busArn) != null;
        }

        /// <summary>How many accounts the bus would hold packed next to its other statements, within the quota.</summary>
        public static int Capacity(string? policyJson, string busArn, int quota = PolicyQuota.DefaultCharacters)
        {
            const string sample = "123456789012";
            var one = LengthOf(Build(policyJson, busArn, AccountStatements.Packed(new[] { sample }, busArn)));
            var two = LengthOf(Build(policyJson, busArn, AccountStatements.Packed(new[] { sample, sample }, busArn)));
            var perAccount = two - one;
            return one > quota ? 0 : 1 + (quota - one) / perAccount;
        }

        private static void Classify(string? policyJson, string busArn, ISet<string> held, List<string> absorbed, List<string> kept)
        {
            if (string.IsNullOrWhiteSpace(policyJson)) return;
            using (var document = PolicyParser.ParseDocument(policyJson!))
            {
                if (!PolicyJson.TryGetMember(document.RootElement, "Statement", out var statements)) return;
                foreach (var statement in PolicyJson.Values(statements))
                {
                    var accounts = AccountStatements.PlainAccounts(statement, busArn);
                    if (accounts == null)
                    {
                        kept.Add(PolicyJson.Compact(statement));
                        continue;
                    }
                    held.UnionWith(accounts);
                    absorbed.Add(statement.GetProperty("Sid").GetString()!);
                }
            }
        }

        private static string Build(string? policyJson, string busArn, string? packed)
            => PolicyDocumentBuilder.Edit(policyJson, s => AccountStatements.PlainAccounts(s, busArn) == null ? s.GetRawText() : null,
                packed == null ? new string[0] : new[] { packed });

        // The service counts the policy as it stores it, compact.
        private static int LengthOf(string policyJson)
        {
            using (var document = JsonDocument.Parse(policyJson))
                return PolicyJson.Compact(document.RootElement).Length;
        }
    }
}
