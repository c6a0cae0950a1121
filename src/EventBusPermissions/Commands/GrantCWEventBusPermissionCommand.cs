using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Management.Automation;
using EventBusPermissions.Aws;
using EventBusPermissions.Planning;
using EventBusPermissions.Validation;

namespace EventBusPermissions.Commands
{
    /// <summary>
    /// Grants AWS accounts, every account, or an AWS Organization the right to put events on an event bus
    /// (PutPermission). Input is checked as it arrives; the writes happen once the pipeline is complete, so
    /// each bus's policy is read once, grants that already hold are skipped, and the quota is predicted.
    /// </summary>
    [Cmdlet(VerbsSecurity.Grant, "CWEventBusPermission", DefaultParameterSetName = AccountSet,
        SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(EventBusPermission))]
    public sealed class GrantCWEventBusPermissionCommand : EventBridgeCmdlet
    {
        private const string AccountSet = "Account";
        private const string OrganizationSet = "Organization";
        private const string PolicySet = "Policy";

        /// <summary>Read-back rounds after the last write to a bus, to repair updates lost to a concurrent writer.</summary>
        private const int ReadBackRounds = 8;

        private readonly List<PendingGrant> _pending = new List<PendingGrant>();

        [Parameter(ParameterSetName = AccountSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Principal", "Account", "Id")]
        [AllowEmptyString]
        [AllowNull]
        public string?[] AccountId { get; set; } = Array.Empty<string>();

        [Parameter(ParameterSetName = OrganizationSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? OrganizationId { get; set; }

        /// <summary>A whole policy document: it replaces the bus policy (PutPermission's Policy member).</summary>
        [Parameter(ParameterSetName = PolicySet, Mandatory = true)]
        [AllowEmptyString]
        public string? Policy { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(Completion.EventBusNameCompleter))]
        public string EventBusName { get; set; } = EventBusNames.Default;

        [Parameter(ParameterSetName = AccountSet)]
        [Parameter(ParameterSetName = OrganizationSet)]
        [AllowEmptyString]
        public string? StatementId { get; set; }

        [Parameter(ParameterSetName = AccountSet)]
        [Parameter(ParameterSetName = OrganizationSet)]
        [AllowEmptyString]
        public string Action { get; set; } = Actions.PutEvents;

        /// <summary>Replace a different grant held under the same statement id; grant every account, or replace the whole policy, without asking.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            var bus = EventBusName;
            var busProblem = EventBusNames.CheckName(bus);
            if (busProblem != null)
            {
                WriteError(InvalidInput(ErrorIds.InvalidEventBusName, busProblem, bus));
                return;
            }
            if (ParameterSetName == PolicySet)
            {
                ReplacePolicy(bus);
                return;
            }
            var actionProblem = Actions.Check(Action);
            if (actionProblem != null)
            {
                WriteError(InvalidInput(PlanningErrorIds.InvalidAction, actionProblem, Action));
                return;
            }
            if (StatementId != null)
            {
                var idProblem = StatementIds.Check(StatementId);
                if (idProblem != null)
                {
                    WriteError(InvalidInput(PlanningErrorIds.InvalidStatementId, idProblem, StatementId));
                    return;
                }
            }

            if (ParameterSetName == OrganizationSet)
            {
                var orgProblem = OrganizationIds.Check(OrganizationId);
                if (orgProblem != null)
                {
                    WriteError(InvalidInput(PlanningErrorIds.InvalidOrganizationId, orgProblem, OrganizationId));
                    return;
                }
                Queue(GrantRequest.ForOrganization(OrganizationId!.Trim(), Action, StatementId), OrganizationId);
                return;
            }

            foreach (var raw in AccountId ?? new string?[] { null })
            {
                if (!AccountIds.TryNormalize(raw, out var account, out var problem))
                {
                    WriteError(InvalidInput(PlanningErrorIds.InvalidAccountId, problem!, raw));
                    continue;
                }
                if (StatementId != null && _pending.Any(p => p.Bus == bus && p.Region == Region))
                {
                    WriteError(InvalidInput(ErrorIds.StatementIdWithManyAccounts,
                        $"-StatementId '{StatementId}' names one statement, but more than one account was given for event bus '{bus}'. " +
                        "Leave out -StatementId to give each account its own statement.", raw));
                    continue;
                }
                if (account == AccountIds.Everyone)
                    WriteWarning($"Granting every AWS account ('*') the right to put events on event bus '{bus}'. Rules on this bus that do not match on 'account' will see events from anyone.");
                Queue(GrantRequest.ForAccount(account, Action, StatementId), raw);
            }
        }

        protected override void EndProcessing()
        {
            foreach (var group in _pending.GroupBy(p => (p.Region, p.Bus)).ToList())
                GrantOnBus(group.Key.Region, group.Key.Bus, group.ToList());
            base.EndProcessing();
        }

        /// <summary>
        /// The whole-document form: checked before anything is sent, High impact because every statement now
        /// on the bus that the new document lacks is gone afterwards; the result is read back and emitted.
        /// </summary>
        private void ReplacePolicy(string bus)
        {
            var problem = PolicyDocuments.Check(Policy, PolicyQuota.DefaultCharacters, out var errorId);
            if (problem != null)
            {
                WriteError(InvalidInput(errorId ?? PlanningErrorIds.InvalidPolicyDocument, problem, Policy));
                return;
            }

            var api = Connect();
            var target = $"the whole policy of event bus '{bus}' in {api.Region}";
            if (!ShouldProcess(target, "Replace with the given policy document")) return;
            var current = ReadBus(api, bus, new object?[] { Policy });
            if (current == null) return;
            var replaced = string.Join(", ", current.Permissions.Select(p => p.StatementId ?? p.Principal));
            if (!ConfirmHighImpact(Force.IsPresent,
                    $"The policy of event bus '{bus}' in {api.Region} will be replaced" +
                    (current.Permissions.Length == 0 ? "." : $"; its {current.Permissions.Length} statement(s) ({replaced}) are kept only if the new document has them.") + " Continue?",
                    "Replace the event bus policy",
                    $"Replacing the whole policy of event bus '{bus}' needs confirmation, and this session cannot ask (it is non-interactive).", Policy))
                return;

            var retries = new ConcurrentQueue<string>();
            try
            {
                var input = new PutPermissionInput { EventBusName = bus, Policy = Policy };
                Await(TransientRetry.RunAsync(() => api.PutPermissionAsync(input, CancelToken), retries.Enqueue, CancelToken));
            }
            catch (EventBridgeApiException e)
            {
                WriteError(ServiceError(e, $"Cannot replace the policy of event bus '{bus}' in {api.Region}", Policy));
                return;
            }
            finally
            {
                foreach (var message in retries) WriteVerbose(message);
            }
            WriteVerbose($"Replaced the policy of event bus '{bus}' (it held: {(replaced.Length == 0 ? "nothing" : replaced)}).");

            var readBack = ReadBus(api, bus, new object?[] { Policy });
            if (readBack == null) return;
            foreach (var permission in readBack.Permissions)
            {
                permission.Status = PermissionStatus.Granted;
                WriteObject(permission);
            }
        }

        private void Queue(GrantRequest request, object? target)
            => _pending.Add(new PendingGrant(request, target, EventBusName, Region));

        private void GrantOnBus(string? region, string bus, List<PendingGrant> grants)
        {
            Region = region;
            var api = Connect();
            var approved = grants.Where(g => Approve(g, api.Region)).ToList();
            if (approved.Count == 0) return;

            EventBus? current = ReadBus(api, bus, approved.Select(a => a.Target));
            if (current == null || current.Arn == null) return;

            var plan = GrantPlanner.Plan(current, current.Arn, approved.Select(a => a.Request).ToList(), Force.IsPresent);
            var written = new List<GrantRequest>();
            int writes = plan.Writes.Count(), done = 0;

            for (int i = 0; i < plan.Decisions.Count; i++)
            {
                var decision = plan.Decisions[i];
                var target = approved[i].Target;
                switch (decision.Kind)
                {
                    case GrantDecisionKind.AlreadyGranted:
                    case GrantDecisionKind.Duplicate:
                        WriteVerbose($"Skipped {decision.Request.Describe()} on event bus '{bus}': it already holds as statement '{decision.Request.StatementId}'.");
                        WriteObject(PermissionObjects.FromStatementJson(decision.StatementJson, bus, api.Region, PermissionStatus.AlreadyGranted));
                        break;
                    case GrantDecisionKind.Conflict:
                        WriteError(new ErrorRecord(new InvalidOperationException(decision.Message), decision.ErrorId, ErrorCategory.ResourceExists, target));
                        break;
                    case GrantDecisionKind.QuotaExceeded:
                        WriteError(new ErrorRecord(new InvalidOperationException(decision.Message), decision.ErrorId, ErrorCategory.LimitsExceeded, target));
                        break;
                    case GrantDecisionKind.Write:
                    case GrantDecisionKind.Replace:
                        WriteProgress(new ProgressRecord(1, $"Granting on event bus '{bus}'", decision.Request.Describe())
                        { PercentComplete = writes == 0 ? 100 : Math.Min(100, 100 * done / writes) });
                        done++;
                        if (!Put(api, bus, decision.Request, target, out var quotaHit))
                        {
                            if (quotaHit)
                            {
                                plan.StopWritesFrom(i, "AWS answered PolicyLengthExceededException: the bus policy is at its size quota.");
                                i--; // handle this decision again, now QuotaExceeded
                            }
                            continue;
                        }
                        written.Add(decision.Request);
                        ReportWritten(api, bus, decision);
                        break;
                }
            }
            WriteProgress(new ProgressRecord(1, $"Granting on event bus '{bus}'", "Done") { RecordType = ProgressRecordType.Completed });

            if (written.Count > 0) VerifyAndRepair(api, bus, written, approved);
        }

        /// <summary>
        /// Emits a grant that was written. If the user pressed Ctrl+C meanwhile, the object can no longer be
        /// reported, so a statement this command added is taken away again: the bus then holds exactly what
        /// was reported. (A replaced statement is left as written; what it held before is gone either way.)
        /// </summary>
        private void ReportWritten(IEventBridgeApi api, string bus, GrantDecision decision)
        {
            var permission = PermissionObjects.FromStatementJson(decision.StatementJson, bus, api.Region,
                decision.Kind == GrantDecisionKind.Replace ? PermissionStatus.Replaced : PermissionStatus.Granted);
            try
            {
                if (Stopping) throw new PipelineStoppedException();
                WriteVerbose($"Wrote {decision.Request.Describe()} as statement '{decision.Request.StatementId}' on event bus '{bus}'.");
                WriteObject(permission);
            }
            catch (PipelineStoppedException)
            {
                if (decision.Kind == GrantDecisionKind.Write)
                {
                    try
                    {
                        api.RemovePermissionAsync(new RemovePermissionInput { EventBusName = bus, StatementId = decision.Request.StatementId }, CancellationToken.None)
                            .GetAwaiter().GetResult();
                    }
                    catch (EventBridgeApiException)
                    {
                        // Nothing more can be done or said once the pipeline has stopped.
                    }
                }
                throw;
            }
        }

        /// <summary>ShouldProcess per principal; granting every account without a condition is High impact.</summary>
        private bool Approve(PendingGrant grant, string region)
        {
            var request = grant.Request;
            var target = $"{request.Describe()} on event bus '{grant.Bus}' in {region}";
            if (!ShouldProcess(target, $"Grant (statement '{request.StatementId}')")) return false;
            if (request.Principal != AccountIds.Everyone || request.OrganizationId != null) return true;
            return ConfirmHighImpact(Force.IsPresent,
                $"Every AWS account will be able to put events on event bus '{grant.Bus}' in {region}. Continue?", "Grant to every AWS account",
                $"Granting every AWS account ('*') on event bus '{grant.Bus}' needs confirmation, and this session cannot ask (it is non-interactive).",
                grant.Target);
        }

        private EventBus? ReadBus(IEventBridgeApi api, string bus, IEnumerable<object?> targets)
        {
            try
            {
                return Await(api.DescribeEventBusAsync(bus, CancelToken)).ToEventBus(bus);
            }
            catch (EventBridgeApiException e)
            {
                foreach (var target in targets)
                    WriteError(ServiceError(e, $"Cannot grant on event bus '{bus}' in {api.Region}", target));
                return null;
            }
        }

        private bool Put(IEventBridgeApi api, string bus, GrantRequest request, object? target, out bool quotaHit)
        {
            quotaHit = false;
            var retries = new ConcurrentQueue<string>();
            var input = new PutPermissionInput
            {
                EventBusName = bus,
                Action = request.Action,
                Principal = request.Principal,
                StatementId = request.StatementId,
                PrincipalOrgId = request.OrganizationId,
            };
            try
            {
                // A write in flight is never abandoned (Ctrl+C could not tell whether it happened); Ctrl+C
                // still ends the waits between attempts, and ReportWritten handles a stop after the write.
                Await(TransientRetry.RunAsync(() => api.PutPermissionAsync(input, CancellationToken.None), retries.Enqueue, CancelToken));
                return true;
            }
            catch (EventBridgeApiException e) when (e.ErrorCode == "PolicyLengthExceededException")
            {
                quotaHit = true;
                return false;
            }
            catch (EventBridgeApiException e)
            {
                WriteError(ServiceError(e, $"Cannot grant {request.Describe()} on event bus '{bus}' in {api.Region}", target));
                return false;
            }
            finally
            {
                foreach (var message in retries) WriteVerbose(message);
            }
        }

        /// <summary>
        /// Reads the policy back once and writes again what a concurrent writer's update lost, a bounded
        /// number of times; only what is still missing after that is an error.
        /// </summary>
        private void VerifyAndRepair(IEventBridgeApi api, string bus, List<GrantRequest> written, List<PendingGrant> approved)
        {
            IReadOnlyList<GrantRequest> missing = written;
            for (int round = 1; round <= ReadBackRounds && missing.Count > 0; round++)
            {
                var readBack = ReadBus(api, bus, Array.Empty<object?>());
                if (readBack == null) return;
                missing = ReadBack.Missing(readBack, written);
                if (missing.Count == 0) return;
                foreach (var lost in missing)
                {
                    WriteVerbose($"Read-back: {lost.Describe()} is missing from event bus '{bus}' (a concurrent writer?); writing it again.");
                    Put(api, bus, lost, approved.First(a => a.Request.Equals(lost)).Target, out _);
                }
            }

            var final = ReadBus(api, bus, Array.Empty<object?>());
            if (final == null) return;
            foreach (var lost in ReadBack.Missing(final, written))
            {
                WriteError(new ErrorRecord(new InvalidOperationException(
                    $"{lost.Describe()} was written to event bus '{bus}' but is still missing after {ReadBackRounds} read-back rounds; another writer keeps replacing the policy."),
                    PlanningErrorIds.GrantNotConfirmed, ErrorCategory.WriteError, approved.First(a => a.Request.Equals(lost)).Target));
            }
        }

        private sealed class PendingGrant
        {
            public PendingGrant(GrantRequest request, object? target, string bus, string? region)
            {
                Request = request;
                Target = target;
                Bus = bus;
                Region = region;
            }

            public GrantRequest Request { get; }
            public object? Target { get; }
            public string Bus { get; }
            public string? Region { get; }
        }
    }
}
