using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Amazon.Runtime;

namespace EventBusPermissions.Aws.Internal
{
    /// <summary>
    /// Says in words, with secrets masked, what an SDK exception and the exceptions inside it report, so that
    /// errors can leave this assembly without the SDK's exception objects (whose messages and inner chain
    /// would carry secrets and SDK types into PowerShell).
    /// </summary>
    internal static class SdkFailure
    {
        private const int MaxDepth = 5;

        /// <summary>The distinct messages of the exception and its inner exceptions, scrubbed, in one sentence run.</summary>
        public static string Describe(Exception e, SecretScrubber scrubber)
        {
            var messages = new List<string>();
            foreach (var ex in Chain(e))
            {
                // "The type initializer for 'X' threw an exception." says nothing a user can act on; Hint does.
                if (ex is TypeInitializationException || ex is CredentialsUnavailableException || ex is AggregateException) continue;
                var text = ex.Message?.Trim();
                if (string.IsNullOrEmpty(text) || messages.Any(m => m.Contains(text!))) continue;
                messages.Add(text!);
            }
            var joined = messages.Count == 0 ? "no reason was given." : string.Join(" ", messages.Select(EndSentence));
            return scrubber.Scrub(joined + Hint(e));
        }

        /// <summary>The setup failure this exception means, when it can tell; null otherwise.</summary>
        public static string? Reason(Exception e)
        {
            var chain = Chain(e).ToList();
            if (chain.Any(x => x is InvalidDataException || IsIniParseError(x.Message))) return SetupFailure.InvalidCredentialsFile;
            if (chain.Any(x => x is ProcessAWSCredentialException || x is CredentialsUnavailableException)) return SetupFailure.CredentialProviderFailed;
            return null;
        }

        // The SDK's own words when a line of a shared file is neither a section, a property nor a comment; it also
        // turns up inside the message of the default chain's AmazonClientException, with no inner exception.
        private static bool IsIniParseError(string? message)
            => message != null && message.IndexOf("does not contain a section, property or comment", StringComparison.OrdinalIgnoreCase) >= 0;

        // A static initializer of the SDK read the broken file and failed; .NET keeps that failure for the process.
        private static string Hint(Exception e)
            => Chain(e).Any(x => x is TypeInitializationException)
                ? " The AWS SDK read the file when it started and keeps that failure: after correcting the file, start a new PowerShell session."
                : "";

        private static IEnumerable<Exception> Chain(Exception e)
        {
            var pending = new Queue<(Exception Ex, int Depth)>();
            pending.Enqueue((e, 0));
            while (pending.Count > 0)
            {
                var (ex, depth) = pending.Dequeue();
                yield return ex;
                if (depth >= MaxDepth) continue;
                if (ex is AggregateException aggregate)
                    foreach (var inner in aggregate.InnerExceptions) pending.Enqueue((inner, depth + 1));
                else if (ex.InnerException != null)
                    pending.Enqueue((ex.InnerException, depth + 1));
            }
        }

        private static string EndSentence(string text)
            => text.EndsWith(".", StringComparison.Ordinal) || text.EndsWith("!", StringComparison.Ordinal) || text.EndsWith("?", StringComparison.Ordinal) ? text : text + ".";
    }
}
