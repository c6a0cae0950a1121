namespace EventBusPermissions.Planning
{
    /// <summary>
    /// How planning messages name a bus: with its region, since one run may work on buses of the same name in several
    /// regions ('default' is in every one), and an error that does not say which is no help.
    /// </summary>
    internal static class BusText
    {
        /// <summary>"event bus 'default' in us-east-1"; without the region when its ARN did not say.</summary>
        internal static string Of(EventBus bus) => Of(bus.Name, bus.Region);

        /// <summary>"event bus 'default' in us-east-1", from the bus's ARN.</summary>
        internal static string OfArn(string busArn)
            => EventBusArn.TryParse(busArn, out _, out var region, out _, out var name) ? Of(name, region) : "event bus '" + busArn + "'";

        internal static string Of(string name, string? region)
            => "event bus '" + name + "'" + (string.IsNullOrEmpty(region) ? string.Empty : " in " + region);
    }
}
