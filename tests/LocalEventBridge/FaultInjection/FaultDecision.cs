using System.Text.Json;

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
        ? JsonNamingPolicy.CamelCase.ConvertName(kind.ToString())
        : DelayMs > 0 ? JsonNamingPolicy.CamelCase.ConvertName(nameof(FaultKind.Latency)) : null;
}
