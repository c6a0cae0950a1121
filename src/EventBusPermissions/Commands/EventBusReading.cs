using EventBusPermissions.Aws;

namespace EventBusPermissions.Commands
{
    /// <summary>Turns the client's DescribeEventBus answer into the EventBus the cmdlets emit and plan on.</summary>
    internal static class EventBusReading
    {
        public static EventBus ToEventBus(this EventBusDescription d, string requestedName)
            => EventBus.Create(d.Name ?? requestedName, d.Arn, d.Description, d.KmsKeyIdentifier, d.DeadLetterArn,
                d.CreationTime, d.LastModifiedTime, d.Policy);
    }
}
