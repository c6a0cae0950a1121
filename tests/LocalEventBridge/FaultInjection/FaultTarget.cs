using LocalEventBridge.Operations;

namespace LocalEventBridge.FaultInjection;

/// <summary>
/// The bus a request is about, read from its body before the operation runs (faults strike
/// first), the way the operation itself would name it. Lenient: a body the operation would refuse
/// names no bus, and the operation then answers its own error if no fault comes first.
/// </summary>
internal static class FaultTarget
{
    public static string? EventBusName(string operation, byte[] body)
    {
        (string? member, string? whenAbsent) = operation switch
        {
            "PutPermission" or "RemovePermission" => ("EventBusName", EventBusStore.DefaultBusName),
            "DescribeEventBus" => ("Name", EventBusStore.DefaultBusName),
            "CreateEventBus" or "DeleteEventBus" => ("Name", null),
            _ => ((string?)null, (string?)null),
        };
        if (member is null)
        {
            return null;
        }

        string? value;
        try
        {
            value = RequestBody.Parse(body).GetString(member);
        }
        catch (AwsErrorException)
        {
            return null;
        }

        if (value is null)
        {
            return whenAbsent;
        }

        return Arns.TryParseEventBus(value, out _, out _, out _, out string name) ? name : value;
    }
}
