namespace LocalEventBridge.FaultInjection;

/// <summary>
/// What the rules decided for one request: at most one fault that changes the answer
/// (<see cref="Outcome"/>), plus the sum of the delays of every rule that fired; for a foreignWrite
/// outcome, the other writer's change.
/// </summary>
internal sealed record FaultDecision(FaultKind? Outcome, int DelayMs, bool EmptyBody, ForeignWrite? ForeignWrite = null)
{
    public static FaultDecision None { get; } = new(null, 0, false);

    /// <summary>The request log's "fault": the outcome's name, "latency" when only delayed, null when untouched.</summary>
    public string? LogName => Outcome is FaultKind kind
        ? FaultRuleCheck.JsonName(kind)
        : DelayMs > 0 ? FaultRuleCheck.JsonName(FaultKind.Latency) : null;

    /// <summary>True for appliedDrop and appliedInternal: the operation runs as usual and only its successful answer is lost.</summary>
    public bool LosesAnswerAfterApplying => Outcome is FaultKind.AppliedDrop or FaultKind.AppliedInternal;
}
