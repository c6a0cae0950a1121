using System;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LocalEventBridge;

/// <summary>
/// Server-side editing of a bus policy, statement by statement, in the exact shapes AWS stores.
/// Documents are kept as JSON nodes so statements written with the whole-document form
/// (arrays of principals, other conditions, no Sid) pass through untouched.
/// </summary>
internal static class PolicyDocument
{
    public const string Version = "2012-10-17";

    // Compact, and without escaping '+', '<', '\'' and the like: the stored length is what the quota counts.
    private static readonly JsonSerializerOptions CompactJson = new()
    {
        WriteIndented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// One PutPermission grant: an account becomes its root ARN, "*" stays a plain string, and an
    /// organization condition becomes StringEquals on aws:PrincipalOrgID.
    /// </summary>
    public static JsonObject Statement(string statementId, string principal, string action, string busArn, string region, PermissionCondition? condition)
    {
        var statement = new JsonObject
        {
            ["Sid"] = statementId,
            ["Effect"] = "Allow",
            ["Principal"] = principal == "*"
                ? JsonValue.Create("*")
                : new JsonObject { ["AWS"] = Arns.AccountRoot(region, principal) },
            ["Action"] = action,
            ["Resource"] = busArn,
        };

        if (condition is not null)
        {
            statement["Condition"] = new JsonObject
            {
                [condition.Type] = new JsonObject { [condition.Key] = condition.Value },
            };
        }

        return statement;
    }

    /// <summary>The policy with the statement of that Sid replaced in place, or appended when new.</summary>
    public static string WithStatement(string? policy, JsonObject statement)
    {
        JsonObject document = policy is null ? NewDocument() : JsonNode.Parse(policy)!.AsObject();
        JsonArray statements = StatementsOf(document);
        string sid = (string)statement["Sid"]!;
        int index = IndexOf(statements, sid);
        if (index < 0)
        {
            statements.Add(statement);
        }
        else
        {
            statements[index] = statement;
        }

        return Serialize(document);
    }

    /// <summary>The policy without the statement of that Sid; null when nothing is left. Throws when there is no such statement.</summary>
    public static string? WithoutStatement(string? policy, string statementId)
    {
        if (policy is null)
        {
            throw AwsErrors.StatementNotFound();
        }

        JsonObject document = JsonNode.Parse(policy)!.AsObject();
        JsonArray statements = StatementsOf(document);
        int index = IndexOf(statements, statementId);
        if (index < 0)
        {
            throw AwsErrors.StatementNotFound();
        }

        statements.RemoveAt(index);
        return statements.Count == 0 ? null : Serialize(document);
    }

    /// <summary>A whole document given with PutPermission's Policy member, checked and made compact.</summary>
    public static string Normalize(string policyText)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(policyText);
            if (node is JsonObject document && document["Statement"] is JsonArray or JsonObject)
            {
                return Serialize(document);
            }
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            // Falls through to the same ValidationException as any other unusable document.
        }

        throw AwsErrors.Validation("The policy is not a valid JSON policy document: it must be a JSON object with a 'Statement' member.");
    }

    private static JsonObject NewDocument() => new()
    {
        ["Version"] = Version,
        ["Statement"] = new JsonArray(),
    };

    /// <summary>The Statement array; a single statement object (valid IAM) is turned into a one-element array.</summary>
    private static JsonArray StatementsOf(JsonObject document)
    {
        JsonNode? statements = document["Statement"];
        if (statements is JsonArray array)
        {
            return array;
        }

        var wrapped = new JsonArray();
        if (statements is not null)
        {
            document["Statement"] = null;
            wrapped.Add(statements.DeepClone());
        }

        document["Statement"] = wrapped;
        return wrapped;
    }

    private static int IndexOf(JsonArray statements, string sid)
    {
        for (int i = 0; i < statements.Count; i++)
        {
            if (statements[i] is JsonObject statement
                && statement["Sid"] is JsonValue value
                && value.TryGetValue(out string? existing)
                && string.Equals(existing, sid, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static string Serialize(JsonNode document) => document.ToJsonString(CompactJson);
}

/// <summary>PutPermission's Condition member.</summary>
internal sealed record PermissionCondition(string Type, string Key, string Value);
