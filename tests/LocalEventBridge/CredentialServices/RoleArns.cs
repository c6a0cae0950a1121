using System.Text.RegularExpressions;

namespace LocalEventBridge.CredentialServices;

/// <summary>IAM role ARNs: <c>arn:&lt;partition&gt;:iam::&lt;12 digits&gt;:role/[path/]name</c>, as STS checks them.</summary>
public static partial class RoleArns
{
    public static bool TryParse(string? text, out string partition, out string accountId, out string roleName)
    {
        Match match = text is null ? Match.Empty : Pattern().Match(text);
        partition = match.Groups["partition"].Value;
        accountId = match.Groups["account"].Value;
        roleName = match.Groups["name"].Value;
        return match.Success;
    }

    [GeneratedRegex(@"^arn:(?<partition>aws[a-z-]*):iam::(?<account>[0-9]{12}):role/(?:[A-Za-z0-9_+=,.@-]+/)*(?<name>[A-Za-z0-9_+=,.@-]{1,64})\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
