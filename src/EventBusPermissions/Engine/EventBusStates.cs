
namespace EventBusPermissions.Engine
{
    /// <summary>A bus as it will be once the changes planned so far are made, for planning the next item against it.</summary>
    internal static class EventBusStates
    {
        public static EventBus WithPolicy(EventBus bus, string? policy)
            => EventBus.Create(bus.Name, bus.Arn, bus.Description, bus.KmsKeyIdentifier, bus.DeadLetterArn, bus.CreationTime, bus.LastModifiedTime, policy);

        public static EventBus WithoutStatement(EventBus bus, string? statementId)
            => statementId == null || bus.Policy == null ? bus : WithPolicy(bus, PolicyDocumentBuilder.WithoutStatementId(bus.Policy, statementId));
    }
}
