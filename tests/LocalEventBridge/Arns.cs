using System;
using System.Text.RegularExpressions;

namespace LocalEventBridge;

/// <summary>Partitions and the ARNs built from them; the partition follows the region, as on AWS.</summary>
public static partial class Arns
{
    public static string PartitionOf(string region)
    {
        if (region.StartsWith("cn-", StringComparison.Ordinal))
        {
            return "aws-cn";
        }

        return region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov" : "aws";
    }

    public static string EventBus(string region, string accountId, string name) =>
        $"arn:{PartitionOf(region)}:events:{region}:{accountId}:event-bus/{name}";

    public static string AccountRoot(string region, string accountId) =>
        $"arn:{PartitionOf(region)}:iam::{accountId}:root";

    /// <summary>Splits an event-bus ARN; false when the text is not one.</summary>
    public static bool TryParseEventBus(string text, out string partition, out string region, out string accountId, out string name)
    {
        Match match = EventBusArnPattern().Match(text);
        partition = match.Groups["partition"].Value;
        region = match.Groups["region"].Value;
        accountId = match.Groups["account"].Value;
        name = match.Groups["name"].Value;
        return match.Success;
    }

    [GeneratedRegex(@"^arn:(?<partition>aws[\w-]*):events:(?<region>[a-z0-9-]+):(?<account>\d{12}):event-bus/(?<name>[/\.\-_A-Za-z0-9]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex EventBusArnPattern();
}
