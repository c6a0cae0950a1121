using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using EventBusPermissions.Aws;
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

        protected override void ProcessRecord()
        {
            var names = Name ?? new[] { EventBusNames.Default };
            // Region by region, names in the order given: the output order follows the input.
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
                    if (name != null && WildcardPattern.ContainsWildcardCharacters(name))
                        ReadMatching(region, name);
                    else
                        ReadOne(region, name);
                }
            }
        }

        private void ReadOne(string? region, string? name)
        {
            var problem = EventBusNames.CheckNameOrArn(name);
            if (problem != null)
            {
                WriteError(InvalidInput(ErrorIds.InvalidEventBusName, problem, name));
                return;
            }

            // An ARN names its region: it is used, and a -Region that says otherwise is refused rather than guessed between.
            if (EventBusArn.TryParse(name, out _, out var arnRegion, out _, out _))
            {
                if (Region != null && !Region.Any(r => string.Equals(r?.Trim(), arnRegion, StringComparison.OrdinalIgnoreCase)))
                {
                    WriteError(InvalidInput(ErrorIds.RegionMismatch,
                        $"The event bus ARN '{name}' is in {arnRegion}, but -Region is '{string.Join(", ", Region)}'. Leave out -Region, or give the bus's name instead of its ARN.", name));
                    return;
                }
                // With several regions, an ARN is read once, in its own.
                if (region != null && !string.Equals(region.Trim(), arnRegion, StringComparison.OrdinalIgnoreCase)) return;
                region = arnRegion;
            }

            var api = Connect(region);
            var bus = Describe(api, name!, name);
            if (bus != null) WriteObject(bus);
        }

        /// <summary>
        /// Every bus whose name matches the pattern, listed with ListEventBuses (asking for the pattern's literal
        /// prefix, if it has one), then read one by one. No match is no error, as with PowerShell's own Get- cmdlets.
        /// </summary>
        private void ReadMatching(string? region, string pattern)
        {
            var prefix = LiteralPrefix(pattern);
            var api = Connect(region);
            IReadOnlyList<string> listed;
            try
            {
                WriteVerbose($"Listing the event buses of {api.Region}{(prefix.Length == 0 ? "" : $" whose names start with '{prefix}'")} to match '{pattern}'.");
                listed = Await(api.ListEventBusNamesAsync(prefix.Length == 0 ? null : prefix, CancelToken));
            }
            catch (EventBridgeApiException e)
            {
                WriteError(ServiceError(e, $"Cannot list the event buses of {api.Region}", pattern));
                return;
            }

            // Case-sensitive, as bus names are, and as the NamePrefix ListEventBuses filters on.
            var wildcard = new WildcardPattern(pattern, WildcardOptions.CultureInvariant);
            var matches = listed.Where(wildcard.IsMatch).ToList();
            WriteVerbose($"{matches.Count} of the {listed.Count} event bus(es) listed in {api.Region} match '{pattern}'.");
            foreach (var name in matches)
            {
                var bus = Describe(api, name, pattern);
                if (bus != null) WriteObject(bus);
            }
        }

        private EventBus? Describe(IEventBridgeApi api, string name, object? target)
        {
            WriteVerbose($"Reading event bus '{name}' in {api.Region}.");
            EventBusDescription description;
            try
            {
                description = Await(api.DescribeEventBusAsync(name, CancelToken));
            }
            catch (EventBridgeApiException e)
            {
                WriteError(ServiceError(e, $"Cannot read event bus '{name}' in {api.Region}", target));
                return null;
            }

            var bus = description.ToEventBus(name);
            if (bus.PolicyParseError != null)
                WriteWarning($"The policy of event bus '{bus.Name}' could not be read as JSON ({bus.PolicyParseError}); its Permissions are empty, its Policy holds the text as received.");
            WriteVerbose($"Event bus '{bus.Name}' has {bus.Permissions.Length} permission(s) in {PermissionStatements.Count(bus.Permissions)} statement(s).");
            return bus;
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
