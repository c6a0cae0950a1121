using System;
using System.Collections.Generic;
using System.Linq;
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
    public sealed class GrantCWEventBusPermissionCommand : PolicyChangingCmdlet, IApprovals
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
            var optionsRefusal = GrantOptions.Check(Action, StatementId, Pack.IsPresent, out var optionTarget);
            if (optionsRefusal != null)
            {
                WriteError(InvalidInput(optionsRefusal.ErrorId, optionsRefusal.Message, optionTarget));
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

        /// <summary>
        /// Each bus is read once (connecting here, on the pipeline thread, may stop the command), then planned by
        /// <see cref="GrantPlanning"/>, which asks through this cmdlet (<see cref="IApprovals"/>).
        /// </summary>
        protected override void EndProcessing()
        {
            var planning = new GrantPlanning(this, Pack.IsPresent, Exclusive.IsPresent, StatementId,
                (region, bus) => _unresolvedRecord || _incompleteLists.Contains((region, bus)));
            RunOnBuses(PendingGrant.ByBus(_pending), "Granting on event buses", (b, report) => b.StartRead(Session(Connect(b.Region), b.Bus, report)),
                planning.PlanBus, b => $"event bus '{b.Bus}'");
            base.EndProcessing();
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
        /// The whole-document form: checked before anything is sent, then worked on at once by
        /// <see cref="PolicyReplacementWork"/> (High impact; read back and emitted).
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

            RunOnBuses(new[] { new PolicyReplacementWork(this, region, bus, expectedArn, Policy!) }, "Replacing the event bus policy",
                (target, report) => target.StartRead(Session(Connect(target.Region), target.Bus, report)),
                (target, current, report) => target.Plan(current),
                target => $"event bus '{target.Bus}'");
        }

        // The engine's planning asks through IApprovals; the questions stay this cmdlet's own, on the pipeline thread.
        bool IApprovals.ShouldProcess(string target, string action) => ShouldProcess(target, action);

        bool IApprovals.ConfirmHighImpact(string query, string caption, string what, object? target)
            => ConfirmHighImpact(Force.IsPresent, query, caption, what, target);

        bool IApprovals.Force => Force.IsPresent;
    }
}
