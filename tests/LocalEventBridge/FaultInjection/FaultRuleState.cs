namespace LocalEventBridge.FaultInjection;

/// <summary>
/// A rule and what it has done so far: <see cref="Matched"/> requests it was consulted on,
/// <see cref="Injected"/> of them it faulted, and the <see cref="Remaining"/> count (null without a count).
/// </summary>
public sealed record FaultRuleState(FaultRule Rule, long Matched, long Injected, int? Remaining);
