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
    public sealed class GrantCWEventBusPermissionCommand : PolicyChangingCmdlet
    {
        private const string AccountSet = "Account";
        private const string OrganizationSet = "Organization";
        private const string PolicySet = "Policy";

        /// <summary>Read-back rounds after the last write to a bus, to repair updates lost to a concurrent writer.</summary>
        private const int ReadBackRounds = 8;

        private readonly List<PendingGrant> _pending = new List<PendingGrant>();

        // Buses for which part of an -Exclusive list was refused: the list is not the one meant, so nothing is revoked there.
        private readonly HashSet<(string? Region, string Bus)> _incompleteLists = new HashSet<(string?, string)>();

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

        /// <summary>
        /// Make the bus allow exactly the accounts given: grant them, then revoke every other single-account Allow
        /// (organization grants, Denies and statements with conditions or several principals stay). High impact.
        /// </summary>
        [Parameter(ParameterSetName = AccountSet)]
        public SwitchParameter Exclusive { get; set; }

        /// <summary>
        /// Pack the accounts, with the account grants already on the bus, into one statement that lists them all
        /// (about 33 characters an account instead of 190), written as one whole policy; every other statement stays.
        /// </summary>
        [Parameter(ParameterSetName = AccountSet)]
        public SwitchParameter Pack { get; set; }

        /// <summary>Replace a different grant held under the same statement id; grant every account, revoke with -Exclusive, or replace the whole policy, without asking.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>
        /// The object that came down the pipeline, whole. Hidden: users bind through the named parameters; this only
        /// lets the command see what else the object says (see <see cref="PipelineInput"/>). A catch-all PSObject
        /// does not change which parameter set Grant's inputs resolve to (Revoke's sets are subtler; see there).
        /// </summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject? PipelineObject { get; set; }

        /// <summary>The object of this record; null when everything came from the command line.</summary>
        private PipelineInput? CurrentInput => PipelineInput.From(PipelineObject);

        protected override void ProcessRecord()
        {
            var input = CurrentInput;
            var bus = EventBusName;
            var region = Region;
            // A bus named by the piped object must be the bus (account, region) that object was read from.
            var expectedArn = input != null && !GivenOnCommandLine(nameof(EventBusName)) ? input.BusArn : null;
            if (!CheckRegionAndBus(region, bus, input?.BaseObject))
            {
                _incompleteLists.Add((region, bus));
                return;
            }
            if (ParameterSetName == PolicySet)
            {
                ReplacePolicy(region, bus);
                return;
            }
            if (!CheckActionAndStatementId() || !CheckPackOptions())
            {
                _incompleteLists.Add((region, bus));
                return;
            }

            if (ParameterSetName == OrganizationSet)
            {
                QueueOrganization(OrganizationId, input?.BaseObject ?? OrganizationId, bus, region, expectedArn);
                return;
            }

            if (!CheckAccountInput(input, out var organizationFromInput))
            {
                _incompleteLists.Add((region, bus));
                return;
            }
            if (organizationFromInput != null)
            {
                QueueOrganization(organizationFromInput, input!.BaseObject, bus, region, expectedArn);
                return;
            }

            foreach (var raw in AccountId ?? new string?[] { null })
            {
                if (!AccountIds.TryNormalize(raw, out var account, out var problem))
                {
                    WriteError(InvalidInput(PlanningErrorIds.InvalidAccountId, problem!, raw));
                    _incompleteLists.Add((region, bus));
                    continue;
                }
                if (account == AccountIds.Everyone)
                {
                    if (Exclusive.IsPresent || Pack.IsPresent)
                    {
                        WriteError(InvalidInput(PlanningErrorIds.InvalidAccountId, Exclusive.IsPresent
                            ? "-Exclusive makes a bus allow exactly a list of accounts; '*' (every account) cannot be part of such a list."
                            : "-Pack lists accounts in one statement; '*' (every account) is not an account to list.", raw));
                        _incompleteLists.Add((region, bus));
                        continue;
                    }
                    WriteWarning($"Granting every AWS account ('*') the right to put events on event bus '{bus}'. Rules on this bus that do not match on 'account' will see events from anyone.");
                }
                _pending.Add(new PendingGrant(GrantRequest.ForAccount(account, Action, StatementId), raw, bus, region, expectedArn));
            }
        }

        protected override void EndProcessing()
        {
            foreach (var group in _pending.GroupBy(p => (p.Region, p.Bus)).ToList())
                GrantOnBus(group.Key.Region, group.Key.Bus, group.ToList());
            base.EndProcessing();
        }

        private bool CheckActionAndStatementId()
        {
            var actionProblem = Actions.Check(Action);
            if (actionProblem != null)
            {
                WriteError(InvalidInput(PlanningErrorIds.InvalidAction, actionProblem, Action));
                return false;
            }
            var idProblem = StatementId == null ? null : StatementIds.Check(StatementId);
            if (idProblem != null)
            {
                WriteError(InvalidInput(PlanningErrorIds.InvalidStatementId, idProblem, StatementId));
                return false;
            }
            return true;
        }

        /// <summary>-Pack writes one statement of its own, for events:PutEvents: a Sid or another action of the user's has no place in it.</summary>
        private bool CheckPackOptions()
        {
            if (!Pack.IsPresent) return true;
            if (StatementId != null)
            {
                WriteError(InvalidInput(PlanningErrorIds.InvalidStatementId,
                    $"-Pack writes the accounts into its own statement '{AccountStatements.PackedSid}'; leave out -StatementId.", StatementId));
                return false;
            }
            if (!string.Equals(Action, Actions.PutEvents, StringComparison.Ordinal))
            {
                WriteError(InvalidInput(PlanningErrorIds.InvalidAction, $"-Pack grants {Actions.PutEvents} only; leave out -Action.", Action));
                return false;
            }
            return true;
        }

        private void QueueOrganization(string? organizationId, object? target, string bus, string? region, string? expectedArn)
        {
            var orgProblem = OrganizationIds.Check(organizationId);
            if (orgProblem != null)
            {
                WriteError(InvalidInput(PlanningErrorIds.InvalidOrganizationId, orgProblem, organizationId));
                return;
            }
            _pending.Add(new PendingGrant(GrantRequest.ForOrganization(organizationId!.Trim(), Action, StatementId), target, bus, region, expectedArn));
        }

        /// <summary>
        /// Refuses piped objects whose bound AccountId would grant something the object does not mean: a bus (its
        /// AccountId is the owner), an object without any account property (PowerShell then binds its text), a Deny,
        /// or a grant with a condition Grant would drop. An organization grant carried by an object (principal *
        /// with an OrganizationId) comes back in <paramref name="organizationId"/>, to be granted as that organization.
        /// </summary>
        private bool CheckAccountInput(PipelineInput? input, out string? organizationId)
        {
            organizationId = null;
            if (input == null || input.IsScalar || GivenOnCommandLine(nameof(AccountId))) return true;
            var target = input.BaseObject;

            if (input.IsEventBus)
            {
                WriteError(InvalidInput(ErrorIds.AccountIdRequired,
                    $"The piped event bus '{input.Text("Name")}' says where to grant, not whom: give -AccountId (or -OrganizationId). " +
                    "Its AccountId is the account that owns the bus, never a grantee. Nothing was granted.", target));
                return false;
            }
            if (!input.HasAnyProperty("AccountId", "Principal", "Account", "Id"))
            {
                WriteError(InvalidInput(ErrorIds.InputWithoutAccountId,
                    "The piped object has no property AccountId, Account, Id or Principal to take the account id from (its properties: " +
                    string.Join(", ", input.PropertyNames.Select(n => "'" + n + "'")) + "). Name the CSV column AccountId, or pipe the ids themselves.", target));
                return false;
            }

            var effect = input.Text("Effect");
            if (effect != null && !string.Equals(effect, "Allow", StringComparison.Ordinal))
            {
                WriteError(InvalidInput(ErrorIds.InputNotGrantable,
                    $"The piped permission is a {effect} statement ('{input.Text("StatementId")}'); granting it would allow what it denies. Nothing was granted for it.", target));
                return false;
            }

            var organization = input.Text("OrganizationId");
            var principals = (AccountId ?? Array.Empty<string?>()).Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a!.Trim()).ToList();
            if (principals.Count == 0 && input.Text("Principal") != null) principals.Add(input.Text("Principal")!);
            if (organization != null)
            {
                if (principals.All(p => p == AccountIds.Everyone))
                {
                    organizationId = organization;
                    return true;
                }
                WriteError(InvalidInput(ErrorIds.InputNotGrantable,
                    $"The piped object names account {string.Join(", ", principals)} together with organization {organization}; a grant to the account alone " +
                    $"would drop that condition. Nothing was granted for it: grant -OrganizationId {organization}, or pipe the account without it.", target));
                return false;
            }
            var condition = input.Text("Condition");
            if (condition != null)
            {
                WriteError(InvalidInput(ErrorIds.InputNotGrantable,
                    $"The piped permission carries the condition {condition}, which a single grant cannot write; granting without it would allow more. " +
                    "Nothing was granted for it: write such statements with -Policy.", target));
                return false;
            }
            return true;
        }

        private void GrantOnBus(string? region, string bus, List<PendingGrant> grants)
        {
            var api = Connect(region);
            var current = ReadForChange(api, bus, "grant", grants.Select(g => g.Target).ToList());
            if (current == null || current.Arn == null) return;
            grants = grants.Where(g => IsSameBus(current, g.ExpectedArn, g.Target)).ToList();
            if (grants.Count == 0) return;

            if (Pack.IsPresent)
            {
                PackOnBus(api, region, bus, current, grants);
                return;
            }

            // One statement id for two different grants: which one would the bus get? Neither is written.
            if (StatementId != null && grants.Select(g => g.Request).Distinct().Count() > 1)
            {
                foreach (var grant in grants)
                    WriteError(InvalidInput(ErrorIds.StatementIdWithManyAccounts,
                        $"-StatementId '{StatementId}' names one statement, but {grants.Count} accounts were given for event bus '{bus}'. Nothing was granted; " +
                        "leave out -StatementId to give each account its own statement.", grant.Target));
                return;
            }

            var plan = GrantPlanner.Plan(current, current.Arn, grants.Select(g => g.Request).ToList(), Force.IsPresent);
            var holds = new string?[plan.Decisions.Count]; // the statement that now holds each grant, once known
            var written = new List<GrantDecision>();
            int writes = plan.Writes.Count(), done = 0;

            for (int i = 0; i < plan.Decisions.Count; i++)
            {
                var decision = plan.Decisions[i];
                var target = grants[i].Target;
                switch (decision.Kind)
                {
                    case GrantDecisionKind.AlreadyGranted:
                        holds[i] = decision.Existing!.StatementJson;
                        ReportAlreadyGranted(current, bus, api.Region, decision, holds[i]!);
                        break;
                    case GrantDecisionKind.Duplicate:
                        holds[i] = holds[decision.DuplicateOf!.Value];
                        if (holds[i] != null) ReportAlreadyGranted(current, bus, api.Region, decision, holds[i]!);
                        break;
                    case GrantDecisionKind.Conflict:
                        WriteError(new ErrorRecord(new InvalidOperationException(decision.Message), decision.ErrorId, ErrorCategory.ResourceExists, target));
                        break;
                    case GrantDecisionKind.QuotaExceeded:
                        WriteError(new ErrorRecord(new InvalidOperationException(decision.Message), decision.ErrorId, ErrorCategory.LimitsExceeded, target));
                        break;
                    case GrantDecisionKind.Write:
                    case GrantDecisionKind.Replace:
                        if (!Approve(grants[i], decision, api.Region)) break;
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
                        written.Add(decision);
                        holds[i] = decision.StatementJson;
                        ReportWritten(api, current.Arn, bus, decision);
                        break;
                }
            }
            WriteProgress(new ProgressRecord(1, $"Granting on event bus '{bus}'", "Done") { RecordType = ProgressRecordType.Completed });

            var latest = written.Count > 0 ? VerifyAndRepair(api, bus, current.Arn, written, grants) : current;
            if (Exclusive.IsPresent && latest != null) RevokeOthers(api, region, bus, latest, grants);
        }

        /// <summary>
        /// -Pack: one whole-policy write per bus (read right before, write, read back and check), and one object per
        /// account asked for, from the packed statement: Granted, AlreadyGranted, or an error when it does not fit.
        /// Returns the policy as last read (for -Exclusive), or null when the change failed.
        /// </summary>
        private EventBus? PackOnBus(IEventBridgeApi api, string? region, string bus, EventBus current, List<PendingGrant> grants)
        {
            var exclusive = Exclusive.IsPresent;
            if (exclusive && _incompleteLists.Contains((region, bus)))
            {
                // The list is not the one meant: pack what was asked for, revoke nobody.
                WriteError(new ErrorRecord(new InvalidOperationException(
                    $"Part of the -Exclusive list for event bus '{bus}' in {api.Region} was refused (see the errors above), so the list is not the one meant " +
                    "and no other account was revoked. Correct the list and run the command again."),
                    ErrorIds.ExclusiveListIncomplete, ErrorCategory.InvalidData, bus));
                exclusive = false;
            }
            var accounts = grants.Select(g => g.Request.Principal).ToList();
            var targets = new Dictionary<string, object?>();
            foreach (var grant in grants)
                if (!targets.ContainsKey(grant.Request.Principal)) targets[grant.Request.Principal] = grant.Target;

            var plan = PackPlanner.Plan(current, current.Arn!, accounts, exclusive: exclusive);
            foreach (var decision in plan.Decisions.Where(d => d.Outcome == PackOutcome.QuotaExceeded))
                WriteError(new ErrorRecord(new InvalidOperationException(decision.Message), PlanningErrorIds.PolicyQuotaExceeded, ErrorCategory.LimitsExceeded, targets[decision.Account]));

            var granting = plan.Decisions.Where(d => d.Outcome == PackOutcome.Granted).Select(d => d.Account).ToList();
            var latest = current;
            if (plan.NewPolicy != null)
            {
                var what = $"{plan.Accounts.Count} account(s) in statement '{AccountStatements.PackedSid}' ({granting.Count} new" +
                    (plan.Absorbed.Count(s => s != AccountStatements.PackedSid) == 0 ? "" : $"; folds in {string.Join(", ", plan.Absorbed.Where(s => s != AccountStatements.PackedSid))}") +
                    $"; {plan.Kept.Count} other statement(s) kept as they are)" +
                    (plan.Dropped.Count == 0 ? "" : $"; revokes account(s) not in the -Exclusive list: {string.Join(", ", plan.Dropped)}");
                if (!ShouldProcess($"event bus '{bus}' in {api.Region}", $"Grant, packed: {what}, written as the whole policy")) return null;
                if (plan.Dropped.Count > 0 && !ConfirmHighImpact(Force.IsPresent,
                        $"{plan.Dropped.Count} account(s) not in the list will lose access to event bus '{bus}' in {api.Region}: {string.Join(", ", plan.Dropped)}. Continue?",
                        "Revoke the accounts not in the list", $"Revoking the {plan.Dropped.Count} account(s) not in the -Exclusive list from event bus '{bus}'", bus))
                    return null;
                latest = WriteWholePolicy(api, bus, current, read => PackChange(read, accounts, exclusive), "grant, packed", bus);
                if (latest == null) return null;
                WriteVerbose($"Packed {what} on event bus '{bus}'.");
            }
            else
            {
                WriteVerbose($"Event bus '{bus}' already holds the accounts packed: nothing to write.");
            }

            var packed = latest.Permissions.Where(p => p.StatementId == AccountStatements.PackedSid).ToList();
            foreach (var decision in plan.Decisions.Where(d => d.Outcome != PackOutcome.QuotaExceeded))
            {
                var statement = packed.FirstOrDefault(p => p.AccountId == decision.Account) ?? packed.FirstOrDefault();
                if (statement == null) continue; // not confirmed: WriteWholePolicy said so
                var permission = PermissionObjects.FromStatementJson(statement.StatementJson, bus, api.Region, latest.Arn,
                    decision.Outcome == PackOutcome.AlreadyGranted ? PermissionStatus.AlreadyGranted : PermissionStatus.Granted, decision.Account);
                WriteObject(permission);
            }
            foreach (var account in plan.Dropped)
            {
                var held = PackPlanner.HeldAccounts(latest.Policy, latest.Arn!);
                if (held.Contains(account)) continue; // not confirmed gone: a concurrent writer granted it again
                var revoked = current.Permissions.FirstOrDefault(p => p.AccountId == account) ?? current.Permissions.FirstOrDefault(p => p.StatementId == AccountStatements.PackedSid);
                if (revoked == null) continue;
                WriteObject(PermissionObjects.FromStatementJson(revoked.StatementJson, bus, api.Region, current.Arn, PermissionStatus.Revoked, account));
            }
            return latest;
        }

        /// <summary>The packed policy for a policy as read, and the accounts it must show afterwards.</summary>
        private static WholePolicyChange? PackChange(EventBus read, IReadOnlyList<string> accounts, bool exclusive)
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

        private void ReportAlreadyGranted(EventBus current, string bus, string region, GrantDecision decision, string statementJson)
        {
            WriteVerbose($"Skipped {decision.Request.Describe()} on event bus '{bus}': it already holds as statement '{decision.Request.StatementId}'.");
            // The statement as it is on the bus, not as this command would have written it.
            WriteObject(PermissionObjects.FromStatementJson(statementJson, bus, region, current.Arn, PermissionStatus.AlreadyGranted, decision.Request.Principal));
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
            if (!ShouldProcess(target, action)) return false;
            if (request.Principal != AccountIds.Everyone || request.OrganizationId != null) return true;
            return ConfirmHighImpact(Force.IsPresent,
                $"Every AWS account will be able to put events on event bus '{grant.Bus}' in {region}. Continue?", "Grant to every AWS account",
                $"Granting every AWS account ('*') on event bus '{grant.Bus}'", grant.Target);
        }

        /// <summary>
        /// Emits a grant that was written. If the user pressed Ctrl+C meanwhile, the object can no longer be
        /// reported, so a statement this command added is taken away again: the bus then holds exactly what
        /// was reported. (A replaced statement is left as written; what it held before is gone either way.)
        /// </summary>
        private void ReportWritten(IEventBridgeApi api, string busArn, string bus, GrantDecision decision)
        {
            var permission = PermissionObjects.FromStatementJson(decision.StatementJson, bus, api.Region, busArn,
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
        /// Reads the policy back and writes again what is missing, a bounded number of times. Each repair is planned
        /// again against the policy as it is now, so a different grant another writer put under the same statement id
        /// is an error, never overwritten (unless it is the very statement the user's -Force replaced). Returns the
        /// last policy read, or null when it could not be read.
        /// </summary>
        private EventBus? VerifyAndRepair(IEventBridgeApi api, string bus, string busArn, List<GrantDecision> written, List<PendingGrant> grants)
        {
            var tracked = written.Select(d => d.Request).ToList();
            var targets = new Dictionary<GrantRequest, object?>();
            var replacedStatements = new Dictionary<GrantRequest, string>();
            foreach (var decision in written)
            {
                targets[decision.Request] = grants[decision.Index].Target;
                if (decision.Kind == GrantDecisionKind.Replace && decision.Existing != null) replacedStatements[decision.Request] = decision.Existing.StatementJson;
            }

            for (int round = 1; round <= ReadBackRounds; round++)
            {
                var readBack = ReadBus(api, bus, "confirm the grants", Array.Empty<object?>());
                if (readBack == null) return null;
                var missing = ReadBack.Missing(readBack, tracked);
                if (missing.Count == 0) return readBack;
                foreach (var decision in GrantPlanner.Plan(readBack, busArn, missing, force: false).Decisions)
                {
                    var request = decision.Request;
                    var forcedBefore = decision.Kind == GrantDecisionKind.Conflict && decision.Existing != null
                        && replacedStatements.TryGetValue(request, out var replaced) && replaced == decision.Existing.StatementJson;
                    if (decision.Kind == GrantDecisionKind.Write || forcedBefore)
                    {
                        WriteWarning($"Read-back: {request.Describe()} is missing from event bus '{bus}' in {api.Region} (a concurrent writer's update lost it, " +
                            "or someone removed it meanwhile); writing it again.");
                        Put(api, bus, request, targets[request], out _);
                        continue;
                    }
                    tracked.Remove(request);
                    var message = decision.Kind == GrantDecisionKind.Conflict && decision.Existing != null
                        ? $"After this command wrote {request.Describe()} as statement '{request.StatementId}' on event bus '{bus}', another writer put a different grant " +
                          $"under that id: {PermissionText.Describe(decision.Existing)}. It was not overwritten; decide which grant the bus should hold."
                        : decision.Message ?? $"{request.Describe()} is missing from event bus '{bus}' and cannot be written again.";
                    WriteError(new ErrorRecord(new InvalidOperationException(message), decision.ErrorId ?? PlanningErrorIds.GrantNotConfirmed,
                        ErrorCategory.ResourceExists, targets[request]));
                }
            }

            var final = ReadBus(api, bus, "confirm the grants", Array.Empty<object?>());
            if (final == null) return null;
            foreach (var lost in ReadBack.Missing(final, tracked))
            {
                WriteError(new ErrorRecord(new InvalidOperationException(
                    $"{lost.Describe()} was written to event bus '{bus}' but is still missing after {ReadBackRounds} read-back rounds; another writer keeps replacing the policy."),
                    PlanningErrorIds.GrantNotConfirmed, ErrorCategory.WriteError, targets[lost]));
            }
            return final;
        }

        /// <summary>
        /// -Exclusive: revokes every single-account Allow (no condition) whose account is not in the list. Organization
        /// grants, grants to everyone, Denies and statements with conditions or several principals are not account
        /// grants of the list's kind and stay. Nothing is revoked when part of the list was refused.
        /// </summary>
        private void RevokeOthers(IEventBridgeApi api, string? region, string bus, EventBus latest, List<PendingGrant> grants)
        {
            if (_incompleteLists.Contains((region, bus)))
            {
                WriteError(new ErrorRecord(new InvalidOperationException(
                    $"Part of the -Exclusive list for event bus '{bus}' in {api.Region} was refused (see the errors above), so the list is not the one meant " +
                    "and no other account was revoked. Correct the list and run the command again."),
                    ErrorIds.ExclusiveListIncomplete, ErrorCategory.InvalidData, bus));
                return;
            }
            var wanted = grants.Where(g => g.Request.OrganizationId == null).Select(g => g.Request.Principal).ToList();
            var others = ExclusiveList.OthersToRevoke(latest, wanted);
            var sharedOthers = ExclusiveList.OthersInSharedGrants(latest, wanted);
            if (others.Count == 0 && sharedOthers.Count == 0)
            {
                WriteVerbose($"Event bus '{bus}' in {api.Region} allows no account outside the list: nothing to revoke.");
                return;
            }

            var approved = others.Where(p => ShouldProcess(
                $"statement '{p.StatementId}' ({PermissionText.Describe(p)}) on event bus '{bus}' in {api.Region}",
                "Revoke: the account is not in the -Exclusive list")).ToList();
            var approvedShared = sharedOthers.Where(a => ShouldProcess(
                $"account {a} in a statement shared with other accounts on event bus '{bus}' in {api.Region}",
                "Revoke out of that statement: the account is not in the -Exclusive list")).ToList();
            if (approved.Count + approvedShared.Count == 0) return;
            var accounts = approved.Select(p => p.AccountId).Concat(approvedShared).ToList();
            if (!ConfirmHighImpact(Force.IsPresent,
                    $"{accounts.Count} account grant(s) not in the list will be revoked from event bus '{bus}' in {api.Region}: " +
                    $"{string.Join(", ", accounts)}. Continue?",
                    "Revoke the accounts not in the list",
                    $"Revoking the {accounts.Count} account grant(s) not in the -Exclusive list from event bus '{bus}'", bus))
                return;

            foreach (var permission in approved)
                RevokeStatement(api, bus, permission, permission);
            if (approvedShared.Count == 0) return;

            // Read right before the whole-policy write: the removals above changed the policy.
            var fresh = ReadForChange(api, bus, "revoke the accounts not in the list", new object?[] { bus });
            if (fresh == null || fresh.Arn == null) return;
            var busArn = fresh.Arn;
            var after = WriteWholePolicy(api, bus, fresh,
                read => AccountRemoval.Change(read, approvedShared, e => ExclusiveList.IsPlainShared(e.Before, busArn)), "revoke the accounts not in the list", bus);
            if (after == null) return;
            var stillHeld = PackPlanner.HeldAccounts(after.Policy, busArn);
            foreach (var edit in AccountRemoval.SharedEdits(fresh.Policy, approvedShared).Where(e => ExclusiveList.IsPlainShared(e.Before, busArn)))
                foreach (var account in edit.Accounts.Where(a => !stillHeld.Contains(a)))
                    WriteObject(PermissionObjects.FromStatementJson(edit.Before, bus, api.Region, busArn, PermissionStatus.Revoked, account));
        }

        /// <summary>
        /// The whole-document form: checked before anything is sent, High impact because every statement now
        /// on the bus that the new document lacks is gone afterwards; the result is read back and emitted. A bus
        /// whose policy cannot be read is replaced only with -Force, since nobody can see what would be lost.
        /// </summary>
        private void ReplacePolicy(string? region, string bus)
        {
            var problem = PolicyDocuments.Check(Policy, PolicyQuota.DefaultCharacters, out var errorId);
            if (problem != null)
            {
                WriteError(InvalidInput(errorId ?? PlanningErrorIds.InvalidPolicyJson, problem, Policy));
                return;
            }
            // -AccountId * warns; a document that does the same (or more) must not be quieter.
            foreach (var risk in PolicyDocuments.Risks(Policy)) WriteWarning(risk);

            var api = Connect(region);
            var current = ReadBus(api, bus, "replace the policy", new object?[] { Policy });
            if (current == null) return;
            if (current.PolicyParseError != null && !Force.IsPresent)
            {
                WriteError(UnreadablePolicy(current, api.Region, "replace the policy", Policy));
                return;
            }

            var lost = PolicyReplacement.Describe(current, Policy!, bus, api.Region);
            var target = $"the whole policy of event bus '{bus}' in {api.Region}";
            if (!ShouldProcess(target, $"Replace with the given policy document; {lost}")) return;
            if (!ConfirmHighImpact(Force.IsPresent,
                    $"The policy of event bus '{bus}' in {api.Region} will be replaced; {lost}. Continue?",
                    "Replace the event bus policy", $"Replacing the whole policy of event bus '{bus}'", Policy))
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
            WriteVerbose($"Replaced the policy of event bus '{bus}' ({lost}).");

            var readBack = ReadBus(api, bus, "read back the policy", new object?[] { Policy });
            if (readBack == null) return;
            foreach (var permission in readBack.Permissions)
            {
                permission.Status = PermissionStatus.Granted;
                WriteObject(permission);
            }
        }

        private sealed class PendingGrant
        {
            public PendingGrant(GrantRequest request, object? target, string bus, string? region, string? expectedArn)
            {
                Request = request;
                Target = target;
                Bus = bus;
                Region = region;
                ExpectedArn = expectedArn;
            }

            public GrantRequest Request { get; }
            public object? Target { get; }
            public string Bus { get; }
            public string? Region { get; }

            /// <summary>The bus ARN of the piped object that named the bus; null when the user named it.</summary>
            public string? ExpectedArn { get; }
        }
    }
}
