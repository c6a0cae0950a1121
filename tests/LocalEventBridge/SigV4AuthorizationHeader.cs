using System;
using System.Collections.Generic;

namespace LocalEventBridge;

/// <summary>
/// The parts of an <c>Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...</c> header.
/// </summary>
internal sealed class SigV4AuthorizationHeader
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    private SigV4AuthorizationHeader(string credential, string[] scope, string[] signedHeaders, string signature)
    {
        Credential = credential;
        AccessKeyId = scope[0];
        Date = scope[1];
        Region = scope[2];
        Service = scope[3];
        Terminator = scope[4];
        SignedHeaders = signedHeaders;
        Signature = signature;
    }

    public string Credential { get; }

    public string AccessKeyId { get; }

    public string Date { get; }

    public string Region { get; }

    public string Service { get; }

    public string Terminator { get; }

    public string Scope => $"{Date}/{Region}/{Service}/{Terminator}";

    /// <summary>Lower-case header names in the order the client listed them (its canonical order).</summary>
    public string[] SignedHeaders { get; }

    public string Signature { get; }

    /// <summary>Parses the header, or throws IncompleteSignatureException naming what is missing (never echoing the signature).</summary>
    public static SigV4AuthorizationHeader Parse(string value)
    {
        string text = value.Trim();
        if (!text.StartsWith(Algorithm + " ", StringComparison.Ordinal))
        {
            int space = text.IndexOf(' ', StringComparison.Ordinal);
            string algorithm = space < 0 ? text : text[..space];
            throw AwsErrors.IncompleteSignature($"Unsupported AWS 'algorithm': '{algorithm}'.");
        }

        var parts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string part in text[Algorithm.Length..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                parts[part[..equals].Trim()] = part[(equals + 1)..].Trim();
            }
        }

        var missing = new List<string>();
        foreach (string required in new[] { "Credential", "Signature", "SignedHeaders" })
        {
            if (!parts.TryGetValue(required, out string? present) || present.Length == 0)
            {
                missing.Add($"Authorization header requires '{required}' parameter.");
            }
        }

        if (missing.Count > 0)
        {
            throw AwsErrors.IncompleteSignature(string.Join(" ", missing));
        }

        string credential = parts["Credential"];
        string[] scope = credential.Split('/');
        if (scope.Length != 5 || Array.Exists(scope, s => s.Length == 0))
        {
            throw AwsErrors.IncompleteSignature(
                $"Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '{credential}'");
        }

        string[] signedHeaders = parts["SignedHeaders"].ToLowerInvariant().Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new SigV4AuthorizationHeader(credential, scope, signedHeaders, parts["Signature"]);
    }
}
