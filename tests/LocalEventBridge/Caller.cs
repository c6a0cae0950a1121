namespace LocalEventBridge;

/// <summary>Who signed a verified request, and for which region (taken from the credential scope).</summary>
public sealed record Caller(string AccessKeyId, string AccountId, string Region)
{
    public string Partition => Arns.PartitionOf(Region);
}
