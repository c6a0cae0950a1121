using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;

namespace LocalEventBridge.CredentialServices;

/// <summary>
/// STS AssumeRoleWithWebIdentity, not signed: the WebIdentityToken must be one configured with
/// <c>PUT /_local/web-identity</c> (compared exactly: the SDKs send the token file's content as it is).
/// </summary>
internal static class AssumeRoleWithWebIdentity
{
    public const string Name = "AssumeRoleWithWebIdentity";

    public const string Provider = "local-web-identity-provider";

    public const string Audience = "sts.amazonaws.com";

    public static XElement Run(StsRequest request, LocalCredentialServices services)
    {
        var problems = new List<string>();
        (string roleArn, string sessionName, int seconds) = StsChecks.RoleMembers(request, problems);
        string? token = request.Get("WebIdentityToken");
        StsChecks.Length(problems, "webIdentityToken", token is null ? null : new string('*', token.Length), 4, 20000);

        request.Details.Set("roleArn", request.Get("RoleArn"));
        request.Details.Set("roleSessionName", request.Get("RoleSessionName"));
        request.Details.Set("durationSeconds", request.Get("DurationSeconds"));
        request.Details.Set("tokenFingerprint", Fingerprints.Of(token));
        StsChecks.ThrowIfAny(problems);
        StsChecks.RoleArnShape(roleArn);

        if (!services.Settings.WebIdentityTokens.Contains(token!, StringComparer.Ordinal))
        {
            throw StsErrors.InvalidIdentityToken();
        }

        TestCredential issued = services.Issued.Issue(roleArn, sessionName, Name, TimeSpan.FromSeconds(seconds));
        request.Details.Issued(issued);
        return StsXml.Element("AssumeRoleWithWebIdentityResult",
            StsXml.Credentials(issued),
            StsXml.Element("SubjectFromWebIdentityToken", "subject-" + Fingerprints.Of(token)!["sha256:".Length..]),
            StsXml.AssumedRoleUser(issued),
            StsXml.Element("Provider", Provider),
            StsXml.Element("Audience", Audience));
    }
}
