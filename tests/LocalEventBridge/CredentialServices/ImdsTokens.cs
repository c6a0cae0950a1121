using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Security.Cryptography;

namespace LocalEventBridge.CredentialServices;

/// <summary>The IMDSv2 session tokens handed out, each valid for the TTL it was asked for.</summary>
public sealed class ImdsTokens
{
    public const int MaxTtlSeconds = 21600;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _expiry = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;

    internal ImdsTokens(TimeProvider clock)
    {
        _clock = clock;
    }

    public string Issue(int ttlSeconds)
    {
        DateTimeOffset now = _clock.GetUtcNow();
        foreach (var stale in _expiry.Where(pair => pair.Value <= now).ToList())
        {
            _expiry.TryRemove(stale.Key, out _);
        }

        string token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(42));
        _expiry[token] = now.AddSeconds(ttlSeconds);
        return token;
    }

    public bool IsValid(string? token) =>
        !string.IsNullOrEmpty(token) && _expiry.TryGetValue(token, out DateTimeOffset expiry) && _clock.GetUtcNow() < expiry;

    public void Clear() => _expiry.Clear();
}
