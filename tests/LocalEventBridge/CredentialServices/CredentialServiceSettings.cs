using System;
using System.Collections.Generic;
using System.Linq;

namespace LocalEventBridge.CredentialServices;

/// <summary>
/// What the credential services accept, set by tests through the <c>/_local/</c> routes (or in process).
/// Each setter replaces its whole section; <see cref="Clear"/> goes back to the defaults of a fresh server.
/// </summary>
public sealed class CredentialServiceSettings
{
    public const string DefaultAccountId = TestCredentials.DefaultAccountId;

    public const string DefaultContainerRoleName = "local-container-role";

    public const string DefaultImdsRoleName = "local-instance-role";

    public const string DefaultImdsRegion = "us-east-1";

    private readonly object _lock = new();
    private IReadOnlyList<RoleTrustRule> _roles = Array.Empty<RoleTrustRule>();
    private IReadOnlyList<string> _webIdentityTokens = Array.Empty<string>();
    private IReadOnlyList<string> _ssoAccessTokens = Array.Empty<string>();
    private IReadOnlyList<SsoClient> _ssoClients = Array.Empty<SsoClient>();
    private ContainerSettings _container = new();
    private ImdsSettings _imds = new();

    public IReadOnlyList<RoleTrustRule> Roles
    {
        get { lock (_lock) { return _roles; } }
    }

    public IReadOnlyList<string> WebIdentityTokens
    {
        get { lock (_lock) { return _webIdentityTokens; } }
    }

    public IReadOnlyList<string> SsoAccessTokens
    {
        get { lock (_lock) { return _ssoAccessTokens; } }
    }

    public IReadOnlyList<SsoClient> SsoClients
    {
        get { lock (_lock) { return _ssoClients; } }
    }

    public ContainerSettings Container
    {
        get { lock (_lock) { return _container; } }
    }

    public ImdsSettings Imds
    {
        get { lock (_lock) { return _imds; } }
    }

    public void SetRoles(IEnumerable<RoleTrustRule> roles)
    {
        List<RoleTrustRule> copy = roles.ToList();
        lock (_lock)
        {
            _roles = copy;
        }
    }

    public void SetWebIdentityTokens(IEnumerable<string> tokens)
    {
        List<string> copy = tokens.ToList();
        lock (_lock)
        {
            _webIdentityTokens = copy;
        }
    }

    public void SetSso(IEnumerable<string> accessTokens, IEnumerable<SsoClient> clients)
    {
        List<string> tokens = accessTokens.ToList();
        List<SsoClient> registered = clients.ToList();
        lock (_lock)
        {
            _ssoAccessTokens = tokens;
            _ssoClients = registered;
        }
    }

    public void SetContainer(ContainerSettings container)
    {
        lock (_lock)
        {
            _container = container;
        }
    }

    public void SetImds(ImdsSettings imds)
    {
        lock (_lock)
        {
            _imds = imds;
        }
    }

    /// <summary>The trust rule of a role, or null when the role is not configured (then anyone may assume it).</summary>
    public RoleTrustRule? RoleRule(string roleArn) =>
        Roles.FirstOrDefault(rule => string.Equals(rule.RoleArn, roleArn, StringComparison.Ordinal));

    /// <summary>Whether the SSO portal accepts this bearer token: a configured access token, or one a client's CreateToken answers.</summary>
    public bool IsSsoAccessToken(string token) =>
        SsoAccessTokens.Contains(token, StringComparer.Ordinal) || SsoClients.Any(c => string.Equals(c.AccessToken, token, StringComparison.Ordinal));

    public void Clear()
    {
        lock (_lock)
        {
            _roles = Array.Empty<RoleTrustRule>();
            _webIdentityTokens = Array.Empty<string>();
            _ssoAccessTokens = Array.Empty<string>();
            _ssoClients = Array.Empty<SsoClient>();
            _container = new ContainerSettings();
            _imds = new ImdsSettings();
        }
    }
}

/// <summary>
/// The container credential route: the Authorization header it demands (none when null) and the role it hands out.
/// </summary>
public sealed record ContainerSettings(
    string? AuthorizationToken = null,
    string AccountId = CredentialServiceSettings.DefaultAccountId,
    string RoleName = CredentialServiceSettings.DefaultContainerRoleName);

/// <summary>The instance metadata service: the instance's role, region and account.</summary>
public sealed record ImdsSettings(
    string RoleName = CredentialServiceSettings.DefaultImdsRoleName,
    string Region = CredentialServiceSettings.DefaultImdsRegion,
    string AccountId = CredentialServiceSettings.DefaultAccountId);
