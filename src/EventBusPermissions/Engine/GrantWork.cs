using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using EventBusPermissions.Commands;
using EventBusPermissions.Planning;

namespace EventBusPermissions.Engine
{
    /// <summary>One grant asked for, and the object it came from (the target of its errors).</summary>
    internal sealed class GrantTarget
    {
        public GrantTarget(GrantRequest request, object? target)
        {
            Request = request;
            Target = target;
        }

        public GrantRequest Request { get; }
        public object? Target { get; }
    }

    /// <summary>
    /// The writes of a grant on one bus, planned and approved on the pipeline thread: each approved grant is written
    /// with PutPermission (a quota refusal stops the writes after it), every outcome is reported in request order,
    /// and the policy is read back and repaired; then the -Exclusive revokes, if any. Runs on any thread.
    /// </summary>
    internal sealed class GrantWork
    {
        /// <summary>Read-back rounds after the last write to a bus, to repair updates lost to a concurrent writer.</summary>
        public const int ReadBackRounds = 8;

        private readonly BusSession _session;
        private readonly EventBus _current;
        private readonly IReadOnlyList<GrantTarget> _grants;
        private readonly GrantPlan _plan;
        private readonly IReadOnlyList<bool> _approved;
        private readonly ExclusiveRevocation? _exclusive;

        /// <param name="approved">For each decision of the plan, whether the user let it be written.</param>
        public GrantWork(BusSession session, EventBus current, IReadOnlyList<GrantTarget> grants, GrantPlan plan, IReadOnlyList<bool> approved, ExclusiveRevocation? exclusive)
        {
            _session = session;
            _current = current;
            _grants = grants;
            _plan = plan;
            _approved = approved;
            _exclusive = exclusive;
        }

        private BusReport Report => _session.Report;
        private string Bus => _session.Bus;

        public async Task RunAsync()
        {
            var holds = new string?[_plan.Decisions.Count]; // the statement that now holds each grant, once known
            var written = new List<GrantDecision>();
            int writes = _plan.Writes.Count(), done = 0;
            var activity = $"Granting on event bus '{Bus}' in {_session.Region}";
            for (var i = 0; i < _plan.Decisions.Count; i++)
            {
                var decision = _plan.Decisions[i];
                var target = _grants[i].Target;
                switch (decision.Kind)
                {
                    case GrantDecisionKind.AlreadyGranted:
                        holds[i] = decision.Existing!.StatementJson;
                        ReportAlreadyGranted(decision, holds[i]!);
                        break;
                    case GrantDecisionKind.Duplicate:
                        holds[i] = holds[decision.DuplicateOf!.Value];
                        if (holds[i] != null) ReportAlreadyGranted(decision, holds[i]!);
                        break;
                    case GrantDecisionKind.Conflict:
                        Report.Error(new ErrorRecord(new InvalidOperationException(decision.Message), decision.ErrorId, ErrorCategory.ResourceExists, target));
                        break;
                    case GrantDecisionKind.QuotaExceeded:
                        Report.Error(new ErrorRecord(new InvalidOperationException(decision.Message), decision.ErrorId, ErrorCategory.LimitsExceeded, target));
                        break;
                    case GrantDecisionKind.Write:
                    case GrantDecisionKind.Replace:
                        if (!_approved[i]) break;
                        Report.Progress(new ProgressRecord(2, activity, decision.Request.Describe()) { PercentComplete = writes == 0 ? 100 : Math.Min(100, 100 * done++ / writes) });
                        var outcome = await _session.PutGrantAsync(decision.Request, target).ConfigureAwait(false);
                        if (outcome == GrantWrite.QuotaHit)
                        {
                            _plan.StopWritesFrom(i, "AWS answered PolicyLengthExceededException: the bus policy is at its size quota.");
                            i--; // handle this decision again, now QuotaExceeded
                            continue;
                        }
                        if (outcome == GrantWrite.Failed) continue;
                        written.Add(decision);
                        holds[i] = decision.StatementJson;
                        ReportWritten(decision);
                        break;
                }
            }

            if (done > 0) Report.Progress(new ProgressRecord(2, activity, "Done") { RecordType = ProgressRecordType.Completed });

            var latest = written.Count > 0 ? await VerifyAndRepairAsync(written).ConfigureAwait(false) : _current;
            if (_exclusive != null && latest != null) await _exclusive.RunAsync(_session, latest).ConfigureAwait(false);
        }

        private void ReportAlreadyGranted(GrantDecision decision, string statementJson)
        {
            Report.Verbose($"Skipped {decision.Request.Describe()} on event bus '{Bus}': it already holds as statement '{decision.Request.StatementId}'.");
            // The statement as it is on the bus, not as this command would have written it.
            Report.Object(PermissionObjects.FromStatementJson(statementJson, Bus, _session.Region, _current.Arn, PermissionStatus.AlreadyGranted, decision.Request.Principal));
        }

        /// <summary>
        /// A grant that was written. If it can never be reported (Ctrl+C), it is taken back, so that the bus holds exactly
        /// what was reported: a statement this command added is removed; a statement it replaced gets its old text back,
        /// while the bus still holds this grant under its id.
        /// </summary>
        private void ReportWritten(GrantDecision decision)
        {
            var permission = PermissionObjects.FromStatementJson(decision.StatementJson, Bus, _session.Region, _current.Arn,
                decision.Kind == GrantDecisionKind.Replace ? PermissionStatus.Replaced : PermissionStatus.Granted);
            Report.Verbose($"Wrote {decision.Request.Describe()} as statement '{decision.Request.StatementId}' on event bus '{Bus}' in {_session.Region}.");
            Report.Change(permission, TakeBacks.OfGrant(_session, decision));
        }

        /// <summary>
        /// True when the policy read back holds statements other than the ones read before and the ones written: some
        /// other writer changed the bus meanwhile.
        /// </summary>
        private bool OthersWrote(EventBus readBack, List<GrantDecision> written)
        {
            var ours = new HashSet<string?>(written.Select(d => (string?)d.Request.StatementId));
            var before = _current.Permissions.Where(p => !ours.Contains(p.StatementId)).Select(p => p.StatementJson).Distinct().OrderBy(j => j, StringComparer.Ordinal);
            var now = readBack.Permissions.Where(p => !ours.Contains(p.StatementId)).Select(p => p.StatementJson).Distinct().OrderBy(j => j, StringComparer.Ordinal);
            return !before.SequenceEqual(now, StringComparer.Ordinal);
        }

        /// <summary>
        /// Reads the policy back and writes again what is missing, a bounded number of times. Each repair is planned
        /// again against the policy as it is now, so a different grant another writer put under the same statement id
        /// is an error, never overwritten (unless it is the very statement the user's -Force replaced). Returns the
        /// last policy read, or null when it could not be read.
        /// </summary>
        private async Task<EventBus?> VerifyAndRepairAsync(List<GrantDecision> written)
        {
            var tracked = written.Select(d => d.Request).ToList();
            var targets = new Dictionary<GrantRequest, object?>();
            var replacedStatements = new Dictionary<GrantRequest, string>();
            foreach (var decision in written)
            {
                targets[decision.Request] = _grants[decision.Index].Target;
                if (decision.Kind == GrantDecisionKind.Replace && decision.Existing != null) replacedStatements[decision.Request] = decision.Existing.StatementJson;
            }

            string? previous = null;
            for (var round = 1; round <= ReadBackRounds; round++)
            {
                var readBack = await _session.ReadAsync("confirm the grants", Array.Empty<object?>()).ConfigureAwait(false);
                if (readBack == null) return null;
                var missing = ReadBack.Missing(readBack, tracked);
                if (missing.Count == 0)
                {
                    // Nobody else changed the bus, or it stood still since the last read: done. Otherwise another writer is at
                    // work, and a whole-policy write of theirs, planned before these grants landed, could still replace them:
                    // read again after a pause (see PolicySettling).
                    if (!OthersWrote(readBack, written) || readBack.Policy == previous || round == ReadBackRounds) return readBack;
                    previous = readBack.Policy;
                    await PolicySettling.PauseAsync(_session.Stop).ConfigureAwait(false);
                    continue;
                }
                previous = null;
                foreach (var decision in GrantPlanner.Plan(readBack, _plan.BusArn, missing, force: false).Decisions)
                {
                    var request = decision.Request;
                    var forcedBefore = decision.Kind == GrantDecisionKind.Conflict && decision.Existing != null
                        && replacedStatements.TryGetValue(request, out var replaced) && replaced == decision.Existing.StatementJson;
                    if (decision.Kind == GrantDecisionKind.Write || forcedBefore)
                    {
                        Report.Warning($"Read-back: {request.Describe()} is missing from event bus '{Bus}' in {_session.Region} (a concurrent writer's update lost it, " +
                            "or someone removed it meanwhile); writing it again.");
                        await _session.PutGrantAsync(request, targets[request]).ConfigureAwait(false);
                        continue;
                    }
                    tracked.Remove(request);
                    var message = decision.Kind == GrantDecisionKind.Conflict && decision.Existing != null
                        ? $"After this command wrote {request.Describe()} as statement '{request.StatementId}' on event bus '{Bus}', another writer put a different grant " +
                          $"under that id: {PermissionText.Describe(decision.Existing)}. It was not overwritten; decide which grant the bus should hold."
                        : decision.Message ?? $"{request.Describe()} is missing from event bus '{Bus}' and cannot be written again.";
                    Report.Error(new ErrorRecord(new InvalidOperationException(message), decision.ErrorId ?? PlanningErrorIds.GrantNotConfirmed,
                        ErrorCategory.ResourceExists, targets[request]));
                }
            }

            var final = await _session.ReadAsync("confirm the grants", Array.Empty<object?>()).ConfigureAwait(false);
            if (final == null) return null;
            foreach (var lost in ReadBack.Missing(final, tracked))
            {
                Report.Error(new ErrorRecord(new InvalidOperationException(
                    $"{lost.Describe()} was written to event bus '{Bus}' but is still missing after {ReadBackRounds} read-back rounds; another writer keeps replacing the policy."),
                    PlanningErrorIds.GrantNotConfirmed, ErrorCategory.WriteError, targets[lost]));
            }
            return final;
        }
    }
}
