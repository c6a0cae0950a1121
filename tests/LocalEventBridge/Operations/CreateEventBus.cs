namespace LocalEventBridge.Operations;

/// <summary>CreateEventBus: a custom bus with an optional Description; partner buses are not offered.</summary>
internal static class CreateEventBus
{
    public static OperationResult Execute(OperationContext context, RequestBody body)
    {
        string? name = body.GetString("Name");
        string? description = body.GetString("Description");
        context.EventBusName = name;

        var validation = new Validation();
        validation.Required(name, "name");
        validation.Text(name, "name", 1, 256, Validation.EventBusNameOrPartnerPattern);
        validation.Text(description, "description", 0, 512);
        validation.ThrowIfInvalid();
        if (name!.Contains('/'))
        {
            // On AWS a name with '/' is a partner bus and needs a matching partner event source, which this endpoint has none of.
            throw AwsErrors.Validation($"Event source {name} does not exist.");
        }

        Caller caller = context.Caller;
        if (!context.Store.TryCreate(caller.AccountId, caller.Region, name, description, context.Now, out EventBus bus))
        {
            throw AwsErrors.BusAlreadyExists(name);
        }

        return OperationResult.Json(ResponseJson.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("EventBusArn", bus.Arn);
            if (bus.Description is not null)
            {
                writer.WriteString("Description", bus.Description);
            }

            writer.WriteEndObject();
        }));
    }
}
