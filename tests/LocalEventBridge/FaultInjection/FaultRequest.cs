namespace LocalEventBridge.FaultInjection;

/// <summary>What a rule's filters look at: a verified request to an operation this endpoint serves.</summary>
internal sealed record FaultRequest(string Operation, string AccountId, string Region, string? EventBusName);
