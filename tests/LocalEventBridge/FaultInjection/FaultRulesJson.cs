using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;

namespace LocalEventBridge.FaultInjection;

/// <summary>
/// The JSON of <c>/_local/faults</c>: <c>{"rules":[{"fault":"throttle","operations":["PutPermission"],"count":3}]}</c>
/// in, the same rules with their counters out. Strict: an unknown member or kind is a 400, not a rule
/// that silently never fires.
/// </summary>
internal static class FaultRulesJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The rules of a request body; JsonException with a readable message when it is not <c>{"rules":[...]}</c>.</summary>
    public static async Task<IReadOnlyList<FaultRule>> ReadAsync(Stream body, CancellationToken cancellationToken)
    {
        RulesBody? parsed = await JsonSerializer.DeserializeAsync<RulesBody>(body, Options, cancellationToken).ConfigureAwait(false);
        return parsed?.Rules ?? throw new JsonException("Send {\"rules\":[{\"fault\":\"throttle\", ...}]}.");
    }

    /// <summary><c>{"rules":[...]}</c>: each rule as it was given, plus matched, injected and (with a count) remaining.</summary>
    public static JsonObject Write(IReadOnlyList<FaultRuleState> states)
    {
        var rules = new JsonArray();
        foreach (FaultRuleState state in states)
        {
            JsonObject rule = JsonSerializer.SerializeToNode(state.Rule, Options)!.AsObject();
            rule["matched"] = state.Matched;
            rule["injected"] = state.Injected;
            if (state.Remaining is int remaining)
            {
                rule["remaining"] = remaining;
            }

            rules.Add(rule);
        }

        return new JsonObject { ["rules"] = rules };
    }

    private sealed record RulesBody(IReadOnlyList<FaultRule>? Rules);
}
