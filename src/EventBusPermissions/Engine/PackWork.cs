using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using EventBusPermissions.Commands;
using EventBusPermissions.Planning;

namespace EventBusPermissions.Engine
{
    /// <summary>
    /// <c>Grant -Pack</c> on one bus, once approved: one whole-policy write (planned again from a read right before it,
    /// then read back and checked), and one object per account asked for, from the packed statement: Granted or
    /// AlreadyGranted; with -Exclusive, Revoked for each account dropped. Runs on any thread.
    /// </summary>
    internal sealed class PackWork
    {
        private readonly BusSession _session;
        private readonly EventBus _current;
        private readonly IReadOnlyList<string> _accounts;
        private readonly bool _exclusive;
        private readonly PackPlan _plan;
        private readonly string _description;

        /// <param name="plan">The plan shown to the user, from <paramref name="current"/>.</param>
        /// <param name="description">What the write does, in words, for Verbose.</param>
        public PackWork(BusSession session, EventBus current, IReadOnlyList<string> accounts, bool exclusive, PackPlan plan, string description)
        {
            _session = session;
            _current = current;
            _accounts = accounts;
            _exclusive = exclusive;
            _plan = plan;
            _description = description;
        }

        public async Task RunAsync()
        {
            var bus = _session.Bus;
            var report = _session.Report;
            var latest = _current;
            if (_plan.NewPolicy != null)
            {
                latest = await _session.WriteWholePolicyAsync(_current, read => Change(read, _accounts, _exclusive), "grant, packed", bus).ConfigureAwait(false);
                if (latest == null) return;
                report.Verbose($"Packed {_description} on event bus '{bus}'.");
            }
            else
            {
                report.Verbose($"Event bus '{bus}' already holds the accounts packed: nothing to write.");
            }

            var packed = latest.Permissions.Where(p => p.StatementId == AccountStatements.PackedSid).ToList();
            foreach (var decision in _plan.Decisions.Where(d => d.Outcome != PackOutcome.QuotaExceeded))
            {
                var statement = packed.FirstOrDefault(p => p.AccountId == decision.Account) ?? packed.FirstOrDefault();
                if (statement == null) continue; // not confirmed: WriteWholePolicyAsync said so
                report.Object(PermissionObjects.FromStatementJson(statement.StatementJson, bus, _session.Region, latest.Arn,
                    decision.Outcome == PackOutcome.AlreadyGranted ? PermissionStatus.AlreadyGranted : PermissionStatus.Granted, decision.Account));
            }
            var held = PackPlanner.HeldAccounts(latest.Policy, latest.Arn!);
            foreach (var account in _plan.Dropped)
            {
                if (held.Contains(account)) continue; // not confirmed gone: a concurrent writer granted it again
                // The plain grant it was dropped from, never a statement that repeats a member (which -Pack left as it is).
                var revoked = _current.Permissions.FirstOrDefault(p => p.AccountId == account && !p.HasRepeatedMembers)
                    ?? _current.Permissions.FirstOrDefault(p => p.StatementId == AccountStatements.PackedSid);
                if (revoked == null) continue;
                report.Object(PermissionObjects.FromStatementJson(revoked.StatementJson, bus, _session.Region, _current.Arn, PermissionStatus.Revoked, account));
            }
        }

        /// <summary>The packed policy for a policy as read, and the accounts it must show afterwards.</summary>
        private static WholePolicyChange? Change(EventBus read, IReadOnlyList<string> accounts, bool exclusive)
        {
            var plan = PackPlanner.Plan(read, read.Arn!, accounts, exclusive: exclusive);
            if (plan.NewPolicy == null) return null;
            var wanted = plan.Accounts;
            var dropped = plan.Dropped;
            return new WholePolicyChange(plan.NewPolicy, plan.Kept, readBack =>
            {
                var held = PackPlanner.HeldAccounts(readBack.Policy, read.Arn!);
                return wanted.Where(a => !held.Contains(a)).Select(a => $"account {a} is not granted")
                    .Concat(dropped.Where(held.Contains).Select(a => $"account {a} is still granted")).ToList();
            });
        }
    }
}
