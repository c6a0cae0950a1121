using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;

namespace LocalEventBridge.CredentialServices;

/// <summary>
/// STS AssumeRole, signed by a fixed test key or an issued temporary one (so role chains work): checks the
/// members as STS does, then the role's trust rule (<c>PUT /_local/roles</c>), and issues credentials for the role's account.
/// </summary>
internal static class AssumeRole
{
    public const string Name = "AssumeRole";

    /// <summary>AWS limits a session assumed with temporary role credentials (role chaining) to one hour.</summary>
    private const int ChainedMaxDurationSeconds = 3600;

    public static XElement Run(StsRequest request, LocalCredentialServices services)
    {
        Caller caller = request.Caller!;
        var problems = new List<string>();
        (string roleArn, string sessionName, int seconds) = StsChecks.RoleMembers(request, problems);
        string? externalId = request.Get("ExternalId");
        if (externalId is not null)
        {
            StsChecks.Length(problems, "externalId", externalId, 2, 1224);
        }

        request.Details.Set("roleArn", request.Get("RoleArn"));
        request.Details.Set("roleSessionName", request.Get("RoleSessionName"));
        request.Details.Set("durationSeconds", request.Get("DurationSeconds"));
        request.Details["externalIdPresent"] = externalId is null ? "false" : "true";
        StsChecks.ThrowIfAny(problems);
        StsChecks.RoleArnShape(roleArn);

        if (caller.Source != TestCredential.StaticSource && request.Get("DurationSeconds") is not null && seconds > ChainedMaxDurationSeconds)
        {
            throw StsErrors.Validation("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
        }

        if (services.Settings.RoleRule(roleArn) is { } rule && !Trusts(rule, caller, externalId))
        {
            throw StsErrors.AccessDenied(caller.Arn ?? caller.AccessKeyId, roleArn);
        }

        TestCredential issued = services.Issued.Issue(roleArn, sessionName, Name, TimeSpan.FromSeconds(seconds));
        request.Details.Issued(issued);
        return StsXml.Element("AssumeRoleResult", StsXml.Credentials(issued), StsXml.AssumedRoleUser(issued));
    }

    private static bool Trusts(RoleTrustRule rule, Caller caller, string? externalId)
    {
        bool accountTrusted = rule.TrustedAccounts is not { Count: > 0 } accounts || accounts.Contains(caller.AccountId, StringComparer.Ordinal);
        bool externalIdMatches = rule.ExternalId is null || string.Equals(rule.ExternalId, externalId, StringComparison.Ordinal);
        return accountTrusted && externalIdMatches;
    }
}
