using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using EventBusPermissions.Planning;
using EventBusPermissions.Validation;

namespace EventBusPermissions.Engine
{
    /// <summary>
    /// Grant's planning on one bus, on the pipeline thread once the bus is read: the grants of the bus's records are
    /// planned together (<see cref="GrantPlanner"/>, or <see cref="PackPlanner"/> with -Pack), each write is asked for
    /// through <see cref="IApprovals"/> (and -Exclusive's revokes through <see cref="ExclusivePlanning"/>), and the
    /// approved work is handed on: <see cref="GrantWork"/> or <see cref="PackWork"/>, which run off the thread.
    /// </summary>
    internal sealed class GrantPlanning
    {
        private readonly IApprovals _approvals;
        private readonly ExclusivePlanning _exclusivePlanning;
        private readonly bool _pack;
        private readonly bool _exclusive;
        private readonly string? _statementId;
        private readonly Func<string?, string, bool> _listIncomplete;

        /// <param name="statementId">-StatementId, when given: one statement for every grant of a bus.</param>
        /// <param name="listIncomplete">For a region and bus: true when part of its -Exclusive list was refused (or a record's bus could not be told).</param>
        public GrantPlanning(IApprovals approvals, bool pack, bool exclusive, string? statementId, Func<string?, string, bool> listIncomplete)
        {
            _approvals = approvals;
            _exclusivePlanning = new ExclusivePlanning(approvals);
            _pack = pack;
            _exclusive = exclusive;
            _statementId = statementId;
            _listIncomplete = listIncomplete;
        }

        /// <summary>
        /// On the pipeline thread, with the bus as read: plans the grants and asks for each write (and for -Exclusive's
        /// revokes); returns the approved work, which runs off this thread, or null when there is nothing to do.
        /// </summary>
        public Func<Task>? PlanBus(BusGrants bus, EventBus? current, BusReport report)
        {
            var session = bus.Session!;
            if (current == null || current.Arn == null) return null;
            var grants = bus.Grants.Where(g => session.IsSameBus(current, g.ExpectedArn, g.Target)).ToList();
            if (grants.Count == 0) return null;
            if (_pack) return PlanPack(session, bus.Region, current, grants);

            // One statement id for two different grants: which one would the bus get? Neither is written.
            if (_statementId != null && grants.Select(g => g.Request).Distinct().Count() > 1)
            {
                foreach (var grant in grants)
                    report.Error(CommandErrors.InvalidInput(ErrorIds.StatementIdWithManyAccounts,
                        $"-StatementId '{_statementId}' names one statement, but {grants.Count} accounts were given for event bus '{bus.Bus}'. Nothing was granted; " +
                        "leave out -StatementId to give each account its own statement.", grant.Target));
                return null;
            }

            var plan = GrantPlanner.Plan(current, current.Arn, grants.Select(g => g.Request).ToList(), _approvals.Force);
            var approved = plan.Decisions.Select((d, i) => d.Writes && Approve(grants[i], d, session.Region)).ToList();
            var revokesApproved = true;
            var exclusive = _exclusive ? _exclusivePlanning.Plan(session, _listIncomplete(bus.Region, bus.Bus), current, grants, out revokesApproved) : null;
            if (!revokesApproved)
            {
                // -Exclusive is one change: the grants without the revokes would leave the bus neither as it was nor as asked.
                report.Verbose($"Nothing is written to event bus '{bus.Bus}' in {session.Region}: the -Exclusive revokes were not all approved, and the list is one change.");
                approved = approved.Select(_ => false).ToList();
            }
            var work = new GrantWork(session, current, grants.Select(g => new GrantTarget(g.Request, g.Target)).ToList(), plan, approved, exclusive);
            return work.RunAsync;
        }

        /// <summary>
        /// -Pack: the plan is shown and approved here (one whole-policy write per bus; with -Exclusive, the accounts it
        /// drops are confirmed as High impact); <see cref="PackWork"/> writes it. Accounts that do not fit are errors.
        /// </summary>
        private Func<Task>? PlanPack(BusSession session, string? region, EventBus current, List<PendingGrant> grants)
        {
            var bus = session.Bus;
            var exclusive = _exclusive;
            if (exclusive && _listIncomplete(region, bus))
            {
                // The list is not the one meant: pack what was asked for, revoke nobody.
                session.Report.Error(ExclusivePlanning.ListIncomplete(bus, session.Region));
                exclusive = false;
            }
            var accounts = grants.Select(g => g.Request.Principal).ToList();
            var targets = new Dictionary<string, object?>();
            foreach (var grant in grants)
                if (!targets.ContainsKey(grant.Request.Principal)) targets[grant.Request.Principal] = grant.Target;

            var plan = PackPlanner.Plan(current, current.Arn!, accounts, exclusive: exclusive);
            foreach (var decision in plan.Decisions.Where(d => d.Outcome == PackOutcome.QuotaExceeded))
                session.Report.Error(new ErrorRecord(new InvalidOperationException(decision.Message), PlanningErrorIds.PolicyQuotaExceeded, ErrorCategory.LimitsExceeded, targets[decision.Account]));

            var granting = plan.Decisions.Where(d => d.Outcome == PackOutcome.Granted).Select(d => d.Account).ToList();
            var absorbed = plan.Absorbed.Where(s => s != AccountStatements.PackedSid).ToList();
            var what = $"{plan.Accounts.Count} account(s) in statement '{AccountStatements.PackedSid}' ({granting.Count} new" +
                (absorbed.Count == 0 ? "" : $"; folds in {string.Join(", ", absorbed)}") +
                $"; {plan.Kept.Count} other statement(s) kept as they are)" +
                (plan.Dropped.Count == 0 ? "" : $"; revokes account(s) not in the -Exclusive list: {string.Join(", ", plan.Dropped)}");
            if (plan.NewPolicy != null)
            {
                if (!_approvals.ShouldProcess($"event bus '{bus}' in {session.Region}", $"Grant, packed: {what}, written as the whole policy")) return null;
                if (plan.Dropped.Count > 0 && !_approvals.ConfirmHighImpact(
                        $"{plan.Dropped.Count} account(s) not in the list will lose access to event bus '{bus}' in {session.Region}: {string.Join(", ", plan.Dropped)}. Continue?",
                        "Revoke the accounts not in the list", $"Revoking the {plan.Dropped.Count} account(s) not in the -Exclusive list from event bus '{bus}'", bus))
                    return null;
            }
            return new PackWork(session, current, accounts, exclusive, plan, what).RunAsync;
        }

        /// <summary>
        /// ShouldProcess per principal, saying what would really happen (a new statement, or which grant a -Force
        /// replaces); granting every account without a condition is High impact.
        /// </summary>
        private bool Approve(PendingGrant grant, GrantDecision decision, string region)
        {
            var request = decision.Request;
            var target = $"{request.Describe()} on event bus '{grant.Bus}' in {region}";
            var action = decision.Kind == GrantDecisionKind.Replace && decision.Existing != null
                ? $"Replace statement '{request.StatementId}', which now holds {PermissionText.Describe(decision.Existing)}, with this grant"
                : $"Grant (statement '{request.StatementId}')";
            if (!_approvals.ShouldProcess(target, action)) return false;
            if (request.Principal != AccountIds.Everyone || request.OrganizationId != null) return true;
            return _approvals.ConfirmHighImpact(
                $"Every AWS account will be able to put events on event bus '{grant.Bus}' in {region}. Continue?", "Grant to every AWS account",
                $"Granting every AWS account ('*') on event bus '{grant.Bus}'", grant.Target);
        }
    }
}
