using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using EventBusPermissions.Aws;
using EventBusPermissions.Planning;
using EventBusPermissions.Validation;

namespace EventBusPermissions.Commands
{
    /// <summary>
    /// Takes away the right to put events on an event bus (RemovePermission): by statement id, by account,
    /// from permission objects (Get-CWEventBus into Revoke), or every Allow at once. A revoke never widens access:
    /// Deny statements are kept unless named by statement id with -Force.
    /// </summary>
    [Cmdlet(VerbsSecurity.Revoke, "CWEventBusPermission", DefaultParameterSetName = StatementIdSet,
        SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(EventBusPermission))]
    public sealed class RevokeCWEventBusPermissionCommand : PolicyChangingCmdlet
    {
        private const string StatementIdSet = "StatementId";
        private const string AccountSet = "Account";
        private const string InputObjectSet = "InputObject";
        private const string AllSet = "All";

        // Each bus's policy is read once per pipeline, and kept up to date with what this command removed.
        private readonly Dictionary<(string Region, string Bus), EventBus> _buses = new Dictionary<(string, string), EventBus>();

        [Parameter(ParameterSetName = StatementIdSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(Completion.StatementIdCompleter))]
        public string[] StatementId { get; set; } = Array.Empty<string>();

        [Parameter(ParameterSetName = AccountSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Account", "Id")]
        [AllowEmptyString]
        public string[] AccountId { get; set; } = Array.Empty<string>();

        [Parameter(ParameterSetName = InputObjectSet, Mandatory = true, ValueFromPipeline = true)]
        public EventBusPermission? InputObject { get; set; }

        [Parameter(ParameterSetName = AllSet, Mandatory = true)]
        public SwitchParameter All { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(Completion.EventBusNameCompleter))]
        public string EventBusName { get; set; } = EventBusNames.Default;

        /// <summary>Revoke every Allow without asking; with -StatementId, also remove a Deny statement named by its id.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        // What a piped object says beyond the values bound from it, so that it is acted on where it came from and
        // as what it was. Typed and by property name on purpose: a catch-all PSObject parameter bound by value would
        // keep the default StatementId set alive for every object, and a CSV row with AccountId would be read as a
        // statement id. Hidden: users never type these.

        /// <summary>A bus piped in (Get-CWEventBus into Revoke): its name, region and ARN say where.</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public EventBus? PipedEventBus { get; set; }

        /// <summary>The bus ARN a piped permission was read from, also from a copy that went through Export-Clixml.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
        public string? EventBusArn { get; set; }

        /// <summary>The statement a piped permission was, to compare with what holds its id now.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
        public string? StatementJson { get; set; }

        protected override void ProcessRecord()
        {
            if (!ResolveTarget(out var bus, out var region, out var expectedArn, out var target)) return;
            if (!CheckRegionAndBus(region, bus, target)) return;

            switch (ParameterSetName)
            {
                case AllSet:
                    RevokeAll(region, bus, expectedArn, target);
                    return;
                case AccountSet:
                    var accounts = new List<string>();
                    foreach (var raw in AccountId)
                    {
                        if (AccountIds.TryNormalize(raw, out var account, out var problem)) accounts.Add(account);
                        else WriteError(InvalidInput(PlanningErrorIds.InvalidAccountId, problem!, raw));
                    }
                    if (accounts.Count > 0) RevokeAccounts(region, bus, expectedArn, target, accounts);
                    return;
                default:
                    RevokeByStatementId(region, bus, expectedArn, target);
                    return;
            }
        }

        /// <summary>
        /// Where this record acts: the bus and region it names, and the bus ARN a piped object was read from (so that
        /// it is acted on in that account or not at all). False, with an error, when the input is ambiguous.
        /// </summary>
        private bool ResolveTarget(out string bus, out string? region, out string? expectedArn, out object? target)
        {
            bus = EventBusName;
            region = Region;
            target = (object?)InputObject ?? PipedEventBus;
            expectedArn = ParameterSetName == InputObjectSet ? InputObject?.EventBusArn : PipedEventBus?.Arn ?? EventBusArn;

            if (PipedEventBus != null && ParameterSetName != AllSet && !GivenOnCommandLine(nameof(StatementId)) && !GivenOnCommandLine(nameof(AccountId)))
            {
                WriteError(InvalidInput(ErrorIds.RevokeTargetRequired,
                    $"The piped event bus '{PipedEventBus.Name}' says where to revoke, not what: give -All, -StatementId or -AccountId. Nothing was revoked.", target));
                return false;
            }

            if (global::EventBusPermissions.EventBusArn.TryParse(expectedArn, out _, out var objectRegion, out _, out var objectBus))
            {
                // A piped statement is removed where it was read: a command line that names another place is refused.
                if (!MatchesCommandLine(nameof(EventBusName), EventBusName, objectBus, "event bus", target)) return false;
                if (!MatchesCommandLine(nameof(Region), Region, objectRegion, "region", target)) return false;
                bus = objectBus;
                region = objectRegion;
            }
            else if (ParameterSetName == InputObjectSet && InputObject != null)
            {
                bus = InputObject.EventBusName;
                region = InputObject.Region ?? Region;
            }
            return true;
        }

        private bool MatchesCommandLine(string parameter, string? given, string fromObject, string what, object? target)
        {
            if (!GivenOnCommandLine(parameter) || string.Equals(given, fromObject, StringComparison.Ordinal)) return true;
            WriteError(InvalidInput(ErrorIds.EventBusMismatch,
                $"The piped object was read from {what} '{fromObject}', but -{parameter} names '{given}'. A revoke acts where the object came from; " +
                $"leave out -{parameter}. Nothing was revoked.", target));
            return false;
        }

        private void RevokeByStatementId(string? region, string bus, string? expectedArn, object? target)
        {
            // A piped permission is removed as the statement it was, never as whatever holds its id now; and a Deny
            // piped in is never removed (a list of permissions filtered on AccountId holds Denies too).
            var statementAsRead = ParameterSetName == InputObjectSet ? InputObject?.StatementJson : StatementJson;
            var fromObject = ParameterSetName == InputObjectSet || (PipedEventBus == null && (StatementJson != null || EventBusArn != null));
            var ids = new List<string>();
            var given = ParameterSetName == InputObjectSet ? new[] { InputObject?.StatementId ?? "" } : StatementId;
            foreach (var id in given)
            {
                var problem = StatementIds.Check(id);
                if (problem == null) ids.Add(id);
                else WriteError(InvalidInput(PlanningErrorIds.InvalidStatementId, problem, target ?? id));
            }
            if (ids.Count == 0) return;
            Revoke(region, bus, expectedArn, statementAsRead, fromObject, target, current => RevokePlanner.ByStatementIds(current, ids, removeDeny: Force.IsPresent && !fromObject));
        }

        private void Revoke(string? region, string bus, string? expectedArn, string? statementAsRead, bool fromObject, object? inputTarget,
            Func<EventBus, IReadOnlyList<RevokeDecision>> plan)
        {
            var api = Connect(region);
            var current = Read(api, bus, inputTarget ?? bus);
            if (current == null || !IsSameBus(current, expectedArn, inputTarget)) return;

            foreach (var decision in plan(current))
            {
                var errorTarget = inputTarget ?? decision.Target;
                if (decision.Kind != RevokeDecisionKind.Remove || decision.Permission == null)
                {
                    var category = decision.Kind == RevokeDecisionKind.NotAnAllow ? ErrorCategory.InvalidOperation : ErrorCategory.ObjectNotFound;
                    WriteError(new ErrorRecord(new InvalidOperationException(decision.Message), decision.ErrorId, category, errorTarget));
                    continue;
                }
                var permission = decision.Permission;
                // A piped permission of a shared statement stands for one principal: only that account comes out of
                // the statement (RemovePermission by its Sid would take away every principal of it).
                if (fromObject && (InputObject?.IsShared == true || permission.IsShared))
                {
                    var account = InputObject?.AccountId;
                    if (account == null)
                    {
                        WriteError(new ErrorRecord(new InvalidOperationException(
                            $"The piped permission{Of(InputObject)} is one of the {permission.PrincipalCount} principals of the shared statement '{permission.StatementId}' " +
                            $"on event bus '{bus}' in {api.Region}, and not a whole account that could be taken out of it alone. Nothing was revoked. " +
                            $"To remove the whole statement, name it: -StatementId {permission.StatementId}; to change whom it names, edit the policy (Grant-CWEventBusPermission -Policy)."),
                            ErrorIds.SharedStatement, ErrorCategory.InvalidOperation, errorTarget));
                        continue;
                    }
                    // This command may have taken other accounts out of the statement already: what must still hold is
                    // that the statement allows this account, as it did when read.
                    var holders = current.Permissions.Where(p => p.StatementId == permission.StatementId).ToList();
                    if (!holders.Any(p => p.AccountId == account && RevokePlanner.IsAllow(p)))
                    {
                        WriteError(new ErrorRecord(new InvalidOperationException(
                            $"The statement '{permission.StatementId}' on event bus '{bus}' in {api.Region} no longer allows account {account} as it did when read. Nothing was revoked."),
                            ErrorIds.StatementChanged, ErrorCategory.InvalidOperation, errorTarget));
                        continue;
                    }
                    if (holders.Count == 1)
                        RemoveOne(api, bus, permission, errorTarget); // the account is all that is left of it
                    else
                        RevokeFromShared(api, bus, new[] { account }, errorTarget, permission.StatementId);
                    current = Read(api, bus, inputTarget ?? bus) ?? current;
                    continue;
                }
                if (statementAsRead != null && !string.Equals(permission.StatementJson, statementAsRead, StringComparison.Ordinal))
                {
                    WriteError(new ErrorRecord(new InvalidOperationException(
                        $"The statement '{permission.StatementId}' on event bus '{bus}' in {api.Region} has changed since it was read: it was {statementAsRead}, " +
                        $"it is now {permission.StatementJson}. Nothing was revoked; read the bus again and decide on what is there now."),
                        ErrorIds.StatementChanged, ErrorCategory.InvalidOperation, errorTarget));
                    continue;
                }
                RemoveOne(api, bus, permission, errorTarget);
            }
        }

        /// <summary>
        /// By account: each statement that names the account alone goes with RemovePermission; each Allow that names it
        /// among other principals is rewritten without it (one whole-policy write, read right before, read back).
        /// </summary>
        private void RevokeAccounts(string? region, string bus, string? expectedArn, object? inputTarget, IReadOnlyList<string> accounts)
        {
            var api = Connect(region);
            var current = Read(api, bus, inputTarget ?? bus);
            if (current == null || !IsSameBus(current, expectedArn, inputTarget)) return;
            var shared = AccountRemoval.SharedEdits(current.Policy, accounts);

            foreach (var decision in RevokePlanner.ByAccounts(current, accounts))
            {
                // An account found only among the principals of shared statements is revoked there, below.
                if (decision.Kind == RevokeDecisionKind.NotFound && shared.Any(e => e.Accounts.Contains(decision.Target))) continue;
                var errorTarget = inputTarget ?? decision.Target;
                if (decision.Kind != RevokeDecisionKind.Remove || decision.Permission == null)
                {
                    var category = decision.Kind == RevokeDecisionKind.NotAnAllow ? ErrorCategory.InvalidOperation : ErrorCategory.ObjectNotFound;
                    WriteError(new ErrorRecord(new InvalidOperationException(decision.Message), decision.ErrorId, category, errorTarget));
                    continue;
                }
                RemoveOne(api, bus, decision.Permission, errorTarget);
            }
            if (shared.Count > 0) RevokeFromShared(api, bus, accounts, inputTarget ?? bus);
        }

        /// <param name="onlyStatementId">Take the accounts out of this statement only (a piped permission's own); all when null.</param>
        private void RevokeFromShared(IEventBridgeApi api, string bus, IReadOnlyList<string> accounts, object? target, string? onlyStatementId = null)
        {
            // Read right before the write: the removals above changed the policy.
            _buses.Remove((api.Region, bus));
            var fresh = Read(api, bus, target);
            if (fresh == null) return;
            var edits = AccountRemoval.SharedEdits(fresh.Policy, accounts).Where(e => onlyStatementId == null || e.StatementId == onlyStatementId).ToList();
            var approved = new HashSet<string>(StringComparer.Ordinal);
            foreach (var edit in edits)
            {
                var name = edit.StatementId ?? edit.Before;
                var action = edit.After == null
                    ? $"Revoke account(s) {string.Join(", ", edit.Accounts)}: no other principal is left in it, so the statement goes"
                    : $"Revoke account(s) {string.Join(", ", edit.Accounts)} out of it; it keeps its other principals, action and condition: {edit.After}";
                if (ShouldProcess($"statement '{name}' on event bus '{bus}' in {api.Region}", action)) approved.Add(name);
            }
            if (approved.Count == 0) return;

            var latest = WriteWholePolicy(api, bus, fresh,
                read => AccountRemoval.Change(read, accounts, e => approved.Contains(e.StatementId ?? e.Before)), "revoke out of shared statements", target);
            if (latest == null) return;
            _buses[(api.Region, bus)] = latest;
            foreach (var edit in edits.Where(e => approved.Contains(e.StatementId ?? e.Before)))
            {
                foreach (var account in edit.Accounts)
                {
                    var revoked = PermissionObjects.FromStatementJson(edit.Before, bus, api.Region, fresh.Arn, PermissionStatus.Revoked, account);
                    WriteVerbose($"Revoked account {account} out of statement '{edit.StatementId}' on event bus '{bus}' in {api.Region}.");
                    WriteObject(revoked);
                }
            }
        }

        private static string Of(EventBusPermission? piped)
            => piped?.Principal == null ? string.Empty : $" ({piped.Principal})";

        private void RemoveOne(IEventBridgeApi api, string bus, EventBusPermission permission, object? errorTarget)
        {
            var target = $"statement '{permission.StatementId}' ({PermissionText.Describe(permission)}) on event bus '{bus}' in {api.Region}";
            var isAllow = RevokePlanner.IsAllow(permission);
            if (!ShouldProcess(target, isAllow ? "Revoke" : "Remove a statement that is not an Allow; what it denies is allowed again")) return;
            if (!isAllow)
                WriteWarning($"Removing {target}: what it denied is allowed again.");
            if (RevokeStatement(api, bus, permission, errorTarget)) Forget(api.Region, bus, permission.StatementId);
        }

        /// <summary>
        /// Every Allow statement, removed one by one by its id: never RemoveAllPermissions, which would also take the
        /// Deny statements (and any written meanwhile) and so widen access. Denies stay, and the user is told.
        /// </summary>
        private void RevokeAll(string? region, string bus, string? expectedArn, object? inputTarget)
        {
            var api = Connect(region);
            var current = Read(api, bus, inputTarget ?? bus);
            if (current == null || !IsSameBus(current, expectedArn, inputTarget ?? bus)) return;

            // Statements, not permissions: a shared statement (one permission per principal) is one RemovePermission.
            var allows = PermissionStatements.Distinct(current.Permissions.Where(RevokePlanner.IsAllow));
            var kept = PermissionStatements.Distinct(current.Permissions.Where(p => !RevokePlanner.IsAllow(p)));
            if (kept.Count > 0)
            {
                WriteWarning($"-All keeps the {kept.Count} statement(s) of event bus '{bus}' in {api.Region} that are not an Allow " +
                    $"({string.Join(", ", kept.Select(p => p.StatementId ?? p.StatementJson))}): removing a Deny would allow again what it denies. " +
                    "Remove one with -StatementId and -Force if that is meant.");
            }
            if (allows.Count == 0)
            {
                WriteVerbose($"Event bus '{bus}' in {api.Region} has no Allow statement: nothing to revoke.");
                return;
            }

            var target = $"every Allow statement ({allows.Count}: {string.Join(", ", allows.Select(p => p.StatementId ?? "(no Sid)"))}) on event bus '{bus}' in {api.Region}";
            if (!ShouldProcess(target, "Revoke all")) return;
            if (!ConfirmHighImpact(Force.IsPresent,
                    $"All {allows.Count} Allow statement(s) of event bus '{bus}' in {api.Region} will be removed. Continue?", "Revoke all permissions",
                    $"Revoking every permission on event bus '{bus}'", bus))
                return;

            foreach (var permission in allows)
            {
                if (RevokeStatement(api, bus, permission, bus)) Forget(api.Region, bus, permission.StatementId);
            }
        }

        private EventBus? Read(IEventBridgeApi api, string bus, object? target)
        {
            if (_buses.TryGetValue((api.Region, bus), out var cached)) return cached;
            var read = ReadForChange(api, bus, "revoke", new[] { target });
            if (read != null) _buses[(api.Region, bus)] = read;
            return read;
        }

        /// <summary>Keeps the cached policy true to what this command removed, so a second revoke of it says not found.</summary>
        private void Forget(string region, string bus, string? statementId)
        {
            if (statementId == null || !_buses.TryGetValue((region, bus), out var current) || current.Policy == null) return;
            _buses[(region, bus)] = EventBus.Create(current.Name, current.Arn, current.Description, current.KmsKeyIdentifier,
                current.DeadLetterArn, current.CreationTime, current.LastModifiedTime,
                PolicyDocumentBuilder.WithoutStatementId(current.Policy, statementId));
        }
    }
}
