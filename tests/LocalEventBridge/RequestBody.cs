using System.Text.Json;

namespace LocalEventBridge;

/// <summary>
/// Typed, read-only access to the members of a JSON 1.1 request body. Unknown members are
/// ignored (as AWS does); a member of the wrong JSON type is a SerializationException.
/// </summary>
internal sealed class RequestBody
{
    private readonly JsonElement _root;

    private RequestBody(JsonElement root)
    {
        _root = root;
    }

    public static RequestBody Parse(byte[] body)
    {
        if (body.Length == 0)
        {
            // Clients send "{}" when no member is set; an empty body means the same thing here.
            return new RequestBody(JsonDocument.Parse("{}").RootElement);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            throw AwsErrors.Serialization("The request body is not valid JSON.");
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw AwsErrors.Serialization("Start of structure or map found where not expected.");
        }

        return new RequestBody(document.RootElement);
    }

    public string? GetString(string member) => GetString(_root, member);

    public bool? GetBoolean(string member)
    {
        if (!_root.TryGetProperty(member, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw WrongType(member, "boolean"),
        };
    }

    public long? GetInteger(string member)
    {
        if (!_root.TryGetProperty(member, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out long number))
        {
            throw WrongType(member, "integer");
        }

        return number;
    }

    /// <summary>A nested structure member (e.g. Condition), or null when absent.</summary>
    public RequestBody? GetStructure(string member)
    {
        if (!_root.TryGetProperty(member, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw WrongType(member, "structure");
        }

        return new RequestBody(value);
    }

    private static string? GetString(JsonElement element, string member)
    {
        if (!element.TryGetProperty(member, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw WrongType(member, "string");
    }

    private static AwsErrorException WrongType(string member, string expected) =>
        AwsErrors.Serialization($"Member '{member}' is not a {expected}.");
}
