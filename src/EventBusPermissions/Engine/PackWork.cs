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
                latest = await _session.WriteWholePolicyAsync(_current, read => Change(read, _accounts, _exclusive), "grant, packed", bus, AllTakeBacks())
                    .ConfigureAwait(false);
                if (latest == null) return;
                report.Verbose($"Packed {_description} on event bus '{bus}' in {_session.Region}.");
            }
            else
            {
                report.Verbose($"Nothing to write to event bus '{bus}' in {_session.Region}: it holds the accounts packed already, or they do not all fit (see the errors).");
            }

            report.ReleaseHeld();
            var packed = latest.Permissions.Where(p => p.StatementId == AccountStatements.PackedSid).ToList();
            foreach (var decision in _plan.Decisions.Where(d => d.Outcome != PackOutcome.QuotaExceeded))
            {
                var statement = packed.FirstOrDefault(p => p.AccountId == decision.Account) ?? packed.FirstOrDefault();
                if (statement == null) continue; // not confirmed: WriteWholePolicyAsync said so
                var permission = PermissionObjects.FromStatementJson(statement.StatementJson, bus, _session.Region, latest.Arn,
                    decision.Outcome == PackOutcome.AlreadyGranted ? PermissionStatus.AlreadyGranted : PermissionStatus.Granted, decision.Account);
                if (decision.Outcome == PackOutcome.AlreadyGranted) report.Object(permission);
                else report.Change(permission, TakeBacks.OfPackedAccount(_session, decision.Account));
            }
            var held = PackPlanner.HeldAccounts(latest.Policy, latest.Arn!);
            foreach (var account in _plan.Dropped)
            {
                if (held.Contains(account)) continue; // not confirmed gone: a concurrent writer granted it again
                var revoked = DroppedFrom(account);
                if (revoked == null) continue;
                report.Change(PermissionObjects.FromStatementJson(revoked.StatementJson, bus, _session.Region, _current.Arn, PermissionStatus.Revoked, account),
                    TakeBackOfDropped(account, revoked));
            }
        }

        /// <summary>The plain account grant that held a dropped account (never a Deny or another statement that names it).</summary>
        private EventBusPermission? DroppedFrom(string account)
            => _current.Permissions.FirstOrDefault(p => p.AccountId == account && PackPlanner.IsPlainGrant(p.StatementJson, _current.Arn!));

        private TakeBack TakeBackOfDropped(string account, EventBusPermission revoked)
            => revoked.IsShared
                ? TakeBacks.OfAccountTakenOut(_session, _current.Arn!, revoked.StatementId, account, revoked.StatementJson, _plan.Dropped)
                : TakeBacks.OfRemovedStatement(_session, revoked.StatementId, revoked.StatementJson);

        /// <summary>Every change the write makes, undone: held from the write until the objects are reported.</summary>
        private IReadOnlyList<TakeBack> AllTakeBacks()
        {
            var all = _plan.Decisions.Where(d => d.Outcome == PackOutcome.Granted).Select(d => TakeBacks.OfPackedAccount(_session, d.Account)).ToList();
            foreach (var account in _plan.Dropped)
            {
                var revoked = DroppedFrom(account);
                if (revoked != null) all.Add(TakeBackOfDropped(account, revoked));
            }
            return all;
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
