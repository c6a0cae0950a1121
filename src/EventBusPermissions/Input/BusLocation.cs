namespace EventBusPermissions.Input
{
    /// <summary>Where one record acts: the bus name, its region (null: the configured one), and the bus ARN the input was read from.</summary>
    internal sealed class BusLocation
    {
        public BusLocation(string bus, string? region, string? expectedArn)
        {
            Bus = bus;
            Region = region;
            ExpectedArn = expectedArn;
        }

        public string Bus { get; }
        public string? Region { get; }

        /// <summary>
        /// The ARN of the bus the input named or was read from; the bus reached must be this one (same account and
        /// region), or nothing is done. Null when only a name was given.
        /// </summary>
        public string? ExpectedArn { get; }
    }
}
