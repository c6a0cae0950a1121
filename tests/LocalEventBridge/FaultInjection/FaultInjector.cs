using System;
using System.Collections.Generic;
using System.Linq;

namespace LocalEventBridge.FaultInjection;

/// <summary>
/// The fault rules in force on a running server (<c>server.Faults</c>, or <c>/_local/faults</c>).
/// Rules are consulted in order for every verified request to a served operation, before it runs.
/// Decisions are taken under one lock, so for requests sent one after another the faults follow
/// from the rules and seeds alone.
/// </summary>
public sealed class FaultInjector
{
    private readonly object _gate = new();
    private IReadOnlyList<ActiveFaultRule> _rules = [];

    /// <summary>Puts these rules in force instead of the current ones; all or nothing when one is invalid (ArgumentException).</summary>
    public void Replace(params IReadOnlyList<FaultRule> rules)
    {
        IReadOnlyList<ActiveFaultRule> active = Activate(rules, 0);
        lock (_gate)
        {
            _rules = active;
        }
    }

    /// <summary>Adds rules after the current ones, each starting its own count and random sequence.</summary>
    public void Add(params IReadOnlyList<FaultRule> rules)
    {
        lock (_gate)
        {
            _rules = [.. _rules, .. Activate(rules, _rules.Count)];
        }
    }

    /// <summary>Removes every rule; returns how many there were.</summary>
    public int Clear()
    {
        lock (_gate)
        {
            int count = _rules.Count;
            _rules = [];
            return count;
        }
    }

    /// <summary>The rules in order with their counters, spent ones included (remaining 0).</summary>
    public IReadOnlyList<FaultRuleState> Snapshot()
    {
        lock (_gate)
        {
            return _rules.Select(rule => rule.State()).ToList();
        }
    }

    /// <summary>
    /// Consults the rules for one request. Every matching rule that can only delay is consulted;
    /// of the others, only until one fires: a request gets at most one fault that changes its answer,
    /// and later rules neither draw nor count for it.
    /// </summary>
    internal FaultDecision Decide(FaultRequest request)
    {
        lock (_gate)
        {
            if (_rules.Count == 0)
            {
                return FaultDecision.None;
            }

            long delay = 0;
            FaultKind? outcome = null;
            bool emptyBody = false;
            ForeignWrite? foreignWrite = null;
            foreach (ActiveFaultRule rule in _rules)
            {
                if (!rule.Applies(request) || (outcome is not null && !rule.OnlyDelays) || rule.Draw() is not FaultKind kind)
                {
                    continue;
                }

                delay += rule.Rule.Ms ?? 0;
                if (kind != FaultKind.Latency)
                {
                    (outcome, emptyBody, foreignWrite) = (kind, rule.Rule.EmptyBody, kind == FaultKind.ForeignWrite ? rule.ForeignWrite : null);
                }
            }

            return new FaultDecision(outcome, (int)Math.Min(delay, int.MaxValue), emptyBody, foreignWrite);
        }
    }

    private static List<ActiveFaultRule> Activate(IReadOnlyList<FaultRule> rules, int firstIndex)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var active = new List<ActiveFaultRule>(rules.Count);
        for (int i = 0; i < rules.Count; i++)
        {
            IReadOnlyList<string> problems = FaultRuleCheck.Problems(rules[i]);
            if (problems.Count > 0)
            {
                throw new ArgumentException($"rules[{firstIndex + i}]: {string.Join("; ", problems)}.");
            }

            active.Add(new ActiveFaultRule(rules[i]));
        }

        return active;
    }
}
