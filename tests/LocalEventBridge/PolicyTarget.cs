using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace LocalEventBridge;

/// <summary>The body of <c>PUT /_local/policy</c>: which bus, and the policy text (null to remove it).</summary>
internal sealed record PolicyTarget(string AccountId, string Region, string EventBusName, string? Policy)
{
    public const string Shape =
        "{\"accountId\":\"123456789012\",\"region\":\"us-east-1\",\"eventBusName\":\"default\",\"policy\":\"<text>\" (or null to remove it)}";

    private static readonly string[] Members = ["accountId", "region", "eventBusName", "policy"];

    /// <summary>
    /// Reads the body strictly (member names as in <see cref="Shape"/>, any case; no others, none twice);
    /// returns what is wrong with it, or null and the target. eventBusName may be left out to mean default;
    /// policy may not, so a typo can never remove a policy.
    /// </summary>
    public static string? Read(JsonElement root, out PolicyTarget? target)
    {
        target = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return "the body must be a JSON object";
        }

        var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (JsonProperty member in root.EnumerateObject())
        {
            string? name = Array.Find(Members, known => string.Equals(known, member.Name, StringComparison.OrdinalIgnoreCase));
            if (name is null)
            {
                return $"unknown member '{member.Name}'";
            }

            if (!values.TryAdd(name, member.Value))
            {
                return $"member '{name}' is given twice";
            }
        }

        string? accountId = Text(values, "accountId");
        if (accountId is null || !Regex.IsMatch(accountId, @"^\d{12}$"))
        {
            return "accountId must be a 12-digit account id";
        }

        string? region = Text(values, "region");
        if (string.IsNullOrEmpty(region))
        {
            return "region must be a non-empty string";
        }

        string? busName = EventBusStore.DefaultBusName;
        if (values.ContainsKey("eventBusName"))
        {
            busName = Text(values, "eventBusName");
            if (string.IsNullOrEmpty(busName))
            {
                return "eventBusName must be a non-empty string (leave it out to mean default)";
            }
        }

        if (!values.TryGetValue("policy", out JsonElement policy) || policy.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
        {
            return "policy must be given, as a string (stored verbatim) or null (removes the policy)";
        }

        target = new PolicyTarget(accountId, region, busName, policy.ValueKind == JsonValueKind.Null ? null : policy.GetString());
        return null;
    }

    private static string? Text(Dictionary<string, JsonElement> values, string name) =>
        values.TryGetValue(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
