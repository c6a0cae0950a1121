using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using EventBusPermissions.Engine;
using EventBusPermissions.Input;
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

        // What each record asked for, planned once the pipeline is complete: each bus is read once, planned record by
        // record against the policy as this command's earlier removals leave it, and worked on with the other buses.
        private readonly List<PendingRevoke> _pending = new List<PendingRevoke>();

        [Parameter(ParameterSetName = StatementIdSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(Completion.StatementIdCompleter))]
        [IdText]
        public string[] StatementId { get; set; } = Array.Empty<string>();

        [Parameter(ParameterSetName = AccountSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Account", "Id")]
        [AllowEmptyString]
        // Strings: a parameter of type object would bind a permission object's AccountId by name and take it away from
        // -InputObject. An object PowerShell binds to -StatementId instead (a number as AccountId, a row with a bus) is
        // read whole (IdTextAttribute).
        public string[] AccountId { get; set; } = Array.Empty<string>();

        [Parameter(ParameterSetName = InputObjectSet, Mandatory = true, ValueFromPipeline = true)]
        public EventBusPermission? InputObject { get; set; }

        [Parameter(ParameterSetName = AllSet, Mandatory = true)]
        public SwitchParameter All { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(Completion.EventBusNameCompleter))]
        [OneValue]
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

        /// <summary>The Arn of another tool's bus object (AWS Tools' DescribeEventBusResponse), as given, for the resolver to read.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
        [Alias("Arn")]
        public object? PipedArn { get; set; }

        /// <summary>The Name of such an object: the bus's name when its Arn is an event bus ARN, ignored otherwise (an account's name).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
        [Alias("Name")]
        public object? PipedName { get; set; }

        protected override void ProcessRecord()
        {
            // An object PowerShell could only bind as the text of a statement id is read whole instead (see IdTextAttribute).
            var wholeObject = ParameterSetName == StatementIdSet && StatementId?.Length == 1 ? IdTextAttribute.Take(StatementId[0]) : null;
            if (!ResolveTarget(wholeObject, out var bus, out var region, out var expectedArn, out var target)) return;
            if (!CheckRegionAndBus(region, bus, target)) return;

            var mode = ParameterSetName;
            object? accountsGiven = AccountId;
            var statementIds = StatementId ?? Array.Empty<string>();
            if (wholeObject != null && !ReadWhatToRevoke(PipedObject.From(wholeObject)!, ref mode, ref accountsGiven, ref statementIds)) return;

            switch (mode)
            {
                case AllSet:
                    _pending.Add(new PendingRevoke(region, bus, target, b => RevokeAll(b, expectedArn, target)));
                    return;
                case AccountSet:
                    var accounts = new List<string>();
                    var listed = PipedValue.Of(accountsGiven);
                    var givenIds = listed.Kind == PipedValueKind.List ? ((System.Collections.IEnumerable)listed.Raw!).Cast<object?>() : new[] { accountsGiven };
                    foreach (var given in givenIds)
                    {
                        var value = PipedValue.Of(given);
                        var raw = value.Kind == PipedValueKind.Text || value.Kind == PipedValueKind.Number ? value.Text : value.Kind == PipedValueKind.Empty ? "" : null;
                        if (raw == null && value.IsPresent)
                            WriteError(InvalidInput(PlanningErrorIds.InvalidAccountId, $"The account id is {value.Describe()}, not an account id: an account id is 12 digits.", target ?? given));
                        else if (AccountIds.TryNormalize(raw, out var account, out var problem)) accounts.Add(account);
                        else WriteError(InvalidInput(PlanningErrorIds.InvalidAccountId, problem!, wholeObject ?? given));
                    }
                    if (accounts.Count > 0) _pending.Add(new PendingRevoke(region, bus, target, b => RevokeAccounts(b, expectedArn, target, accounts)));
                    return;
                default:
                    QueueByStatementId(region, bus, expectedArn, target, statementIds);
                    return;
            }
        }

        /// <summary>
        /// What a piped object that PowerShell bound as a whole asks to revoke: its accounts (AccountId, Account or Id; a
        /// number is an account id), else its statement ids; an error naming its properties when it says neither.
        /// </summary>
        private bool ReadWhatToRevoke(PipedObject piped, ref string mode, ref object? accounts, ref string[] statementIds)
        {
            foreach (var property in new[] { "AccountId", "Account", "Id" })
            {
                var value = piped.Get(property);
                if (!value.IsPresent) continue;
                mode = AccountSet;
                accounts = value.Raw;
                return true;
            }
            var ids = piped.Get("StatementId");
            if (ids.Kind == PipedValueKind.Text || ids.Kind == PipedValueKind.Number)
            {
                statementIds = new[] { ids.Text! };
                return true;
            }
            WriteError(InvalidInput(ErrorIds.InputWithoutAccountId,
                $"{char.ToUpperInvariant(piped.Describe()[0])}{piped.Describe().Substring(1)} says no account or statement to revoke: it has no property AccountId, " +
                "Account, Id or StatementId (one text or number). Nothing was revoked for it; name the CSV column AccountId or StatementId, or give -AccountId.",
                piped.BaseObject));
            return false;
        }

        protected override void EndProcessing()
        {
            var buses = _pending.GroupBy(p => (p.Region, p.Bus)).Select(g => new BusRevokes(g.Key.Region, g.Key.Bus, g.ToList())).ToList();
            RunOnBuses(buses, "Revoking on event buses", StartRead, PlanBus, b => $"event bus '{b.Bus}'");
            base.EndProcessing();
        }

        /// <summary>On the pipeline thread: connects (which may stop the command) and starts reading the bus, once for all its records.</summary>
        private Task<EventBus?> StartRead(BusRevokes bus, BusReport report)
        {
            bus.Session = Session(Connect(bus.Region), bus.Bus, report);
            return bus.Session.ReadForChangeAsync("revoke", bus.Requests.Select(r => r.Target ?? bus.Bus).ToList());
        }

        /// <summary>
        /// On the pipeline thread: plans each record against the bus as read (and as the removals planned before it
        /// leave it), asking for each removal; returns the approved steps, which run off this thread, in record order.
        /// </summary>
        private Func<Task>? PlanBus(BusRevokes bus, EventBus? current, BusReport report)
        {
            if (current == null) return null;
            bus.Current = current;
            foreach (var request in bus.Requests) request.Plan(bus);
            if (bus.Steps.Count == 0) return null;
            var steps = bus.Steps.ToList();
            return async () =>
            {
                foreach (var step in steps) await step().ConfigureAwait(false);
            };
        }

        /// <summary>
        /// Where this record acts, from <see cref="BusResolver"/>: the bus and region the command line or the piped object
        /// names, and the bus ARN a piped object was read from (so that it is acted on in that account or not at all).
        /// False, with an error, when the input is ambiguous.
        /// </summary>
        private bool ResolveTarget(object? wholeObject, out string bus, out string? region, out string? expectedArn, out object? target)
        {
            bus = EventBusName;
            region = Region;
            expectedArn = null;
            target = (object?)InputObject ?? PipedEventBus ?? wholeObject;

            if (PipedEventBus != null && ParameterSetName != AllSet && !GivenOnCommandLine(nameof(StatementId)) && !GivenOnCommandLine(nameof(AccountId)))
            {
                WriteError(InvalidInput(ErrorIds.RevokeTargetRequired,
                    $"The piped event bus '{PipedEventBus.Name}' says where to revoke, not what: give -All, -StatementId or -AccountId. Nothing was revoked.", target));
                return false;
            }

            var piped = PipedObject.From(wholeObject) ?? PipedObject.From(ParameterSetName == InputObjectSet ? InputObject : (object?)PipedEventBus)
                ?? PipedObject.From(FromPipeline());
            var location = BusResolver.Resolve(piped, GivenOnCommandLine(nameof(EventBusName)) ? EventBusName : null,
                GivenOnCommandLine(nameof(Region)) ? Region : null, objectDecides: true, "revoked", out var refusal);
            if (location == null)
            {
                WriteError(InvalidInput(refusal!.ErrorId, refusal.Message, target ?? piped?.BaseObject));
                return false;
            }
            bus = location.Bus;
            region = location.Region;
            expectedArn = location.ExpectedArn;
            return true;
        }

        /// <summary>
        /// What the binding took from the piped object's properties for this record (in these parameter sets the cmdlet
        /// never sees the object itself; see the hidden parameters above), as a table the resolver reads; null when
        /// nothing came from the pipeline but strings.
        /// </summary>
        private PSObject? FromPipeline()
        {
            var taken = new PSObject();
            void Take(string parameter, string property, object? value)
            {
                if (MyInvocation.BoundParameters.ContainsKey(parameter) && !GivenOnCommandLine(parameter)) taken.Properties.Add(new PSNoteProperty(property, value));
            }
            Take(nameof(EventBusName), "EventBusName", EventBusName);
            Take(nameof(Region), "Region", Region);
            Take(nameof(EventBusArn), "EventBusArn", EventBusArn);
            Take(nameof(PipedArn), "Arn", PipedArn);
            Take(nameof(PipedName), "Name", PipedName);
            return taken.Properties.Any() ? taken : null;
        }

        private void QueueByStatementId(string? region, string bus, string? expectedArn, object? target, string[] statementIds)
        {
            // A piped permission is removed as the statement it was, never as whatever holds its id now; and a Deny
            // piped in is never removed (a list of permissions filtered on AccountId holds Denies too).
            var statementAsRead = ParameterSetName == InputObjectSet ? InputObject?.StatementJson : StatementJson;
            var fromObject = ParameterSetName == InputObjectSet || (PipedEventBus == null && (StatementJson != null || EventBusArn != null));
            var piped = ParameterSetName == InputObjectSet ? InputObject : null;
            var removeDeny = Force.IsPresent && !fromObject;
            // Any Sid the bus holds may be named, also one RemovePermission's rule forbids ('my.sid'); whether the bus
            // holds it is known once it is read, where the planner refuses an id that it does not hold and that breaks the
            // rule (InvalidStatementId). A piped permission without a Sid (null) is found by its statement as read.
            var ids = ParameterSetName == InputObjectSet
                ? new[] { InputObject?.StatementId }
                : statementIds.Select(id => (string?)(id ?? string.Empty)).ToArray();
            _pending.Add(new PendingRevoke(region, bus, target, b => Revoke(b, expectedArn, statementAsRead, fromObject, piped, target,
                current => RevokePlanner.ByStatementIds(current, ids, removeDeny, statementAsRead))));
        }

        private void Revoke(BusRevokes b, string? expectedArn, string? statementAsRead, bool fromObject, EventBusPermission? piped, object? inputTarget,
            Func<EventBus, IReadOnlyList<RevokeDecision>> plan)
        {
            var session = b.Session!;
            var bus = b.Bus;
            if (!SameBus(b, expectedArn, inputTarget)) return;

            foreach (var decision in plan(b.Current!))
            {
                var errorTarget = inputTarget ?? decision.Target;
                if (decision.Kind == RevokeDecisionKind.NotFound)
                {
                    // Already gone: what the revoke asks for holds. A status, not an error, so re-runs and runbooks go on.
                    var notGranted = piped != null ? PermissionObjects.NotGranted(piped) : PermissionObjects.NotGranted(b.Current!, decision.Target, null);
                    NotGranted(b, notGranted, decision.Message);
                    continue;
                }
                if (decision.Kind != RevokeDecisionKind.Remove || decision.Permission == null)
                {
                    var category = CommandErrors.Category(decision.Kind);
                    Later(b, r => r.Error(new ErrorRecord(new InvalidOperationException(decision.Message), decision.ErrorId, category, errorTarget)));
                    continue;
                }
                var permission = decision.Permission;
                // A piped permission of a shared statement stands for one principal: only that account comes out of
                // the statement (RemovePermission by its Sid would take away every principal of it).
                if (fromObject && (piped?.IsShared == true || permission.IsShared))
                {
                    var account = piped?.AccountId;
                    if (account == null)
                    {
                        Later(b, r => r.Error(new ErrorRecord(new InvalidOperationException(
                            $"The piped permission{Of(piped)} is one of the {permission.PrincipalCount} principals of the shared statement '{permission.StatementId}' " +
                            $"on event bus '{bus}' in {session.Region}, and not a whole account that could be taken out of it alone. Nothing was revoked. " +
                            $"To remove the whole statement, name it: -StatementId {permission.StatementId}; to change whom it names, edit the policy (Grant-CWEventBusPermission -Policy)."),
                            ErrorIds.SharedStatement, ErrorCategory.InvalidOperation, errorTarget)));
                        continue;
                    }
                    // This command may have taken other accounts out of the statement already: what must still hold is
                    // that the statement allows this account, as it did when read.
                    var holders = b.Current!.Permissions.Where(p => p.StatementId == permission.StatementId).ToList();
                    if (!holders.Any(p => p.AccountId == account))
                    {
                        NotGranted(b, PermissionObjects.NotGranted(piped!),
                            $"The statement '{permission.StatementId}' on event bus '{bus}' in {session.Region} no longer names account {account}.");
                        continue;
                    }
                    if (!holders.Any(p => p.AccountId == account && RevokePlanner.IsAllow(p)))
                    {
                        Later(b, r => r.Error(new ErrorRecord(new InvalidOperationException(
                            $"The statement '{permission.StatementId}' on event bus '{bus}' in {session.Region} no longer allows account {account} as it did when read. Nothing was revoked."),
                            ErrorIds.StatementChanged, ErrorCategory.InvalidOperation, errorTarget)));
                        continue;
                    }
                    if (holders.Count == 1)
                        RemoveOne(b, permission, errorTarget); // the account is all that is left of it
                    else
                        RevokeFromShared(b, new[] { account }, errorTarget, permission.StatementId);
                    continue;
                }
                if (statementAsRead != null && !string.Equals(permission.StatementJson, statementAsRead, StringComparison.Ordinal))
                {
                    Later(b, r => r.Error(new ErrorRecord(new InvalidOperationException(
                        $"The statement '{permission.StatementId}' on event bus '{bus}' in {session.Region} has changed since it was read: it was {statementAsRead}, " +
                        $"it is now {permission.StatementJson}. Nothing was revoked; read the bus again and decide on what is there now."),
                        ErrorIds.StatementChanged, ErrorCategory.InvalidOperation, errorTarget)));
                    continue;
                }
                RemoveOne(b, permission, errorTarget);
            }
        }

        /// <summary>
        /// By account: each statement that names the account alone goes with RemovePermission; each Allow that names it
        /// among other principals is rewritten without it (one whole-policy write, read right before, read back).
        /// </summary>
        private void RevokeAccounts(BusRevokes b, string? expectedArn, object? inputTarget, IReadOnlyList<string> accounts)
        {
            if (!SameBus(b, expectedArn, inputTarget)) return;
            var shared = AccountRemoval.SharedEdits(b.Current!.Policy, accounts);

            foreach (var decision in RevokePlanner.ByAccounts(b.Current, accounts))
            {
                // An account found only among the principals of shared statements is revoked there, below.
                if (decision.Kind == RevokeDecisionKind.NotFound && shared.Any(e => e.Accounts.Contains(decision.Target))) continue;
                var errorTarget = inputTarget ?? decision.Target;
                if (decision.Kind == RevokeDecisionKind.NotFound)
                {
                    NotGranted(b, PermissionObjects.NotGranted(b.Current!, null, decision.Target), decision.Message);
                    continue;
                }
                if (decision.Kind != RevokeDecisionKind.Remove || decision.Permission == null)
                {
                    var category = CommandErrors.Category(decision.Kind);
                    Later(b, r => r.Error(new ErrorRecord(new InvalidOperationException(decision.Message), decision.ErrorId, category, errorTarget)));
                    continue;
                }
                RemoveOne(b, decision.Permission, errorTarget);
            }
            if (shared.Count > 0) RevokeFromShared(b, accounts, inputTarget ?? b.Bus);
        }

        /// <param name="onlyStatementId">Take the accounts out of this statement only (a piped permission's own); all when null.</param>
        private void RevokeFromShared(BusRevokes b, IReadOnlyList<string> accounts, object? target, string? onlyStatementId = null)
        {
            var session = b.Session!;
            var bus = b.Bus;
            bool Wanted(SharedStatementEdit e) => onlyStatementId == null || e.StatementId == onlyStatementId;
            var approved = new HashSet<string>(StringComparer.Ordinal);
            foreach (var edit in AccountRemoval.SharedEdits(b.Current!.Policy, accounts).Where(Wanted))
            {
                var name = edit.StatementId ?? edit.Before;
                var action = edit.After == null
                    ? $"Revoke account(s) {string.Join(", ", edit.Accounts)}: no other principal is left in it, so the statement goes"
                    : $"Revoke account(s) {string.Join(", ", edit.Accounts)} out of it; it keeps its other principals, action and condition: {edit.After}";
                if (ShouldProcess($"statement '{name}' on event bus '{bus}' in {session.Region}", action)) approved.Add(name);
            }
            if (approved.Count == 0) return;
            bool Approved(SharedStatementEdit e) => approved.Contains(e.StatementId ?? e.Before);

            b.Steps.Add(async () =>
            {
                // Read right before the write: the removals before it changed the policy.
                const string what = "revoke out of shared statements";
                var fresh = await session.ReadForChangeAsync("revoke", new[] { target }).ConfigureAwait(false);
                if (fresh == null) return;
                var edits = AccountRemoval.SharedEdits(fresh.Policy, accounts).Where(e => Wanted(e) && Approved(e)).ToList();
                var takeBacks = edits.SelectMany(e => e.Accounts.Select(a => TakeBacks.OfAccountTakenOut(session, fresh.Arn!, e.StatementId, a, e.Before, e.Accounts))).ToList();
                var latest = await session.WriteWholePolicyAsync(fresh, read => AccountRemoval.Change(read, accounts, Approved), what, target, takeBacks).ConfigureAwait(false);
                if (latest == null) return;
                session.Report.ReleaseHeld();
                foreach (var edit in edits)
                {
                    foreach (var account in edit.Accounts)
                    {
                        session.Report.Verbose($"Revoked account {account} out of statement '{edit.StatementId}' on event bus '{bus}' in {session.Region}.");
                        session.Report.Change(PermissionObjects.FromStatementJson(edit.Before, bus, session.Region, fresh.Arn, PermissionStatus.Revoked, account),
                            TakeBacks.OfAccountTakenOut(session, fresh.Arn!, edit.StatementId, account, edit.Before, edit.Accounts));
                    }
                }
            });
            var change = AccountRemoval.Change(b.Current, accounts, Approved);
            if (change != null) b.Current = EventBusStates.WithPolicy(b.Current, change.Policy);
        }

        private static string Of(EventBusPermission? piped)
            => piped?.Principal == null ? string.Empty : $" ({piped.Principal})";

        /// <summary>Asks for one statement's removal; once approved, it is a step, and the bus is planned on as if it were gone.</summary>
        private void RemoveOne(BusRevokes b, EventBusPermission permission, object? errorTarget)
        {
            var session = b.Session!;
            var target = $"statement '{permission.StatementId}' ({PermissionText.Describe(permission)}) on event bus '{b.Bus}' in {session.Region}";
            var isAllow = RevokePlanner.IsAllow(permission);
            if (!ShouldProcess(target, isAllow ? "Revoke" : "Remove a statement that is not an Allow; what it denies is allowed again")) return;
            b.Steps.Add(async () =>
            {
                if (!isAllow) session.Report.Warning($"Removing {target}: what it denied is allowed again.");
                await session.RevokeStatementAsync(permission, errorTarget).ConfigureAwait(false);
            });
            b.Current = EventBusStates.WithoutStatement(b.Current!, permission.StatementId);
        }

        /// <summary>
        /// Every Allow statement, removed one by one by its id: never RemoveAllPermissions, which would also take the
        /// Deny statements (and any written meanwhile) and so widen access. Denies stay, and the user is told.
        /// </summary>
        private void RevokeAll(BusRevokes b, string? expectedArn, object? inputTarget)
        {
            var session = b.Session!;
            var bus = b.Bus;
            if (!SameBus(b, expectedArn, inputTarget ?? bus)) return;

            // Statements, not permissions: a shared statement (one permission per principal) is one RemovePermission.
            var allows = PermissionStatements.Distinct(b.Current!.Permissions.Where(RevokePlanner.IsAllow));
            var kept = PermissionStatements.Distinct(b.Current.Permissions.Where(p => !RevokePlanner.IsAllow(p)));
            if (kept.Count > 0)
            {
                Later(b, r => r.Warning($"-All keeps the {kept.Count} statement(s) of event bus '{bus}' in {session.Region} that are not an Allow " +
                    $"({string.Join(", ", kept.Select(p => p.StatementId ?? p.StatementJson))}): removing a Deny would allow again what it denies. " +
                    "Remove one with -StatementId and -Force if that is meant."));
            }
            if (allows.Count == 0)
            {
                Later(b, r => r.Verbose($"Event bus '{bus}' in {session.Region} has no Allow statement: nothing to revoke."));
                return;
            }

            var target = $"every Allow statement ({allows.Count}: {string.Join(", ", allows.Select(p => p.StatementId ?? "(no Sid)"))}) on event bus '{bus}' in {session.Region}";
            if (!ShouldProcess(target, "Revoke all")) return;
            if (!ConfirmHighImpact(Force.IsPresent,
                    $"All {allows.Count} Allow statement(s) of event bus '{bus}' in {session.Region} will be removed. Continue?", "Revoke all permissions",
                    $"Revoking every permission on event bus '{bus}'", bus))
                return;

            b.Steps.Add(async () =>
            {
                foreach (var permission in allows) await session.RevokeStatementAsync(permission, bus).ConfigureAwait(false);
            });
            foreach (var permission in allows) b.Current = EventBusStates.WithoutStatement(b.Current!, permission.StatementId);
        }

        /// <summary>The bus read is the one the piped object came from; otherwise an error, in its place among the bus's output.</summary>
        private static bool SameBus(BusRevokes b, string? expectedArn, object? target)
        {
            var mismatch = b.Session!.Mismatch(b.Current!, expectedArn, target);
            if (mismatch == null) return true;
            Later(b, r => r.Error(mismatch));
            return false;
        }

        /// <summary>Nothing to revoke: the object with the Status NotGranted, and Verbose saying why, in the record's place.</summary>
        private static void NotGranted(BusRevokes b, EventBusPermission notGranted, string? why)
            => Later(b, r =>
            {
                r.Verbose((why ?? $"Event bus '{b.Bus}' does not hold it.") + " Nothing to revoke: Status NotGranted.");
                r.Object(notGranted);
            });

        /// <summary>Something to say about a record, kept in its place among the bus's output.</summary>
        private static void Later(BusRevokes b, Action<BusReport> say)
            => b.Steps.Add(() =>
            {
                say(b.Session!.Report);
                return Task.CompletedTask;
            });

        /// <summary>One record's revoke, planned when its bus's turn comes.</summary>
        private sealed class PendingRevoke
        {
            private readonly Action<BusRevokes> _plan;

            public PendingRevoke(string? region, string bus, object? target, Action<BusRevokes> plan)
            {
                Region = region;
                Bus = bus;
                Target = target;
                _plan = plan;
            }

            public string? Region { get; }
            public string Bus { get; }
            public object? Target { get; }

            public void Plan(BusRevokes bus) => _plan(bus);
        }

        /// <summary>The records for one bus, the bus as the removals planned so far leave it, and the approved steps.</summary>
        private sealed class BusRevokes
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
            public BusSession? Session { get; set; }
            public EventBus? Current { get; set; }
            public List<Func<Task>> Steps { get; } = new List<Func<Task>>();
        }
    }
}
