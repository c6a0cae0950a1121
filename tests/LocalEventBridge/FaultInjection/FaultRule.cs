using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace LocalEventBridge.FaultInjection;

/// <summary>
/// One fault a test asks for, in the same shape as a rule in <c>PUT /_local/faults</c>
/// (camelCase JSON names). Unset filters match everything; without <see cref="Count"/> and
/// <see cref="Percent"/> the rule fires on every matching request until it is cleared.
/// </summary>
public sealed record FaultRule
{
    public required FaultKind Fault { get; init; }

    /// <summary>For <see cref="FaultKind.Mix"/>: the kinds drawn from, with equal chance.</summary>
    public IReadOnlyList<FaultKind>? Kinds { get; init; }

    /// <summary>Operation names (as after "AWSEvents."); null means all, or both policy writes for a rule that can inject lostUpdate, foreignWrite, appliedDrop or appliedInternal.</summary>
    public IReadOnlyList<string>? Operations { get; init; }

    /// <summary>Only requests about this bus (a DescribeEventBus ARN counts by its name).</summary>
    public string? EventBusName { get; init; }

    /// <summary>Only requests signed for this region: lets tests that share one endpoint keep their faults apart.</summary>
    public string? Region { get; init; }

    /// <summary>Only requests from this account.</summary>
    public string? AccountId { get; init; }

    /// <summary>How many times the rule fires before it is spent.</summary>
    public int? Count { get; init; }

    /// <summary>The chance (0-100) that a matching request is picked, drawn from <see cref="Seed"/>.</summary>
    public double? Percent { get; init; }

    /// <summary>Seeds the rule's own random sequence (default 0), so a run is reproducible.</summary>
    public long? Seed { get; init; }

    /// <summary>Delay in milliseconds before the fault (or, for latency, before the operation runs).</summary>
    public int? Ms { get; init; }

    /// <summary>
    /// For foreignWrite: a whole policy statement with a string Sid, put into the policy right after the
    /// faulted write (replacing the statement of that Sid, else appended). Copied when the rule is put in force.
    /// </summary>
    public JsonObject? Statement { get; init; }

    /// <summary>For foreignWrite, instead of <see cref="Statement"/>: the Sid of a statement another writer revokes right after the faulted write.</summary>
    public string? RemoveSid { get; init; }

    /// <summary>For unavailable: answer 503 with no body at all, as a load balancer might.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool EmptyBody { get; init; }
}
