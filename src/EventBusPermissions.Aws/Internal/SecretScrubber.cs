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

        // A value given under a label that names a secret, in every form a helper, a file or a service writes one:
        // label: value, label=value, label = value, "label":"value", 'label': 'value'. The labels: any word ending in
        // token, secret, password or the secret key's names (SessionToken, x-amz-security-token, AccessToken,
        // ClientSecret, db_password, aws_secret_access_key, SecretAccessKey, SecretKey). Values of any length: a short password is still one. A label must be followed
        // by ':' or '=', so prose that only mentions a token ("the security token included in the request") stays.
        // An unquoted value ends at white space, a quote, markup or a list separator (',', ';', '&'), none of which
        // occurs in a key or token.
        private static readonly Regex LabelledValue = new Regex(
            @"(?<label>(?<![\w-])[\w-]*(?:token|secret|password|secret_?(?:access_?)?key)(?![\w-])[""']?[ \t]*[:=][ \t]*)" +
            @"(?:""(?<quoted>(?:\\.|[^""\\])*)""|'(?<quoted>[^']*)'|(?<bare>[^\s&,;'""<>]+))",
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

        // The label and its quotes stay, so that the message still says what was there.
        private static string MaskLabelledValue(Match m)
        {
            if (m.Groups["bare"].Success) return m.Groups["label"].Value + Mask;
            var quote = m.Value[m.Groups["label"].Length];
            return m.Groups["label"].Value + quote + Mask + quote;
        }

        /// <summary>Masks by pattern alone; safe to apply more than once.</summary>
        public static string ScrubPatterns(string? text)
        {
            if (string.IsNullOrEmpty(text)) return text ?? string.Empty;
            var result = SigningEcho.Replace(text!, m =>
                " (AWS's copy of the canonical request and string to sign is left out: it holds the session token.)");
            result = QuotedIniLine.Replace(result, m => $"Line {m.Groups[1].Value} (its text is not shown: it may hold a secret)");
            result = LabelledValue.Replace(result, MaskLabelledValue);
            result = SecretXmlElement.Replace(result, m => $"<{m.Groups["name"].Value}>{Mask}</{m.Groups["name"].Value}>");
            return KeyShapedValue.Replace(result, Mask);
        }
    }
}
