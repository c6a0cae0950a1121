using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using EventBusPermissions.Planning;

namespace EventBusPermissions.Engine
{
    /// <summary>One record's revoke, planned by <see cref="RevokePlanning"/> when its bus's turn comes.</summary>
    internal sealed class PendingRevoke
    {
        private readonly Action<RevokePlanning, BusRevokes> _plan;

        private PendingRevoke(string? region, string bus, object? target, Action<RevokePlanning, BusRevokes> plan)
        {
            Region = region;
            Bus = bus;
            Target = target;
            _plan = plan;
        }

        public string? Region { get; }
        public string Bus { get; }
        public object? Target { get; }

        /// <summary>-All: every Allow statement of the bus.</summary>
        public static PendingRevoke All(string? region, string bus, string? expectedArn, object? target)
            => new PendingRevoke(region, bus, target, (p, b) => p.RevokeAll(b, expectedArn, target));

        /// <summary>By account: the accounts, already checked and normalised.</summary>
        public static PendingRevoke Accounts(string? region, string bus, string? expectedArn, object? target, IReadOnlyList<string> accounts)
            => new PendingRevoke(region, bus, target, (p, b) => p.RevokeAccounts(b, expectedArn, target, accounts));

        /// <summary>By statement id, or a piped permission (<paramref name="piped"/>) as the statement it was when read.</summary>
        /// <param name="ids">The Sids named; a piped permission without a Sid (null) is found by <paramref name="statementAsRead"/>.</param>
        /// <param name="fromObject">The record is a permission object (or its properties): a Deny is never removed for it.</param>
        public static PendingRevoke Statements(string? region, string bus, string? expectedArn, object? target, IReadOnlyList<string?> ids,
            bool removeDeny, string? statementAsRead, bool fromObject, EventBusPermission? piped)
            => new PendingRevoke(region, bus, target, (p, b) => p.Revoke(b, expectedArn, statementAsRead, fromObject, piped, target,
                current => RevokePlanner.ByStatementIds(current, ids, removeDeny, statementAsRead)));

        /// <summary>Groups the records by bus, in the order each bus was first named.</summary>
        public static List<BusRevokes> ByBus(IEnumerable<PendingRevoke> pending)
            => pending.GroupBy(p => (p.Region, p.Bus)).Select(g => new BusRevokes(g.Key.Region, g.Key.Bus, g.ToList())).ToList();

        public void Plan(RevokePlanning planning, BusRevokes bus) => _plan(planning, bus);
    }

    /// <summary>The records for one bus, the bus as the removals planned so far leave it, and the approved steps.</summary>
    internal sealed class BusRevokes
    {
        public BusRevokes(string? region, string bus, List<PendingRevoke> requests)
        {
            Region = region;
            Bus = bus;
            Requests = requests;
        }

        public string? Region { get; }
        public string Bus { get; }
        public List<PendingRevoke> Requests { get; }
        public BusSession? Session { get; private set; }
        public EventBus? Current { get; set; }
        public List<Func<Task>> Steps { get; } = new List<Func<Task>>();

        /// <summary>On the pipeline thread, with the session just connected: starts reading the bus, once for all its records.</summary>
        public Task<EventBus?> StartRead(BusSession session)
        {
            Session = session;
            return session.ReadForChangeAsync("revoke", Requests.Select(r => r.Target ?? Bus).ToList());
        }

        /// <summary>The bus read is the one the piped object came from; otherwise an error, in its place among the bus's output.</summary>
        public bool SameBus(string? expectedArn, object? target)
        {
            var mismatch = Session!.Mismatch(Current!, expectedArn, target);
            if (mismatch == null) return true;
            Later(r => r.Error(mismatch));
            return false;
        }

        /// <summary>Nothing to revoke: the object with the Status NotGranted, and Verbose saying why, in the record's place.</summary>
        public void NotGranted(EventBusPermission notGranted, string? why)
            => Later(r =>
            {
                r.Verbose((why ?? $"Event bus '{Bus}' does not hold it.") + " Nothing to revoke: Status NotGranted.");
                r.Object(notGranted);
            });

        /// <summary>Something to say about a record, kept in its place among the bus's output.</summary>
        public void Later(Action<BusReport> say)
            => Steps.Add(() =>
            {
                say(Session!.Report);
                return Task.CompletedTask;
            });
    }
}
