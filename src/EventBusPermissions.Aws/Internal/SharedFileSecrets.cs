using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;

namespace EventBusPermissions.Aws.Internal
{
    /// <summary>
    /// The secret values written in the shared credentials and config files, so that the scrubber can mask
    /// them exactly wherever they turn up: a line the SDK could not parse and quotes, a profile's value echoed
    /// by a credential helper. Read with a forgiving line scan, never the SDK's parser, because the file that
    /// matters most here is one the SDK could not parse.
    /// </summary>
    internal static class SharedFileSecrets
    {
        // The key, then anything up to the value: "=", ":", spaces, quotes, or nothing at all on a broken line.
        private static readonly Regex SecretLine = new Regex(
            @"\b(aws_secret_access_key|aws_session_token|aws_security_token)\b[\s=:'""]*(?<value>[^\s'""]+)",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        public static IEnumerable<string> Read(SharedFiles files)
        {
            foreach (var path in new[] { files.CredentialsPath, files.ConfigPath })
            {
                foreach (var line in Lines(path))
                {
                    var match = SecretLine.Match(line);
                    if (match.Success) yield return match.Groups["value"].Value;
                }
            }
        }

        private static IEnumerable<string> Lines(string path)
        {
            try
            {
                var info = new FileInfo(path);
                // A shared file is a few kilobytes; anything huge is not one, and reading it would only cost time.
                if (!info.Exists || info.Length > 1024 * 1024) return Array.Empty<string>();
                return File.ReadAllLines(path);
            }
            catch (Exception)
            {
                // Unreadable files hold nothing we could mask; the patterns still apply.
                return Array.Empty<string>();
            }
        }
    }
}
