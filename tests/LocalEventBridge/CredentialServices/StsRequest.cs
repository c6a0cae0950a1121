using System;
using System.Collections.Generic;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace LocalEventBridge.CredentialServices;

/// <summary>One STS call: the form members of its body, the verified caller of a signed action, and what goes in the log.</summary>
internal sealed class StsRequest
{
    public const string Version = "2011-06-15";

    private readonly Dictionary<string, StringValues> _members;

    private StsRequest(Dictionary<string, StringValues> members, string requestId)
    {
        _members = members;
        RequestId = requestId;
    }

    public string RequestId { get; }

    public Caller? Caller { get; set; }

    public CallDetails Details { get; } = new();

    /// <summary>
    /// Whether a request is for STS rather than EventBridge: a POST to / that is form-encoded, as the query
    /// protocol is, and names no X-Amz-Target (every JSON 1.1 call does).
    /// </summary>
    public static bool IsStsRequest(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && request.Path.Value == "/"
        && string.IsNullOrEmpty(request.Headers["X-Amz-Target"])
        && MediaTypeIs(request.ContentType, "application/x-www-form-urlencoded");

    public static StsRequest Parse(byte[] body, string requestId) =>
        new(QueryHelpers.ParseQuery("?" + Encoding.UTF8.GetString(body)), requestId);

    /// <summary>A member's value (the first, if repeated), or null when absent.</summary>
    public string? Get(string member) =>
        _members.TryGetValue(member, out StringValues values) && values.Count > 0 ? values[0] : null;

    private static bool MediaTypeIs(string? contentType, string mediaType)
    {
        if (contentType is null)
        {
            return false;
        }

        int semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        string type = (semicolon < 0 ? contentType : contentType[..semicolon]).Trim();
        return string.Equals(type, mediaType, StringComparison.OrdinalIgnoreCase);
    }
}
