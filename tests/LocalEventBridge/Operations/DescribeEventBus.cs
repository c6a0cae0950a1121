using System;

namespace LocalEventBridge.Operations;

/// <summary>DescribeEventBus: a bus by name or by ARN; the caller's default bus when Name is omitted.</summary>
internal static class DescribeEventBus
{
    public static OperationResult Execute(OperationContext context, RequestBody body)
    {
        string? nameOrArn = body.GetString("Name");
        context.EventBusName = nameOrArn ?? EventBusStore.DefaultBusName;

        var validation = new Validation();
        validation.Text(nameOrArn, "name", 1, 1600, Validation.EventBusNameOrArnPattern);
        validation.ThrowIfInvalid();

        string name = ResolveName(context, context.EventBusName);
        context.EventBusName = name;
        EventBusSnapshot bus = context.RequireBus(name).Snapshot();
        return OperationResult.Json(ResponseJson.Write(writer =>
        {
            writer.WriteStartObject();
            ResponseJson.WriteBusMembers(writer, bus);
            writer.WriteEndObject();
        }));
    }

    /// <summary>The bus name an ARN points at; an ARN of another account, region or partition names no bus of the caller's.</summary>
    private static string ResolveName(OperationContext context, string nameOrArn)
    {
        if (!nameOrArn.StartsWith("arn:", StringComparison.Ordinal))
        {
            return nameOrArn;
        }

        Caller caller = context.Caller;
        if (!Arns.TryParseEventBus(nameOrArn, out string partition, out string region, out string accountId, out string name))
        {
            throw AwsErrors.BusNotFound(nameOrArn);
        }

        if (partition != caller.Partition || region != caller.Region || accountId != caller.AccountId)
        {
            throw AwsErrors.BusNotFound(name);
        }

        return name;
    }
}
