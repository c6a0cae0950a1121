using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace EventBusPermissions.Aws.Internal
{
    /// <summary>
    /// Masks secrets in text that is about to leave this assembly (exception messages). The SDK, the service
    /// and credential helpers put secrets into their messages in several shapes: a credentials file line the
    /// SDK could not parse, the stderr of a failing credential_process, AWS's echo of the canonical request in
    /// InvalidSignatureException (which holds x-amz-security-token). Two nets catch them: the exact values
    /// known for the connection, and patterns for the shapes secrets come in when the value is not known.
    /// </summary>
    internal sealed class SecretScrubber
    {
        internal const string Mask = "****";

        // Shorter "secrets" would mask ordinary words all over a message; real keys and tokens are far longer.
        private const int MinimumKnownLength = 8;

        private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.IgnoreCase;

        // AWS echoes what it expected to sign; everything from this sentence on is the request, token included.
        private static readonly Regex SigningEcho = new Regex(
            @"\s*The (Canonical String for this request|String-to-Sign) should have been.*", Options | RegexOptions.Singleline);

        // The SDK's "Line 3:<the line's text> in file ~/.aws/credentials does not contain ..." quotes a whole line.
        private static readonly Regex QuotedIniLine = new Regex(@"Line (\d+):<.*?>(?= in file )", Options | RegexOptions.Singleline);

        // Settings, headers and query parameters that hold a secret: key = value, key: value, key=value.
        private static readonly Regex SecretSetting = new Regex(
            @"(?<key>\b(aws_secret_access_key|aws_session_token|aws_security_token|x-amz-security-token|x-amz-sso_bearer_token|" +
            @"x-aws-ec2-metadata-token|sso_bearer_token|aws_container_authorization_token)\b['""]?[ \t]*[=:][ \t]*['""]?)(?<value>[^\s&,;'""<>]+)",
            Options);

        // JSON members that hold a secret (credential_process and container answers, the SSO token cache, STS in JSON).
        private static readonly Regex SecretJsonMember = new Regex(
            @"(?<key>""(SecretAccessKey|SessionToken|Token|AccessToken|RefreshToken|ClientSecret|SecurityToken)""\s*:\s*"")(?<value>(\\.|[^""\\])*)""",
            Options);

        // The same values in XML (STS answers).
        private static readonly Regex SecretXmlElement = new Regex(
            @"<(?<name>SecretAccessKey|SessionToken)>[^<]*</\k<name>>", Options);

        // An unlabelled run of base64 at least as long as a secret access key, mixing cases and digits, as keys and
        // tokens do (hex digests, ARNs, request ids and bus names do not have that shape).
        private static readonly Regex KeyShapedValue = new Regex(
            @"(?<![A-Za-z0-9+/])(?=[A-Za-z0-9+/]*[a-z])(?=[A-Za-z0-9+/]*[A-Z])(?=[A-Za-z0-9+/]*[0-9])[A-Za-z0-9+/]{40,}={0,2}(?![A-Za-z0-9+/=])",
            RegexOptions.CultureInvariant);

        private readonly Lazy<string[]> _known;

        /// <param name="knownValues">Secrets of this connection (secret key, session token, file values); read only if needed.</param>
        public SecretScrubber(Func<IEnumerable<string?>> knownValues)
        {
            _known = new Lazy<string[]>(() => knownValues()
                .Where(v => v != null && v.Trim().Length >= MinimumKnownLength)
                .Select(v => v!.Trim())
                .Distinct(StringComparer.Ordinal)
                .OrderByDescending(v => v.Length) // a token that contains a shorter secret is masked whole
                .ToArray());
        }

        /// <summary>A scrubber that knows no values: patterns only.</summary>
        public static SecretScrubber PatternsOnly { get; } = new SecretScrubber(() => Array.Empty<string>());

        /// <summary>The text with every known secret value and every secret-shaped part masked.</summary>
        public string Scrub(string? text)
        {
            if (string.IsNullOrEmpty(text)) return text ?? string.Empty;
            var result = text!;
            foreach (var value in _known.Value)
                result = result.Replace(value, Mask);
            return ScrubPatterns(result);
        }

        /// <summary>Masks by pattern alone; safe to apply more than once.</summary>
        public static string ScrubPatterns(string? text)
        {
            if (string.IsNullOrEmpty(text)) return text ?? string.Empty;
            var result = SigningEcho.Replace(text!, m =>
                " (AWS's copy of the canonical request and string to sign is left out: it holds the session token.)");
            result = QuotedIniLine.Replace(result, m => $"Line {m.Groups[1].Value} (its text is not shown: it may hold a secret)");
            result = SecretSetting.Replace(result, m => m.Groups["key"].Value + Mask);
            result = SecretJsonMember.Replace(result, m => m.Groups["key"].Value + Mask + "\"");
            result = SecretXmlElement.Replace(result, m => $"<{m.Groups["name"].Value}>{Mask}</{m.Groups["name"].Value}>");
            return KeyShapedValue.Replace(result, Mask);
        }
    }
}
