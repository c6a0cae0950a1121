using System.Management.Automation;
using EventBusPermissions.Aws;
using EventBusPermissions.Validation;

namespace EventBusPermissions.Commands
{
    /// <summary>
    /// Reads event buses (DescribeEventBus) and shows who may put events on them.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CWEventBus")]
    [OutputType(typeof(EventBus))]
    public sealed class GetCWEventBusCommand : EventBridgeCmdlet
    {
        /// <summary>Bus names or ARNs; the account's default bus when none is given.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("EventBusName")]
        [ArgumentCompleter(typeof(Completion.EventBusNameCompleter))]
        [AllowEmptyCollection]
        public string[] Name { get; set; } = { EventBusNames.Default };

        protected override void ProcessRecord()
        {
            foreach (var name in Name ?? new[] { EventBusNames.Default })
            {
                var problem = EventBusNames.CheckNameOrArn(name);
                if (problem != null)
                {
                    WriteError(InvalidInput(ErrorIds.InvalidEventBusName, problem, name));
                    continue;
                }

                // An ARN names its region: it is used, and a -Region that says otherwise is refused rather than guessed between.
                var region = Region;
                if (EventBusArn.TryParse(name, out _, out var arnRegion, out _, out _))
                {
                    if (region != null && !string.Equals(region.Trim(), arnRegion, System.StringComparison.OrdinalIgnoreCase))
                    {
                        WriteError(InvalidInput(ErrorIds.RegionMismatch,
                            $"The event bus ARN '{name}' is in {arnRegion}, but -Region is '{region}'. Leave out -Region, or give the bus's name instead of its ARN.", name));
                        continue;
                    }
                    region = arnRegion;
                }
                var regionProblem = RegionNames.Check(region);
                if (regionProblem != null)
                {
                    WriteError(InvalidInput(ErrorIds.InvalidRegion, regionProblem, region));
                    continue;
                }

                var api = Connect(region);
                WriteVerbose($"Reading event bus '{name}' in {api.Region}.");
                EventBusDescription description;
                try
                {
                    description = Await(api.DescribeEventBusAsync(name, CancelToken));
                }
                catch (EventBridgeApiException e)
                {
                    WriteError(ServiceError(e, $"Cannot read event bus '{name}' in {api.Region}", name));
                    continue;
                }

                var bus = description.ToEventBus(name);
                if (bus.PolicyParseError != null)
                    WriteWarning($"The policy of event bus '{bus.Name}' could not be read as JSON ({bus.PolicyParseError}); its Permissions are empty, its Policy holds the text as received.");
                WriteVerbose($"Event bus '{bus.Name}' has {bus.Permissions.Length} permission(s) in {PermissionStatements.Count(bus.Permissions)} statement(s).");
                WriteObject(bus);
            }
        }
    }
}
