using System;
using System.Collections.Generic;
using System.Globalization;

namespace LocalEventBridge.CredentialServices;

/// <summary>The <see cref="RequestLogEntry.Details"/> of one call, filled as the call goes, so a failed call still shows what it asked for.</summary>
internal sealed class CallDetails : Dictionary<string, string>
{
    public CallDetails()
        : base(StringComparer.Ordinal)
    {
    }

    /// <summary>Sets a member unless the value is null.</summary>
    public void Set(string name, string? value)
    {
        if (value is not null)
        {
            this[name] = value;
        }
    }

    /// <summary>What a test needs to follow an issued credential: its key id (not a secret), identity, account and expiration.</summary>
    public void Issued(TestCredential credential)
    {
        this["issuedAccessKeyId"] = credential.AccessKeyId;
        this["issuedAccountId"] = credential.AccountId;
        this["issuedIdentity"] = credential.Arn;
        this["expiration"] = credential.Expiration!.Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }
}
