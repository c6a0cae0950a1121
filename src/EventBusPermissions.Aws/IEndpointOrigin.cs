namespace EventBusPermissions.Aws
{
    /// <summary>
    /// Where a client's endpoint override came from, for Verbose output. Kept apart from
    /// <see cref="IEventBridgeApi"/> so that test doubles of that interface need not change.
    /// </summary>
    public interface IEndpointOrigin
    {
        /// <summary>"-EndpointUrl", "AWS_ENDPOINT_URL", "the endpoint_url of profile 'dev'", ...; null for AWS's own endpoint.</summary>
        string? EndpointSource { get; }
    }
}
