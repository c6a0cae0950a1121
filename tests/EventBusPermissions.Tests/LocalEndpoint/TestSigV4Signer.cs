using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace EventBusPermissions.Tests.LocalEndpoint;

/// <summary>
/// A minimal SigV4 signer for raw requests to the local endpoint (POST /, no query string), for
/// EventBridge (signing name events) or the local STS (sts).
/// Written apart from the server's verifier, so one cannot share a mistake with the other.
/// </summary>
internal static class TestSigV4Signer
{
    public const string DateFormat = "yyyyMMdd'T'HHmmss'Z'";

    /// <summary>The Authorization header value for the given headers (all of them signed), body and key.</summary>
    public static string Authorization(
        IReadOnlyList<KeyValuePair<string, string>> headers,
        byte[] body,
        string accessKeyId,
        string secretAccessKey,
        string region,
        DateTimeOffset time,
        string service = "events")
    {
        // Canonical headers: lower-case names, sorted, values trimmed with inner spaces collapsed.
        var canonical = headers
            .GroupBy(h => h.Key.ToLowerInvariant())
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Name: g.Key, Value: string.Join(",", g.Select(h => string.Join(" ", h.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))))))
            .ToList();
        string signedHeaders = string.Join(";", canonical.Select(h => h.Name));
        string canonicalRequest =
            "POST\n/\n\n" +
            string.Concat(canonical.Select(h => $"{h.Name}:{h.Value}\n")) + "\n" +
            signedHeaders + "\n" +
            Hex(SHA256.HashData(body));

        string date = time.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        string scope = $"{date}/{region}/{service}/aws4_request";
        string stringToSign = "AWS4-HMAC-SHA256\n" +
            time.UtcDateTime.ToString(DateFormat, CultureInfo.InvariantCulture) + "\n" +
            scope + "\n" +
            Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)));

        byte[] key = Encoding.UTF8.GetBytes("AWS4" + secretAccessKey);
        foreach (string part in new[] { date, region, service, "aws4_request" })
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }

        string signature = Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        return $"AWS4-HMAC-SHA256 Credential={accessKeyId}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}";
    }

    public static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
