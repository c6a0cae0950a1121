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
    /// Takes away the right to put events on an event bus (RemovePermission): by statement id, by account,
    /// from permission objects (Get-CWEventBus into Revoke), or every Allow at once. A revoke never widens access:
    /// Deny statements are kept unless named by statement id with -Force.
    /// </summary>
    [Cmdlet(VerbsSecurity.Revoke, "CWEventBusPermission", DefaultParameterSetName = StatementIdSet,
        SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(EventBusPermission))]
    public sealed class RevokeCWEventBusPermissionCommand : PolicyChangingCmdlet, IApprovals
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
                    _pending.Add(PendingRevoke.All(region, bus, expectedArn, target));
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
                    if (accounts.Count > 0) _pending.Add(PendingRevoke.Accounts(region, bus, expectedArn, target, accounts));
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

        /// <summary>
        /// Each bus is read once (connecting here, on the pipeline thread, may stop the command), then planned by
        /// <see cref="RevokePlanning"/>, which asks through this cmdlet (<see cref="IApprovals"/>).
        /// </summary>
        protected override void EndProcessing()
        {
            var planning = new RevokePlanning(this);
            RunOnBuses(PendingRevoke.ByBus(_pending), "Revoking on event buses", (b, report) => b.StartRead(Session(Connect(b.Region), b.Bus, report)),
                planning.PlanBus, b => $"event bus '{b.Bus}'");
            base.EndProcessing();
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
            _pending.Add(PendingRevoke.Statements(region, bus, expectedArn, target, ids, removeDeny, statementAsRead, fromObject, piped));
        }

        // The engine's planning asks through IApprovals; the questions stay this cmdlet's own, on the pipeline thread.
        bool IApprovals.ShouldProcess(string target, string action) => ShouldProcess(target, action);

        bool IApprovals.ConfirmHighImpact(string query, string caption, string what, object? target)
            => ConfirmHighImpact(Force.IsPresent, query, caption, what, target);

        bool IApprovals.Force => Force.IsPresent;
    }
}
