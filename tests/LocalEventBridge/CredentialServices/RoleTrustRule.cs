using System.Collections.Generic;

namespace LocalEventBridge.CredentialServices;

/// <summary>
/// Who may assume a configured role: callers of <see cref="TrustedAccounts"/> (any account when empty), and only
/// with <see cref="ExternalId"/> when one is set. A role without a rule may be assumed by anyone.
/// </summary>
public sealed record RoleTrustRule(string RoleArn, string? ExternalId = null, IReadOnlyList<string>? TrustedAccounts = null);
