using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using EventBusPermissions.Aws;
using EventBusPermissions.Engine;
using EventBusPermissions.Validation;

namespace EventBusPermissions.Commands
{
    /// <summary>
    /// Reads event buses (DescribeEventBus) and shows who may put events on them: by name or ARN, or every bus whose
    /// name matches a wildcard pattern (ListEventBuses), in one region or several.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CWEventBus")]
    [OutputType(typeof(EventBus))]
    public sealed class GetCWEventBusCommand : EventBridgeCmdlet
    {
        /// <summary>Bus names, ARNs or name patterns (orders*, *); the account's default bus when none is given.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("EventBusName")]
        [ArgumentCompleter(typeof(Completion.EventBusNameCompleter))]
        [AllowEmptyCollection]
        [SupportsWildcards]
        public string[] Name { get; set; } = { EventBusNames.Default };

        /// <summary>
        /// The AWS regions to read, e.g. us-east-1, eu-west-1; each name or pattern is read in each. Default:
        /// $StoredAWSRegion, AWS_REGION, AWS_DEFAULT_REGION, the profile's region.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[]? Region { get; set; }

        /// <summary>Accounts trusted like the owner: what only they can do is Private, and they are not in ExposedTo.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? TrustedAccountId { get; set; }

        /// <summary>Organizations trusted like the owner: what only their principals can do is Private.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? TrustedOrganizationId { get; set; }

        private readonly HashSet<string> _trustedAccounts = new HashSet<string>(StringComparer.Ordinal);
        private readonly HashSet<string> _trustedOrganizations = new HashSet<string>(StringComparer.Ordinal);

        protected override void BeginProcessing()
        {
            // A trust list that cannot be read would make the verdicts wrong for every bus: nothing is read.
            foreach (var account in TrustedAccountId ?? new string[0])
            {
                if (!Planning.AccountIds.TryNormalize(account, out var normalized, out var problem) || normalized == Planning.AccountIds.Everyone)
                    ThrowTerminatingError(InvalidInput(Planning.PlanningErrorIds.InvalidAccountId,
                        "-TrustedAccountId: " + (problem ?? "'*' (every account) cannot be trusted; name the accounts."), account));
                _trustedAccounts.Add(normalized);
            }
            foreach (var organization in TrustedOrganizationId ?? new string[0])
            {
                var problem = Planning.OrganizationIds.Check(organization);
                if (problem != null) ThrowTerminatingError(InvalidInput(Planning.PlanningErrorIds.InvalidOrganizationId, "-TrustedOrganizationId: " + problem, organization));
                _trustedOrganizations.Add(organization.Trim());
            }
            base.BeginProcessing();
        }


        protected override void ProcessRecord()
        {
            // On this thread: check the input, connect (which may stop the command), and say what is wrong with an item.
            var planned = new List<Planned>();
            var names = Name ?? new[] { EventBusNames.Default };
            foreach (var region in Region ?? new string?[] { null })
            {
                var regionProblem = RegionNames.Check(region);
                if (regionProblem != null)
                {
                    WriteError(InvalidInput(ErrorIds.InvalidRegion, regionProblem, region));
                    continue;
                }
                foreach (var name in names)
                {
                    var item = Plan(region, name);
                    if (item != null) planned.Add(item);
                }
            }

            try
            {
                // Patterns become the names they match (listed at once, at most ThrottleLimit), in the order given ...
                var lists = OrderedWork.Run(planned, ThrottleLimit, ListAsync, (item, e) => item.WithError(e), CancelToken).ToList();
                var reads = new List<Planned>();
                foreach (var item in lists)
                {
                    if (item.Error != null)
                    {
                        WriteError(Failure(item.Error, $"Cannot list the event buses of {item.Api.Region}", item.Target));
                        continue;
                    }
                    if (item.Pattern != null) WriteVerbose($"{item.Matches!.Count} of the {item.Listed} event bus(es) listed in {item.Api.Region} match '{item.Pattern}'.");
                    reads.AddRange(item.Pattern == null ? new[] { item } : item.Matches!);
                }

                // ... then every bus is read, at most ThrottleLimit at once, and written out bus by bus in that order.
                foreach (var read in OrderedWork.Run(reads, ThrottleLimit, DescribeAsync, (item, e) => item.WithError(e), CancelToken))
                {
                    WritePacerNotices();
                    WriteVerbose($"Read event bus '{read.Name}' in {read.Api.Region}.");
                    if (read.Error != null)
                    {
                        WriteError(Failure(read.Error, $"Cannot read event bus '{read.Name}' in {read.Api.Region}", read.Target));
                        continue;
                    }
                    var bus = read.Bus!;
                    if (_trustedAccounts.Count + _trustedOrganizations.Count > 0) bus.Trust(_trustedAccounts, _trustedOrganizations);
                    if (bus.PolicyParseError != null)
                        WriteWarning($"The policy of event bus '{bus.Name}' could not be read as JSON ({bus.PolicyParseError}); its Permissions are empty, its Policy holds the text as received.");
                    WriteVerbose($"Event bus '{bus.Name}' has {bus.Permissions.Length} permission(s) in {PermissionStatements.Count(bus.Permissions)} statement(s).");
                    WriteObject(bus);
                }
            }
            catch (OperationCanceledException) when (CancelToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        /// <summary>One name (or pattern) in one region, checked, with its client; null (and an error written) when it cannot be read.</summary>
        private Planned? Plan(string? region, string? name)
        {
            if (name != null && WildcardPattern.ContainsWildcardCharacters(name))
                return new Planned(Connect(region), name, name, pattern: name);

            var problem = EventBusNames.CheckNameOrArn(name);
            if (problem != null)
            {
                WriteError(InvalidInput(ErrorIds.InvalidEventBusName, problem, name));
                return null;
            }

            // An ARN names its region: it is used, and a -Region that says otherwise is refused rather than guessed between.
            if (EventBusArn.TryParse(name, out _, out var arnRegion, out _, out _))
            {
                if (Region != null && !Region.Any(r => string.Equals(r?.Trim(), arnRegion, StringComparison.OrdinalIgnoreCase)))
                {
                    WriteError(InvalidInput(ErrorIds.RegionMismatch,
                        $"The event bus ARN '{name}' is in {arnRegion}, but -Region is '{string.Join(", ", Region)}'. Leave out -Region, or give the bus's name instead of its ARN.", name));
                    return null;
                }
                // With several regions, an ARN is read once, in its own.
                if (region != null && !string.Equals(region.Trim(), arnRegion, StringComparison.OrdinalIgnoreCase)) return null;
                region = arnRegion;
            }
            return new Planned(Connect(region), name!, name, pattern: null);
        }

        /// <summary>
        /// A pattern's buses, listed with ListEventBuses (asking for the pattern's literal prefix, if it has one);
        /// no match is no error, as with PowerShell's own Get- cmdlets. Off the pipeline thread: returns data only.
        /// </summary>
        private static async Task<Planned> ListAsync(Planned item, CancellationToken cancellationToken)
        {
            if (item.Pattern == null) return item;
            var prefix = LiteralPrefix(item.Pattern);
            var listed = await item.Api.ListEventBusNamesAsync(prefix.Length == 0 ? null : prefix, cancellationToken).ConfigureAwait(false);
            // Case-sensitive, as bus names are, and as the NamePrefix ListEventBuses filters on.
            var wildcard = new WildcardPattern(item.Pattern, WildcardOptions.CultureInvariant);
            return item.WithMatches(listed.Count, listed.Where(wildcard.IsMatch).Select(n => new Planned(item.Api, n, item.Target, pattern: null)).ToList());
        }

        /// <summary>One DescribeEventBus, off the pipeline thread: returns data only.</summary>
        private static async Task<Planned> DescribeAsync(Planned item, CancellationToken cancellationToken)
        {
            var description = await item.Api.DescribeEventBusAsync(item.Name, cancellationToken).ConfigureAwait(false);
            return item.WithBus(description.ToEventBus(item.Name));
        }

        private static ErrorRecord Failure(Exception e, string what, object? target) => CommandErrors.Unexpected(e, what, target);

        /// <summary>One bus (or pattern) to read, and what reading it gave.</summary>
        private sealed class Planned
        {
            public Planned(IEventBridgeApi api, string name, object? target, string? pattern)
            {
                Api = api;
                Name = name;
                Target = target;
                Pattern = pattern;
            }

            public IEventBridgeApi Api { get; }
            public string Name { get; }
            public object? Target { get; }
            public string? Pattern { get; }
            public int Listed { get; private set; }
            public IReadOnlyList<Planned>? Matches { get; private set; }
            public EventBus? Bus { get; private set; }
            public Exception? Error { get; private set; }

            public Planned WithMatches(int listed, IReadOnlyList<Planned> matches) { Listed = listed; Matches = matches; return this; }
            public Planned WithBus(EventBus bus) { Bus = bus; return this; }
            public Planned WithError(Exception e) { Error = e; return this; }
        }

        /// <summary>The characters before the first wildcard: a name prefix ListEventBuses can filter on.</summary>
        private static string LiteralPrefix(string pattern)
        {
            var end = pattern.IndexOfAny(new[] { '*', '?', '[', '`' });
            var prefix = end < 0 ? pattern : pattern.Substring(0, end);
            // ListEventBuses' NamePrefix takes only what a bus name may hold.
            return EventBusNames.CheckName(prefix) == null ? prefix : string.Empty;
        }
    }
}
