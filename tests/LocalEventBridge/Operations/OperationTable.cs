using System;
using System.Collections.Generic;

namespace LocalEventBridge.Operations;

/// <summary>One operation: reads the request, changes or reads the state, answers or throws AwsErrorException.</summary>
internal delegate OperationResult Operation(OperationContext context, RequestBody body);

/// <summary>The operations this endpoint serves, by the name after "AWSEvents." in X-Amz-Target.</summary>
internal static class OperationTable
{
    public const string TargetPrefix = "AWSEvents.";

    private static readonly Dictionary<string, Operation> Operations = new(StringComparer.Ordinal)
    {
        ["PutPermission"] = PutPermission.Execute,
        ["RemovePermission"] = RemovePermission.Execute,
        ["DescribeEventBus"] = DescribeEventBus.Execute,
        ["CreateEventBus"] = CreateEventBus.Execute,
        ["DeleteEventBus"] = DeleteEventBus.Execute,
        ["ListEventBuses"] = ListEventBuses.Execute,
    };

    /// <summary>The operation name for a target header, or null when the target is not one we serve.</summary>
    public static string? OperationName(string? target)
    {
        if (target is null || !target.StartsWith(TargetPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        string name = target[TargetPrefix.Length..];
        return Operations.ContainsKey(name) ? name : null;
    }

    public static Operation Get(string name) => Operations[name];

    /// <summary>Whether this endpoint serves an operation of that name (fault rules name operations this way).</summary>
    public static bool Serves(string name) => Operations.ContainsKey(name);
}
