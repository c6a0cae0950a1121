using System;

namespace LocalEventBridge.CredentialServices;

/// <summary>
/// The state behind the credential services the AWS SDKs call (STS, the SSO portal and OIDC, container
/// credentials, instance metadata): what tests configured and the temporary credentials handed out.
/// </summary>
public sealed class LocalCredentialServices
{
    internal LocalCredentialServices(TimeProvider clock)
    {
        Clock = clock;
        Issued = new IssuedCredentials(clock);
        Settings = new CredentialServiceSettings();
        ImdsTokens = new ImdsTokens(clock);
    }

    /// <summary>The temporary credentials issued so far; the endpoint accepts them until they expire.</summary>
    public IssuedCredentials Issued { get; }

    /// <summary>Role trust rules, web identity tokens, SSO tokens and clients, the container token, the instance's role and region.</summary>
    public CredentialServiceSettings Settings { get; }

    internal TimeProvider Clock { get; }

    /// <summary>The IMDSv2 session tokens handed out by PUT .../latest/api/token.</summary>
    public ImdsTokens ImdsTokens { get; }

    /// <summary>A fixed test key, else an issued temporary one, else null.</summary>
    public TestCredential? FindCredential(string accessKeyId) => TestCredentials.Find(accessKeyId) ?? Issued.Find(accessKeyId);

    /// <summary>Forgets every setting, issued credential and IMDS token (part of <c>POST /_local/reset</c>).</summary>
    public void Reset()
    {
        Settings.Clear();
        Issued.Clear();
        ImdsTokens.Clear();
    }
}
