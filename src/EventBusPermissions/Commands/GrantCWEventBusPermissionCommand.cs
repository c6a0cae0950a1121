using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using System.Management.Automation;
using EventBusPermissions.Engine;
using EventBusPermissions.Input;
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
        [OneValue]
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
        /// lets the command see what else the object says (see <see cref="Input.PipedObject"/>). A catch-all PSObject
        /// does not change which parameter set Grant's inputs resolve to (Revoke's sets are subtler; see there).
        /// </summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject? PipelineObject { get; set; }

        // A record whose bus could not be resolved may have belonged to any -Exclusive list: then no list is complete.
        private bool _unresolvedRecord;

        protected override void ProcessRecord()
        {
            var piped = PipedObject.From(PipelineObject);
            var errorTarget = piped?.BaseObject;
            // Whom: what the command line says, else what the piped object says as a whole (never the text PowerShell's
            // binding makes of an object), else the strings piped in.
            IReadOnlyList<string?> accounts = AccountId ?? new string?[] { null };
            string? organization = ParameterSetName == OrganizationSet ? OrganizationId : null;
            var fromCommandLine = GivenOnCommandLine(nameof(AccountId)) || GivenOnCommandLine(nameof(OrganizationId));
            if (piped != null && !fromCommandLine && ParameterSetName != PolicySet)
            {
                var grantees = GranteeResolver.Resolve(piped, out var refusal);
                if (grantees == null)
                {
                    WriteError(InvalidInput(refusal!.ErrorId, refusal.Message, errorTarget));
                    MarkListIncomplete(piped);
                    return;
                }
                accounts = grantees.Accounts;
                organization = grantees.OrganizationId;
            }
            var location = BusResolver.Resolve(piped, GivenOnCommandLine(nameof(EventBusName)) ? EventBusName : null,
                GivenOnCommandLine(nameof(Region)) ? Region : null, objectDecides: false, "granted", out var busRefusal);
            if (location == null)
            {
                WriteError(InvalidInput(busRefusal!.ErrorId, busRefusal.Message, errorTarget));
                _unresolvedRecord = true;
                return;
            }
            var bus = location.Bus;
            var region = location.Region;
            var expectedArn = location.ExpectedArn;
            if (!CheckRegionAndBus(region, bus, errorTarget))
            {
                _incompleteLists.Add((region, bus));
                return;
            }
            if (ParameterSetName == PolicySet)
            {
                ReplacePolicy(region, bus, expectedArn);
                return;
            }
            if (!CheckActionAndStatementId() || !CheckPackOptions())
            {
                _incompleteLists.Add((region, bus));
                return;
            }

            if (organization != null || ParameterSetName == OrganizationSet)
            {
                if (Pack.IsPresent)
                {
                    WriteError(InvalidInput(PlanningErrorIds.InvalidAccountId,
                        $"-Pack lists accounts in one statement; the piped object grants organization {organization}, which is no account to list. Grant it without -Pack.", errorTarget));
                    _incompleteLists.Add((region, bus));
                    return;
                }
                QueueOrganization(organization, errorTarget ?? organization, bus, region, expectedArn);
                return;
            }

            foreach (var raw in accounts)
            {
                var target = errorTarget ?? raw;
                if (!AccountIds.TryNormalize(raw, out var account, out var problem))
                {
                    WriteError(InvalidInput(PlanningErrorIds.InvalidAccountId, problem!, target));
                    _incompleteLists.Add((region, bus));
                    continue;
                }
                if (account == AccountIds.Everyone)
                {
                    if (Exclusive.IsPresent || Pack.IsPresent)
                    {
                        WriteError(InvalidInput(PlanningErrorIds.InvalidAccountId, Exclusive.IsPresent
                            ? "-Exclusive makes a bus allow exactly a list of accounts; '*' (every account) cannot be part of such a list."
                            : "-Pack lists accounts in one statement; '*' (every account) is not an account to list.", target));
                        _incompleteLists.Add((region, bus));
                        continue;
                    }
                    WriteWarning($"Granting every AWS account ('*') the right to put events on event bus '{bus}'{InRegion(region)}. Rules on this bus that do not match on 'account' will see events from anyone.");
                }
                _pending.Add(new PendingGrant(GrantRequest.ForAccount(account, Action, StatementId), target, bus, region, expectedArn));
            }
        }

        /// <summary>A refused record leaves the -Exclusive list of its bus incomplete; of every bus, when its bus cannot be told.</summary>
        private void MarkListIncomplete(PipedObject? piped)
        {
            var location = BusResolver.Resolve(piped, GivenOnCommandLine(nameof(EventBusName)) ? EventBusName : null,
                GivenOnCommandLine(nameof(Region)) ? Region : null, objectDecides: false, "granted", out _);
            if (location == null) _unresolvedRecord = true;
            else _incompleteLists.Add((location.Region, location.Bus));
        }

        private static string InRegion(string? region) => region == null ? "" : " in " + region;

        protected override void EndProcessing()
        {
            var buses = _pending.GroupBy(p => (p.Region, p.Bus)).Select(g => new BusGrants(g.Key.Region, g.Key.Bus, g.ToList())).ToList();
            RunOnBuses(buses, "Granting on event buses", StartRead, PlanBus, b => $"event bus '{b.Bus}'");
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

        /// <summary>On the pipeline thread: connects (which may stop the command) and starts reading the bus.</summary>
        private Task<EventBus?> StartRead(BusGrants bus, BusReport report)
        {
            bus.Session = Session(Connect(bus.Region), bus.Bus, report);
            return bus.Session.ReadForChangeAsync("grant", bus.Grants.Select(g => g.Target).ToList());
        }

        /// <summary>
        /// On the pipeline thread, with the bus as read: plans the grants and asks for each write (and for -Exclusive's
        /// revokes); returns the approved work, which runs off this thread, or null when there is nothing to do.
        /// </summary>
        private Func<Task>? PlanBus(BusGrants bus, EventBus? current, BusReport report)
        {
            var session = bus.Session!;
            if (current == null || current.Arn == null) return null;
            var grants = bus.Grants.Where(g => session.IsSameBus(current, g.ExpectedArn, g.Target)).ToList();
            if (grants.Count == 0) return null;
            if (Pack.IsPresent) return PlanPack(session, bus.Region, current, grants);

            // One statement id for two different grants: which one would the bus get? Neither is written.
            if (StatementId != null && grants.Select(g => g.Request).Distinct().Count() > 1)
            {
                foreach (var grant in grants)
                    report.Error(InvalidInput(ErrorIds.StatementIdWithManyAccounts,
                        $"-StatementId '{StatementId}' names one statement, but {grants.Count} accounts were given for event bus '{bus.Bus}'. Nothing was granted; " +
                        "leave out -StatementId to give each account its own statement.", grant.Target));
                return null;
            }

            var plan = GrantPlanner.Plan(current, current.Arn, grants.Select(g => g.Request).ToList(), Force.IsPresent);
            var approved = plan.Decisions.Select((d, i) => d.Writes && Approve(grants[i], d, session.Region)).ToList();
            var revokesApproved = true;
            var exclusive = Exclusive.IsPresent ? PlanExclusive(session, bus.Region, current, grants, out revokesApproved) : null;
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
            var exclusive = Exclusive.IsPresent;
            if (exclusive && (_unresolvedRecord || _incompleteLists.Contains((region, bus))))
            {
                // The list is not the one meant: pack what was asked for, revoke nobody.
                session.Report.Error(ExclusiveListIncomplete(bus, session.Region));
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
                if (!ShouldProcess($"event bus '{bus}' in {session.Region}", $"Grant, packed: {what}, written as the whole policy")) return null;
                if (plan.Dropped.Count > 0 && !ConfirmHighImpact(Force.IsPresent,
                        $"{plan.Dropped.Count} account(s) not in the list will lose access to event bus '{bus}' in {session.Region}: {string.Join(", ", plan.Dropped)}. Continue?",
                        "Revoke the accounts not in the list", $"Revoking the {plan.Dropped.Count} account(s) not in the -Exclusive list from event bus '{bus}'", bus))
                    return null;
            }
            return new PackWork(session, current, accounts, exclusive, plan, what).RunAsync;
        }

        private static ErrorRecord ExclusiveListIncomplete(string bus, string region)
            => new ErrorRecord(new InvalidOperationException(
                    $"Part of the -Exclusive list for event bus '{bus}' in {region} was refused (see the errors above), so the list is not the one meant " +
                    "and no other account was revoked. Correct the list and run the command again."),
                ErrorIds.ExclusiveListIncomplete, ErrorCategory.InvalidData, bus);

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
        /// -Exclusive, asked here from the policy as read: every single-account Allow (no condition) whose account is not
        /// in the list, and every such account in a plain shared statement, is confirmed (ShouldProcess each, then High
        /// impact for all); <see cref="ExclusiveRevocation"/> revokes them after the grants. Organization grants, grants
        /// to everyone, Denies and statements with conditions stay. Nothing is revoked when part of the list was refused.
        /// </summary>
        /// <param name="approvedAll">False when any revoke was declined, could not be asked, or -WhatIf: then nothing of the list is written.</param>
        private ExclusiveRevocation? PlanExclusive(BusSession session, string? region, EventBus current, List<PendingGrant> grants, out bool approvedAll)
        {
            var bus = session.Bus;
            approvedAll = true;
            if (_unresolvedRecord || _incompleteLists.Contains((region, bus)))
            {
                session.Report.Error(ExclusiveListIncomplete(bus, session.Region));
                return null;
            }
            var wanted = grants.Where(g => g.Request.OrganizationId == null).Select(g => g.Request.Principal).ToList();
            var others = ExclusiveList.OthersToRevoke(current, wanted);
            var sharedOthers = ExclusiveList.OthersInSharedGrants(current, wanted);
            var asked = others.Select(p => p.AccountId).Where(a => a != null).Select(a => a!).Concat(sharedOthers).ToList();
            if (asked.Count == 0)
                session.Report.Verbose($"Event bus '{bus}' in {session.Region} allows no account outside the list: nothing to revoke.");

            var approved = others.Where(p => ShouldProcess(
                $"statement '{p.StatementId}' ({PermissionText.Describe(p)}) on event bus '{bus}' in {session.Region}",
                "Revoke: the account is not in the -Exclusive list")).ToList();
            var approvedShared = sharedOthers.Where(a => ShouldProcess(
                $"account {a} in a statement shared with other accounts on event bus '{bus}' in {session.Region}",
                "Revoke out of that statement: the account is not in the -Exclusive list")).ToList();
            var accounts = approved.Select(p => p.AccountId).Concat(approvedShared).ToList();
            approvedAll = approved.Count == others.Count && approvedShared.Count == sharedOthers.Count;
            if (!approvedAll) return null;
            if (accounts.Count > 0 && !ConfirmHighImpact(Force.IsPresent,
                    $"{accounts.Count} account grant(s) not in the list will be revoked from event bus '{bus}' in {session.Region}: " +
                    $"{string.Join(", ", accounts)}. Continue?",
                    "Revoke the accounts not in the list",
                    $"Revoking the {accounts.Count} account grant(s) not in the -Exclusive list from event bus '{bus}'", bus))
            {
                approvedAll = false;
                return null;
            }
            return new ExclusiveRevocation(wanted, approved, approvedShared, asked);
        }

        /// <summary>
        /// The whole-document form: checked before anything is sent, High impact because every statement now
        /// on the bus that the new document lacks is gone afterwards; the result is read back and emitted. A bus
        /// whose policy cannot be read is replaced only with -Force, since nobody can see what would be lost.
        /// </summary>
        private void ReplacePolicy(string? region, string bus, string? expectedArn)
        {
            var problem = PolicyDocuments.Check(Policy, PolicyQuota.DefaultCharacters, out var errorId);
            if (problem != null)
            {
                WriteError(InvalidInput(errorId ?? PlanningErrorIds.InvalidPolicyJson, problem, Policy));
                return;
            }
            // -AccountId * warns; a document that does the same (or more) must not be quieter.
            foreach (var risk in PolicyDocuments.Risks(Policy)) WriteWarning(risk);

            RunOnBuses(new[] { new BusGrants(region, bus, new List<PendingGrant>()) }, "Replacing the event bus policy",
                (target, report) =>
                {
                    target.Session = Session(Connect(target.Region), target.Bus, report);
                    return target.Session.ReadAsync("replace the policy", new object?[] { Policy });
                },
                (target, current, report) => current != null && target.Session!.IsSameBus(current, expectedArn, bus) ? PlanReplacement(target.Session!, current) : null,
                target => $"event bus '{target.Bus}'");
        }

        /// <summary>-Policy, on the pipeline thread: says what the document drops, asks (High impact), and returns the write.</summary>
        private Func<Task>? PlanReplacement(BusSession session, EventBus? current)
        {
            if (current == null) return null;
            var bus = session.Bus;
            var policy = Policy!;
            if (current.PolicyParseError != null && !Force.IsPresent)
            {
                session.Report.Error(CommandErrors.UnreadablePolicy(current, session.Region, "replace the policy", policy));
                return null;
            }

            var lost = PolicyReplacement.Describe(current, policy, bus, session.Region);
            var target = $"the whole policy of event bus '{bus}' in {session.Region}";
            if (!ShouldProcess(target, $"Replace with the given policy document; {lost}")) return null;
            if (!ConfirmHighImpact(Force.IsPresent,
                    $"The policy of event bus '{bus}' in {session.Region} will be replaced; {lost}. Continue?",
                    "Replace the event bus policy", $"Replacing the whole policy of event bus '{bus}'", policy))
                return null;

            return async () =>
            {
                if (!await session.PutPolicyAsync(policy, "replace the policy", policy).ConfigureAwait(false)) return;
                session.Report.Verbose($"Replaced the policy of event bus '{bus}' ({lost}).");
                var readBack = await session.ReadAsync("read back the policy", new object?[] { policy }).ConfigureAwait(false);
                if (readBack == null) return;
                // The first object carries the take-back of the whole replacement: once it is written, the replacement was reported.
                var takeBack = TakeBacks.OfReplacedPolicy(session, current.Policy, policy);
                foreach (var permission in readBack.Permissions)
                {
                    permission.Status = PermissionStatus.Granted;
                    session.Report.Change(permission, takeBack);
                    takeBack = null;
                }
            };
        }

        /// <summary>The grants asked for on one bus (none for -Policy), in input order, and the session that works on it.</summary>
        private sealed class BusGrants
        {
            public BusGrants(string? region, string bus, List<PendingGrant> grants)
            {
                Region = region;
                Bus = bus;
                Grants = grants;
            }

            public string? Region { get; }
            public string Bus { get; }
            public List<PendingGrant> Grants { get; }
            public BusSession? Session { get; set; }
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
