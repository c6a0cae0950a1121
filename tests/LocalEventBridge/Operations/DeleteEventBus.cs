namespace LocalEventBridge.Operations;

/// <summary>DeleteEventBus: the default bus cannot be deleted; a missing bus is a success, as on AWS.</summary>
internal static class DeleteEventBus
{
    public static OperationResult Execute(OperationContext context, RequestBody body)
    {
        string? name = body.GetString("Name");
        context.EventBusName = name;

        var validation = new Validation();
        validation.Required(name, "name");
        validation.Text(name, "name", 1, 256, Validation.EventBusNameOrPartnerPattern);
        validation.ThrowIfInvalid();
        if (name == EventBusStore.DefaultBusName)
        {
            throw AwsErrors.Validation("Cannot delete event bus default.");
        }

        context.Store.Delete(context.Caller.AccountId, context.Caller.Region, name!);
        return OperationResult.Empty;
    }
}
