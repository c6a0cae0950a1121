using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace LocalEventBridge;

/// <summary>
/// Verifies AWS Signature Version 4 on a request against <see cref="TestCredentials"/> and the temporary
/// credentials the credential services issued (through the lookup it is given), for one signing service
/// (<c>events</c>, or <c>sts</c> for the local STS).
/// The canonical request is rebuilt only from what the client said it signed, so the result
/// does not depend on header case, on which optional headers a client chose to sign, or on
/// JSON spacing (the body is hashed byte for byte as received).
/// </summary>
internal sealed partial class SigV4Verifier
{
    public const string Service = "events";

    private const string DateFormat = "yyyyMMdd'T'HHmmss'Z'";

    private static readonly TimeSpan AllowedSkew = TimeSpan.FromMinutes(15);

    private readonly TimeProvider _clock;
    private readonly Func<string, TestCredential?> _findCredential;

    /// <param name="findCredential">The credential of an access key id, or null; the fixed test keys when not given.</param>
    public SigV4Verifier(TimeProvider clock, Func<string, TestCredential?>? findCredential = null)
    {
        _clock = clock;
        _findCredential = findCredential ?? TestCredentials.Find;
    }

    /// <summary>The access key id a request claims, for the request log, even when it fails verification.</summary>
    public static string? ClaimedAccessKeyId(HttpRequest request)
    {
        string? authorization = request.Headers.Authorization;
        if (string.IsNullOrEmpty(authorization))
        {
            return null;
        }

        Match match = CredentialKeyPattern().Match(authorization);
        return match.Success ? match.Groups["key"].Value : null;
    }

    /// <summary>Returns the verified caller, or throws the AwsErrorException AWS would answer with.</summary>
    /// <param name="service">The signing name the credential scope must hold.</param>
    public Caller Verify(HttpRequest request, byte[] body, string service = Service)
    {
        string? authorization = request.Headers.Authorization;
        if (string.IsNullOrWhiteSpace(authorization))
        {
            throw AwsErrors.MissingAuthenticationToken();
        }

        SigV4AuthorizationHeader header = SigV4AuthorizationHeader.Parse(authorization);
        TestCredential credential = _findCredential(header.AccessKeyId) ?? throw AwsErrors.UnrecognizedClient();

        CheckScope(header, service);
        CheckSignedHeaders(header);
        CheckSessionToken(request, header, credential);
        string amzDate = CheckDate(request, header);
        string payloadHash = PayloadHash(request, body);

        string canonicalRequest = CanonicalRequest(request, header, payloadHash);
        string stringToSign = string.Join('\n',
            SigV4AuthorizationHeader.Algorithm,
            amzDate,
            header.Scope,
            Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));

        byte[] key = SigningKey(credential.SecretAccessKey, header.Date, header.Region, service);
        byte[] expected = Encoding.ASCII.GetBytes(Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign))));
        byte[] provided = Encoding.ASCII.GetBytes(header.Signature.ToLowerInvariant());

        // Constant time, so response timing tells an attacker nothing about how much of a guess was right.
        if (!CryptographicOperations.FixedTimeEquals(expected, provided))
        {
            throw AwsErrors.SignatureMismatch();
        }

        // Only a correctly signed request learns that its (otherwise valid) credential has expired.
        if (credential.IsExpiredAt(_clock.GetUtcNow()))
        {
            throw AwsErrors.ExpiredToken();
        }

        return new Caller(credential.AccessKeyId, credential.AccountId, header.Region, credential.Arn, credential.Source);
    }

    private static void CheckScope(SigV4AuthorizationHeader header, string service)
    {
        if (!string.Equals(header.Terminator, "aws4_request", StringComparison.Ordinal))
        {
            throw AwsErrors.InvalidSignature($"Credential should be scoped with a valid terminator: 'aws4_request', not '{header.Terminator}'.");
        }

        if (!string.Equals(header.Service, service, StringComparison.Ordinal))
        {
            throw AwsErrors.InvalidSignature($"Credential should be scoped to correct service: '{service}'. ");
        }

        if (!RegionPattern().IsMatch(header.Region))
        {
            throw AwsErrors.InvalidSignature("Credential should be scoped to a valid region. ");
        }
    }

    private static void CheckSignedHeaders(SigV4AuthorizationHeader header)
    {
        if (!header.SignedHeaders.Contains("host"))
        {
            throw AwsErrors.IncompleteSignature("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        }

        if (!header.SignedHeaders.Contains("x-amz-date"))
        {
            throw AwsErrors.IncompleteSignature("'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization.");
        }
    }

    private static void CheckSessionToken(HttpRequest request, SigV4AuthorizationHeader header, TestCredential credential)
    {
        string? token = request.Headers["X-Amz-Security-Token"];
        if (credential.SessionToken is null)
        {
            // A permanent key with a token is as wrong as a temporary key without one.
            if (!string.IsNullOrEmpty(token))
            {
                throw AwsErrors.UnrecognizedClient();
            }

            return;
        }

        bool matches = token is not null && CryptographicOperations.FixedTimeEquals(
            Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(credential.SessionToken));
        if (!matches || !header.SignedHeaders.Contains("x-amz-security-token"))
        {
            throw AwsErrors.UnrecognizedClient();
        }
    }

    private string CheckDate(HttpRequest request, SigV4AuthorizationHeader header)
    {
        string? amzDate = request.Headers["X-Amz-Date"];
        if (string.IsNullOrEmpty(amzDate))
        {
            throw AwsErrors.IncompleteSignature("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        }

        amzDate = amzDate.Trim();
        if (!DateTimeOffset.TryParseExact(amzDate, DateFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset signedAt))
        {
            throw AwsErrors.IncompleteSignature($"Date must be in ISO-8601 'basic format'. Got '{amzDate}'. See http://en.wikipedia.org/wiki/ISO_8601");
        }

        if (!string.Equals(header.Date, amzDate[..8], StringComparison.Ordinal))
        {
            throw AwsErrors.InvalidSignature(
                $"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{header.Date}' != '{amzDate[..8]}', from '{amzDate}'.");
        }

        // The wording is AWS's own: the SDKs parse the server time out of the parentheses to correct clock skew.
        DateTimeOffset now = _clock.GetUtcNow();
        string nowText = Format(now);
        if (signedAt < now - AllowedSkew)
        {
            throw AwsErrors.InvalidSignature(
                $"Signature expired: {amzDate} is now earlier than {Format(now - AllowedSkew)} ({nowText} - 15 min.)");
        }

        if (signedAt > now + AllowedSkew)
        {
            throw AwsErrors.InvalidSignature(
                $"Signature not yet current: {amzDate} is still later than {Format(now + AllowedSkew)} ({nowText} + 15 min.)");
        }

        return amzDate;
    }

    private static string PayloadHash(HttpRequest request, byte[] body)
    {
        string actual = Hex(SHA256.HashData(body));
        string? declared = request.Headers["X-Amz-Content-SHA256"];
        if (string.IsNullOrEmpty(declared))
        {
            return actual;
        }

        declared = declared.Trim();
        if (string.Equals(declared, "UNSIGNED-PAYLOAD", StringComparison.Ordinal))
        {
            return declared;
        }

        if (!string.Equals(declared.ToLowerInvariant(), actual, StringComparison.Ordinal))
        {
            throw AwsErrors.InvalidSignature("The provided 'x-amz-content-sha256' header does not match what was computed.");
        }

        return actual;
    }

    private static string CanonicalRequest(HttpRequest request, SigV4AuthorizationHeader header, string payloadHash)
    {
        var builder = new StringBuilder();
        builder.Append(request.Method.ToUpperInvariant()).Append('\n');
        builder.Append(CanonicalUri(request.Path.Value)).Append('\n');
        builder.Append(CanonicalQuery(request.QueryString.Value)).Append('\n');
        foreach (string name in header.SignedHeaders)
        {
            builder.Append(name).Append(':').Append(CanonicalHeaderValue(request.Headers[name])).Append('\n');
        }

        builder.Append('\n');
        builder.Append(string.Join(';', header.SignedHeaders)).Append('\n');
        builder.Append(payloadHash);
        return builder.ToString();
    }

    private static string CanonicalUri(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "/";
        }

        // Every segment encoded once more, as non-S3 services expect.
        return string.Join('/', path.Split('/').Select(segment => UriEncode(segment)));
    }

    private static string CanonicalQuery(string? query)
    {
        if (string.IsNullOrEmpty(query) || query == "?")
        {
            return string.Empty;
        }

        IEnumerable<(string Key, string Value)> pairs = query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair =>
            {
                int equals = pair.IndexOf('=', StringComparison.Ordinal);
                string key = equals < 0 ? pair : pair[..equals];
                string value = equals < 0 ? string.Empty : pair[(equals + 1)..];
                return (UriEncode(Uri.UnescapeDataString(key)), UriEncode(Uri.UnescapeDataString(value)));
            });
        return string.Join('&', pairs
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Key + "=" + p.Value));
    }

    private static string CanonicalHeaderValue(StringValues values) =>
        string.Join(',', values.Select(v => InnerWhitespace().Replace((v ?? string.Empty).Trim(), " ")));

    private static string UriEncode(string text)
    {
        var builder = new StringBuilder();
        foreach (byte b in Encoding.UTF8.GetBytes(text))
        {
            char c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private static byte[] SigningKey(string secret, string date, string region, string service)
    {
        byte[] key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secret), Encoding.UTF8.GetBytes(date));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(region));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(service));
        return HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("aws4_request"));
    }

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString(DateFormat, CultureInfo.InvariantCulture);

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    [GeneratedRegex(@"Credential\s*=\s*(?<key>[A-Za-z0-9]+)/", RegexOptions.CultureInvariant)]
    private static partial Regex CredentialKeyPattern();

    [GeneratedRegex("^[a-z0-9-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex RegionPattern();

    [GeneratedRegex("[ \t]+", RegexOptions.CultureInvariant)]
    private static partial Regex InnerWhitespace();
}
