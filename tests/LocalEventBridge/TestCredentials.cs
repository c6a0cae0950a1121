using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace LocalEventBridge;

/// <summary>
/// The fixed credentials the local endpoint accepts. They are the documentation examples AWS publishes,
/// so they are worthless anywhere else; each access key belongs to one account. They live in
/// test-credentials.json (embedded here) so that the PowerShell test tools read the same list.
/// </summary>
public static class TestCredentials
{
    public const string DefaultAccountId = "123456789012";

    public const string SecondAccountId = "444455556666";

    public static IReadOnlyList<TestCredential> All { get; } = Load();

    /// <summary>AKIAIOSFODNN7EXAMPLE, account 123456789012.</summary>
    public static TestCredential Default => All[0];

    /// <summary>AKIAI44QH8DHBEXAMPLE, account 444455556666.</summary>
    public static TestCredential SecondAccount => All[1];

    /// <summary>ASIAEXAMPLETEMPORARY with session token tempSessionTokenEXAMPLE, account 123456789012.</summary>
    public static TestCredential Temporary => All.First(c => c.IsTemporary);

    /// <summary>The credential with this access key id, or null when the endpoint does not know it.</summary>
    public static TestCredential? Find(string accessKeyId) =>
        All.FirstOrDefault(c => string.Equals(c.AccessKeyId, accessKeyId, StringComparison.Ordinal));

    private static IReadOnlyList<TestCredential> Load()
    {
        using var stream = typeof(TestCredentials).Assembly.GetManifestResourceStream("LocalEventBridge.test-credentials.json")
            ?? throw new InvalidOperationException("test-credentials.json is not embedded in the endpoint.");
        using var document = JsonDocument.Parse(stream);
        return document.RootElement.EnumerateArray().Select(e => new TestCredential(
            e.GetProperty("AccessKey").GetString()!,
            e.GetProperty("SecretKey").GetString()!,
            e.GetProperty("AccountId").GetString()!,
            e.TryGetProperty("SessionToken", out var token) ? token.GetString() : null)).ToArray();
    }
}
