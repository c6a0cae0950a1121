using System;
using System.Collections.Generic;
using LocalEventBridge;

namespace EventBusPermissions.Tests.LocalEndpoint;

/// <summary>How one raw request is built and signed; each property can be bent to provoke one error.</summary>
internal sealed class RawRequest
{
    public RawRequest(string operation, string body)
    {
        Target = "AWSEvents." + operation;
        Body = body;
    }

    public string? Target { get; set; }

    public string Body { get; set; }

    public TestCredential Credential { get; set; } = TestCredentials.Default;

    /// <summary>Overrides the secret used for signing (a wrong secret gives InvalidSignatureException).</summary>
    public string? SecretOverride { get; set; }

    /// <summary>Overrides the access key id sent (an unknown one gives UnrecognizedClientException).</summary>
    public string? AccessKeyIdOverride { get; set; }

    /// <summary>The session token to send; defaults to the credential's.</summary>
    public string? SessionToken { get; set; }

    public bool SendSessionToken { get; set; } = true;

    public bool SignSessionToken { get; set; } = true;

    public string Region { get; set; } = "us-east-1";

    public DateTimeOffset? Time { get; set; }

    public bool Sign { get; set; } = true;

    /// <summary>Whether Content-Type and X-Amz-Target are signed too (host and x-amz-date always are).</summary>
    public bool SignOptionalHeaders { get; set; } = true;

    /// <summary>Rewrites header names before sending, to show the server does not care about case.</summary>
    public Func<string, string> HeaderCase { get; set; } = name => name;

    /// <summary>An X-Amz-Content-SHA256 value to send and sign, if any.</summary>
    public string? ContentSha256 { get; set; }

    /// <summary>More headers to send and sign.</summary>
    public List<KeyValuePair<string, string>> ExtraHeaders { get; } = new();
}
