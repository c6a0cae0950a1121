using System;
using System.Text.RegularExpressions;

namespace EventBusPermissions
{
    /// <summary>Reads and writes <c>arn:&lt;partition&gt;:events:&lt;region&gt;:&lt;account&gt;:event-bus/&lt;name&gt;</c>.</summary>
    internal static class EventBusArn
    {
        // ASCII classes on purpose: \d and \w in .NET also match non-ASCII digits and letters.
        // The name may hold '/', as partner buses' names (aws.partner/...) do.
        private static readonly Regex Pattern = new Regex(
            @"^arn:(aws[A-Za-z0-9_-]*):events:([a-z0-9]+(?:-[a-z0-9]+)+):([0-9]{12}):event-bus/([/._A-Za-z0-9-]+)\z",
            RegexOptions.CultureInvariant);

        internal static bool TryParse(string? arn, out string partition, out string region, out string accountId, out string name)
        {
            var match = arn == null ? null : Pattern.Match(arn);
            if (match == null || !match.Success)
            {
                partition = region = accountId = name = string.Empty;
                return false;
            }

            partition = match.Groups[1].Value;
            region = match.Groups[2].Value;
            accountId = match.Groups[3].Value;
            name = match.Groups[4].Value;
            return true;
        }

        internal static string Format(string partition, string region, string accountId, string name)
        {
            if (partition == null) throw new ArgumentNullException(nameof(partition));
            if (region == null) throw new ArgumentNullException(nameof(region));
            if (accountId == null) throw new ArgumentNullException(nameof(accountId));
            if (name == null) throw new ArgumentNullException(nameof(name));
            return "arn:" + partition + ":events:" + region + ":" + accountId + ":event-bus/" + name;
        }

        /// <summary>The partition a region belongs to, for building ARNs that the service will accept.</summary>
        internal static string PartitionOf(string region)
        {
            if (region == null) throw new ArgumentNullException(nameof(region));

            // The trailing '-' keeps us-iso- from also claiming us-isob- and us-isof-.
            if (StartsWith(region, "cn-")) return "aws-cn";
            if (StartsWith(region, "us-gov-")) return "aws-us-gov";
            if (StartsWith(region, "us-iso-")) return "aws-iso";
            if (StartsWith(region, "us-isob-")) return "aws-iso-b";
            if (StartsWith(region, "us-isof-")) return "aws-iso-f";
            if (StartsWith(region, "eu-isoe-")) return "aws-iso-e";
            if (StartsWith(region, "eusc-")) return "aws-eusc";
            return "aws";
        }

        private static bool StartsWith(string value, string prefix) =>
            value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);
    }
}
