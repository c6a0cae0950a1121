using System.Text.Json.Nodes;

namespace LocalEventBridge.FaultInjection;

/// <summary>
/// What a <see cref="FaultKind.ForeignWrite"/> rule makes another writer do right after the faulted
/// write: put <see cref="StatementJson"/> in by its Sid, or revoke the statement <see cref="RemoveSid"/>.
/// The statement is kept as text and parsed afresh each time, so parallel requests never share a node.
/// </summary>
internal sealed record ForeignWrite(string? StatementJson, string? RemoveSid)
{
    public static ForeignWrite? Of(FaultRule rule) =>
        rule.Fault != FaultKind.ForeignWrite ? null : new ForeignWrite(rule.Statement?.ToJsonString(), rule.RemoveSid);

    /// <summary>The policy after the other writer's change; the same text when there is nothing to change (a revoke of a missing Sid).</summary>
    public string? Apply(string? policy, string busName) =>
        StatementJson is not null
            ? PolicyDocument.WithStatement(policy, JsonNode.Parse(StatementJson)!.AsObject(), busName)
            : PolicyDocument.WithoutStatementIfPresent(policy, RemoveSid!, busName, out _);
}
