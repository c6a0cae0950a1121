using System.Collections.Generic;
using System.Linq;

namespace LocalEventBridge.FaultInjection;

/// <summary>
/// A rule in force: its filters, its own seeded random sequence and its counters. Used only under
/// the injector's lock, so the n-th request the rule is consulted on always gets the n-th draw.
/// </summary>
internal sealed class ActiveFaultRule
{
    private readonly SeededRandom _random;
    private readonly IReadOnlyList<string>? _operations;
    private long _matched;
    private long _injected;
    private int? _remaining;

    public ActiveFaultRule(FaultRule rule)
    {
        Rule = rule;
        _random = new SeededRandom(rule.Seed ?? 0);
        IReadOnlyList<FaultKind> kinds = FaultRuleCheck.PossibleKinds(rule);
        _operations = rule.Operations
            ?? (kinds.Intersect(FaultRuleCheck.WriteOnlyKinds).Any() ? FaultRuleCheck.PolicyWrites : null);
        ForeignWrite = ForeignWrite.Of(rule);
        OnlyDelays = kinds.All(kind => kind == FaultKind.Latency);
        _remaining = rule.Count;
    }

    public FaultRule Rule { get; }

    /// <summary>For a foreignWrite rule, the other writer's change, copied when the rule was put in force.</summary>
    public ForeignWrite? ForeignWrite { get; }

    /// <summary>True when the rule can only delay, so it still applies to a request another rule has already faulted.</summary>
    public bool OnlyDelays { get; }

    public bool Applies(FaultRequest request) =>
        _remaining != 0
        && (_operations is null || _operations.Contains(request.Operation))
        && (Rule.EventBusName is null || Rule.EventBusName == request.EventBusName)
        && (Rule.Region is null || Rule.Region == request.Region)
        && (Rule.AccountId is null || Rule.AccountId == request.AccountId);

    /// <summary>Consults the rule for one matching request: the kind it injects, or null when the percent draw spares it.</summary>
    public FaultKind? Draw()
    {
        _matched++;
        if (Rule.Percent is double percent && !(_random.NextDouble() * 100 < percent))
        {
            return null;
        }

        _injected++;
        _remaining--;
        return Rule.Fault == FaultKind.Mix ? Rule.Kinds![_random.Next(Rule.Kinds.Count)] : Rule.Fault;
    }

    public FaultRuleState State() => new(Rule, _matched, _injected, _remaining);
}
