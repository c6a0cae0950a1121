using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;

namespace LocalEventBridge.CredentialServices;

/// <summary>
/// The temporary credentials the credential services handed out: an ASIA... access key id, a secret,
/// a session token and an expiration, for an account and the identity (role and session) they stand for.
/// The signature verifier accepts them beside the fixed test keys until they expire.
/// </summary>
public sealed class IssuedCredentials
{
    private const string KeyAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private readonly ConcurrentDictionary<string, TestCredential> _byAccessKey = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;

    public IssuedCredentials(TimeProvider clock)
    {
        _clock = clock;
    }

    public int Count => _byAccessKey.Count;

    /// <summary>
    /// Issues a new credential for <paramref name="roleArn"/> (<c>arn:&lt;partition&gt;:iam::&lt;account&gt;:role/[path/]name</c>)
    /// and session, valid for <paramref name="lifetime"/>; <paramref name="source"/> names the issuing service.
    /// </summary>
    public TestCredential Issue(string roleArn, string sessionName, string source, TimeSpan lifetime)
    {
        if (!RoleArns.TryParse(roleArn, out string partition, out string accountId, out string roleName))
        {
            throw new ArgumentException($"'{roleArn}' is not a role ARN.", nameof(roleArn));
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        while (true)
        {
            var credential = new TestCredential(
                "ASIA" + RandomText(KeyAlphabet, 16),
                Convert.ToBase64String(RandomNumberGenerator.GetBytes(30)),
                accountId,
                "IQoJbG9jYWwtc3Rz" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(96)))
            {
                // Whole seconds, as every service writes them, so the expiration a client reads is the one enforced.
                Expiration = TruncateToSeconds(_clock.GetUtcNow() + lifetime),
                Arn = $"arn:{partition}:sts::{accountId}:assumed-role/{roleName}/{sessionName}",
                UserId = "AROA" + Fingerprints.Upper(roleArn, 17) + ":" + sessionName,
                Source = source,
                RoleArn = roleArn,
                RoleSessionName = sessionName,
            };
            if (_byAccessKey.TryAdd(credential.AccessKeyId, credential))
            {
                return credential;
            }
        }
    }

    /// <summary>The issued credential with this access key id (expired ones included), or null.</summary>
    public TestCredential? Find(string accessKeyId) => _byAccessKey.GetValueOrDefault(accessKeyId);

    /// <summary>The issued credentials, oldest expiration first.</summary>
    public IReadOnlyList<TestCredential> Snapshot() =>
        _byAccessKey.Values.OrderBy(c => c.Expiration).ThenBy(c => c.AccessKeyId, StringComparer.Ordinal).ToList();

    /// <summary>Makes one issued credential (or, with null, all of them) expire now; answers how many changed.</summary>
    public int Expire(string? accessKeyId = null)
    {
        DateTimeOffset now = TruncateToSeconds(_clock.GetUtcNow());
        int changed = 0;
        foreach (TestCredential credential in _byAccessKey.Values.ToList())
        {
            if (accessKeyId is not null && !string.Equals(credential.AccessKeyId, accessKeyId, StringComparison.Ordinal))
            {
                continue;
            }

            var expired = new TestCredential(credential.AccessKeyId, credential.SecretAccessKey, credential.AccountId, credential.SessionToken)
            {
                Expiration = now,
                Arn = credential.Arn,
                UserId = credential.UserId,
                Source = credential.Source,
                RoleArn = credential.RoleArn,
                RoleSessionName = credential.RoleSessionName,
            };
            _byAccessKey[credential.AccessKeyId] = expired;
            changed++;
        }

        return changed;
    }

    public void Clear() => _byAccessKey.Clear();

    private static string RandomText(string alphabet, int length) =>
        string.Create(length, alphabet, (span, chars) =>
        {
            for (int i = 0; i < span.Length; i++)
            {
                span[i] = chars[RandomNumberGenerator.GetInt32(chars.Length)];
            }
        });

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset time) =>
        new(time.Ticks - (time.Ticks % TimeSpan.TicksPerSecond), time.Offset);
}
