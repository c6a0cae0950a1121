using System.Text.Json;

namespace EventBusPermissions.Tests.LocalEndpoint;

/// <summary>What came back from a raw request, with the AWS error fields picked out.</summary>
internal sealed record RawResponse(int Status, string Body, string? RequestId, string? ContentType, long? ContentLength)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string? ErrorType => Status == 200 ? null : Json.GetProperty("__type").GetString();

    public string? Message => Status == 200 ? null : Json.GetProperty("message").GetString();

    public override string ToString() => $"{Status} {Body}";
}
