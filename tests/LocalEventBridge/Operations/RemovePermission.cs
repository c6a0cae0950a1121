namespace LocalEventBridge.Operations;

/// <summary>RemovePermission: one statement by StatementId, or every statement with RemoveAllPermissions.</summary>
internal static class RemovePermission
{
    public static OperationResult Execute(OperationContext context, RequestBody body)
    {
        string? busName = body.GetString("EventBusName");
        string? statementId = body.GetString("StatementId");
        bool removeAll = body.GetBoolean("RemoveAllPermissions") ?? false;
        context.EventBusName = busName ?? EventBusStore.DefaultBusName;

        var validation = new Validation();
        validation.Text(busName, "eventBusName", 1, 256, Validation.EventBusNamePattern);
        validation.Text(statementId, "statementId", 1, 64, Validation.StatementIdPattern);
        if (!removeAll)
        {
            validation.Required(statementId, "statementId");
        }

        validation.ThrowIfInvalid();
        EventBus bus = context.RequireBus(context.EventBusName);
        lock (bus.Gate)
        {
            if (bus.IsDeleted)
            {
                throw AwsErrors.BusNotFound(bus.Name);
            }

            if (removeAll)
            {
                // Succeeds on a bus without a policy as well (AWS's answer there is not confirmed either way).
                if (bus.Policy is not null)
                {
                    context.WritePolicy(bus, null);
                }
            }
            else
            {
                context.WritePolicy(bus, PolicyDocument.WithoutStatement(bus.Policy, statementId!, bus.Name));
            }

            context.AfterWrite(bus);
        }

        return OperationResult.Empty;
    }
}
