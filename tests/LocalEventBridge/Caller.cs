namespace LocalEventBridge;

/// <summary>
/// Who signed a verified request, and for which region (taken from the credential scope).
/// <see cref="Arn"/> is the identity the credential stands for (<c>arn:aws:iam::&lt;account&gt;:user/test</c> for the
/// fixed keys, <c>arn:aws:sts::&lt;account&gt;:assumed-role/&lt;role&gt;/&lt;session&gt;</c> for issued ones) and
/// <see cref="Source"/> where the credential came from (<c>static</c>, <c>AssumeRole</c>, <c>SSO</c>, ...).
/// </summary>
public sealed record Caller(string AccessKeyId, string AccountId, string Region, string? Arn = null, string Source = TestCredential.StaticSource)
{
    public string Partition => Arns.PartitionOf(Region);
}
