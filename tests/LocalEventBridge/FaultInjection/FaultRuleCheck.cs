using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using LocalEventBridge.Operations;

namespace LocalEventBridge.FaultInjection;

/// <summary>
/// Refuses rules that could not do what they seem to ask for (a typo in an operation name, a
/// lostUpdate on a read), so a test fails at setup instead of silently running without its fault.
/// Messages use the JSON names, as admin-route callers see them.
/// </summary>
internal static class FaultRuleCheck
{
    public const int MaxMs = 600_000;

    /// <summary>The writes a lost update, a foreign write or a lost answer can happen to: the policy read-modify-writes.</summary>
    public static readonly IReadOnlyList<string> PolicyWrites = ["PutPermission", "RemovePermission"];

    /// <summary>
    /// The kinds that act on a policy write (and so need one): a rule that can inject one of them applies to
    /// <see cref="PolicyWrites"/> when it names no operations, and is refused when it names any other.
    /// </summary>
    public static readonly IReadOnlyList<FaultKind> WriteOnlyKinds =
        [FaultKind.LostUpdate, FaultKind.ForeignWrite, FaultKind.AppliedDrop, FaultKind.AppliedInternal];

    public static IReadOnlyList<string> Problems(FaultRule? rule)
    {
        if (rule is null)
        {
            return ["a rule must be an object"];
        }

        var problems = new List<string>();
        IReadOnlyList<FaultKind> kinds = PossibleKinds(rule);
        if (!Enum.IsDefined(rule.Fault) || kinds.Any(kind => !Enum.IsDefined(kind)))
        {
            problems.Add("unknown fault kind");
        }

        if (rule.Fault == FaultKind.Mix && (rule.Kinds is null || rule.Kinds.Count == 0 || rule.Kinds.Contains(FaultKind.Mix)))
        {
            problems.Add("mix needs kinds: a non-empty list of kinds other than mix");
        }

        if (rule.Fault == FaultKind.Mix && rule.Kinds?.Contains(FaultKind.ForeignWrite) == true)
        {
            problems.Add("mix cannot draw foreignWrite: give it a rule of its own");
        }

        if (rule.Fault != FaultKind.Mix && rule.Kinds is not null)
        {
            problems.Add("kinds belongs to fault mix only");
        }

        if (rule.Ms is < 1 or > MaxMs)
        {
            problems.Add($"ms must be 1-{MaxMs}");
        }

        if (kinds.Contains(FaultKind.Latency) && rule.Ms is null)
        {
            problems.Add("latency needs ms");
        }

        if (rule.Count is < 1)
        {
            problems.Add("count must be at least 1");
        }

        if (rule.Percent is double percent && !(percent >= 0 && percent <= 100))
        {
            problems.Add("percent must be 0-100");
        }

        if (rule.Operations is not null)
        {
            if (rule.Operations.Count == 0)
            {
                problems.Add("operations must not be empty (leave it out to mean all)");
            }

            problems.AddRange(rule.Operations.Where(name => !OperationTable.Serves(name)).Select(name => $"no operation {name}"));
        }

        if (rule.Operations?.Except(PolicyWrites).Any() == true)
        {
            problems.AddRange(kinds.Intersect(WriteOnlyKinds).Select(kind => $"{JsonName(kind)} applies to PutPermission and RemovePermission only"));
        }

        problems.AddRange(ForeignWriteProblems(rule));

        if (rule.EmptyBody && !kinds.Contains(FaultKind.Unavailable))
        {
            problems.Add("emptyBody belongs to unavailable only");
        }

        if (rule.EventBusName?.Length == 0 || rule.Region?.Length == 0 || rule.AccountId?.Length == 0)
        {
            problems.Add("eventBusName, region and accountId must not be empty (leave them out to mean any)");
        }

        return problems;
    }

    private static IEnumerable<string> ForeignWriteProblems(FaultRule rule)
    {
        bool hasStatement = rule.Statement is not null;
        bool hasRemoveSid = rule.RemoveSid is not null;
        if (rule.Fault != FaultKind.ForeignWrite)
        {
            if (hasStatement || hasRemoveSid)
            {
                yield return "statement and removeSid belong to foreignWrite only";
            }

            yield break;
        }

        if (hasStatement == hasRemoveSid)
        {
            yield return hasStatement
                ? "foreignWrite takes statement or removeSid, not both"
                : "foreignWrite needs statement (a policy statement with a Sid) or removeSid";
        }

        if (hasStatement && !(rule.Statement!["Sid"] is JsonValue sid && sid.TryGetValue(out string? text) && text.Length > 0))
        {
            yield return "statement needs a Sid that is a non-empty string";
        }

        if (rule.RemoveSid?.Length == 0)
        {
            yield return "removeSid must not be empty";
        }
    }

    /// <summary>A kind as rules and the request log spell it: <c>throttle</c>, <c>appliedDrop</c>, ...</summary>
    public static string JsonName(FaultKind kind) => JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());

    /// <summary>The kinds a rule can inject: its own, or for mix the ones it draws from.</summary>
    public static IReadOnlyList<FaultKind> PossibleKinds(FaultRule rule) =>
        rule.Fault == FaultKind.Mix ? rule.Kinds ?? [] : [rule.Fault];
}
