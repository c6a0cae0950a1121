namespace LocalEventBridge;

/// <summary>One fixed credential the endpoint accepts, and the account it belongs to.</summary>
public sealed class TestCredential
{
    public TestCredential(string accessKeyId, string secretAccessKey, string accountId, string? sessionToken = null)
    {
        AccessKeyId = accessKeyId;
        SecretAccessKey = secretAccessKey;
        AccountId = accountId;
        SessionToken = sessionToken;
    }

    public string AccessKeyId { get; }

    public string SecretAccessKey { get; }

    public string AccountId { get; }

    /// <summary>Set for temporary (ASIA...) credentials; requests must carry it as a signed X-Amz-Security-Token.</summary>
    public string? SessionToken { get; }

    public bool IsTemporary => SessionToken is not null;

    // Deliberately leaves out the secret and the token, so a credential printed in a test
    // failure or a log line never leaks them.
    public override string ToString() => $"{AccessKeyId} (account {AccountId}{(IsTemporary ? ", temporary" : string.Empty)})";
}
