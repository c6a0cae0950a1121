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

    /// <summary>
    /// The policy with the statement of that Sid replaced in place, or appended when new.
    /// ValidationException when the stored policy cannot be read (see <see cref="Edit{T}"/>).
    /// </summary>
    public static string WithStatement(string? policy, JsonObject statement, string busName)
    {
        string sid = (string)statement["Sid"]!;
        return Edit(policy ?? EmptyDocument, busName, document =>
        {
            JsonArray statements = StatementsOf(document);
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
        });
    }

    /// <summary>
    /// The policy without the statement of that Sid; null when nothing is left. Throws
    /// ResourceNotFoundException when there is no such statement, ValidationException when the
    /// stored policy cannot be read.
    /// </summary>
    public static string? WithoutStatement(string? policy, string statementId, string busName)
    {
        string? updated = WithoutStatementIfPresent(policy, statementId, busName, out bool found);
        return found ? updated : throw AwsErrors.StatementNotFound();
    }

    /// <summary>
    /// The policy without the statement of that Sid (null when nothing is left); unchanged, with
    /// <paramref name="found"/> false, when there is no such statement.
    /// </summary>
    public static string? WithoutStatementIfPresent(string? policy, string statementId, string busName, out bool found)
    {
        if (policy is null)
        {
            found = false;
            return null;
        }

        (bool removed, string? updated) = Edit(policy, busName, document =>
        {
            JsonArray statements = StatementsOf(document);
            int index = IndexOf(statements, statementId);
            if (index < 0)
            {
                return (false, policy);
            }

            statements.RemoveAt(index);
            return (true, statements.Count == 0 ? null : Serialize(document));
        });
        found = removed;
        return updated;
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

    /// <summary>
    /// Runs an edit on the stored policy. Only PutPermission's checked shapes and the
    /// <c>PUT /_local/policy</c> test control write policies, and the latter stores any text: one
    /// that is not a JSON object (or whose top level the node model refuses, e.g. two Statement
    /// members) is a ValidationException naming the bus rather than an unexpected 500. Statements that are
    /// not objects, or whose Sid is not a string (a numeric Sid) or is given twice, are kept as they are and never
    /// match a StatementId; a statement that repeats any other member is kept as it is too.
    /// </summary>
    private static T Edit<T>(string policy, string busName, Func<JsonObject, T> edit)
    {
        try
        {
            if (JsonNode.Parse(policy) is JsonObject document)
            {
                return edit(document);
            }
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            // Falls through: the stored text is not an editable document.
        }

        throw AwsErrors.UnreadablePolicy(busName);
    }

    private static string EmptyDocument => Serialize(new JsonObject
    {
        ["Version"] = Version,
        ["Statement"] = new JsonArray(),
    });

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
            if (statements[i] is JsonObject statement && string.Equals(SidOf(statement), sid, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// The statement's Sid when it names one, once, as a string; else null. Read from the statement's text, not through
    /// the node: a JsonObject throws on a member written twice ("Effect":"Deny","Effect":"Allow"), which a stored policy
    /// may hold. Left unread, such a statement is written back as it was (compact), so the other statements stay editable.
    /// </summary>
    private static string? SidOf(JsonObject statement)
    {
        using JsonDocument text = JsonDocument.Parse(statement.ToJsonString());
        string? sid = null;
        int count = 0;
        foreach (JsonProperty member in text.RootElement.EnumerateObject())
        {
            if (member.NameEquals("Sid"))
            {
                count++;
                sid = member.Value.ValueKind == JsonValueKind.String ? member.Value.GetString() : null;
            }
        }

        return count == 1 ? sid : null;
    }

    private static string Serialize(JsonNode document) => document.ToJsonString(CompactJson);
}

/// <summary>PutPermission's Condition member.</summary>
internal sealed record PermissionCondition(string Type, string Key, string Value);
