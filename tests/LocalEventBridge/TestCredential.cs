using System;
using LocalEventBridge.CredentialServices;

namespace LocalEventBridge;

/// <summary>
/// One credential the endpoint accepts, and the account and identity it belongs to: the fixed keys of
/// <see cref="TestCredentials"/>, or temporary keys the credential services issued
/// (<see cref="CredentialServices.IssuedCredentials"/>), which carry an <see cref="Expiration"/>.
/// </summary>
public sealed class TestCredential
{
    /// <summary>The <see cref="Source"/> of the fixed keys in test-credentials.json.</summary>
    public const string StaticSource = "static";

    public TestCredential(string accessKeyId, string secretAccessKey, string accountId, string? sessionToken = null)
    {
        AccessKeyId = accessKeyId;
        SecretAccessKey = secretAccessKey;
        AccountId = accountId;
        SessionToken = sessionToken;
        Arn = $"arn:aws:iam::{accountId}:user/test";
        UserId = "AIDA" + Fingerprints.Upper(accessKeyId, 17);
    }

    public string AccessKeyId { get; }

    public string SecretAccessKey { get; }

    public string AccountId { get; }

    /// <summary>Set for temporary (ASIA...) credentials; requests must carry it as a signed X-Amz-Security-Token.</summary>
    public string? SessionToken { get; }

    public bool IsTemporary => SessionToken is not null;

    /// <summary>When an issued credential stops being accepted (ExpiredTokenException); null for the fixed keys, which never expire.</summary>
    public DateTimeOffset? Expiration { get; init; }

    /// <summary>The identity GetCallerIdentity answers and the request log records.</summary>
    public string Arn { get; init; }

    /// <summary>GetCallerIdentity's UserId: AIDA... for the fixed keys, AROA...:&lt;session&gt; for assumed roles.</summary>
    public string UserId { get; init; }

    /// <summary>Where the credential came from: <see cref="StaticSource"/>, or the service that issued it (AssumeRole, AssumeRoleWithWebIdentity, SSO, ContainerCredentials, InstanceMetadata).</summary>
    public string Source { get; init; } = StaticSource;

    /// <summary>The role an issued credential stands for; null for the fixed keys.</summary>
    public string? RoleArn { get; init; }

    /// <summary>The session name of an issued credential; null for the fixed keys.</summary>
    public string? RoleSessionName { get; init; }

    public bool IsExpiredAt(DateTimeOffset now) => Expiration is { } expiration && now >= expiration;

    // Deliberately leaves out the secret and the token, so a credential printed in a test
    // failure or a log line never leaks them.
    public override string ToString() =>
        $"{AccessKeyId} (account {AccountId}{(IsTemporary ? ", temporary" : string.Empty)}{(Source == StaticSource ? string.Empty : ", " + Arn)})";
}
