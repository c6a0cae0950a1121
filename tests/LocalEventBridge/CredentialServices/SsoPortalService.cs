using System;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace LocalEventBridge.CredentialServices;

/// <summary>
/// The SSO portal's GetRoleCredentials: <c>GET /federation/credentials?role_name=R&amp;account_id=A</c> with the
/// access token in <c>x-amz-sso_bearer_token</c>; issues credentials for account A as the role
/// <c>AWSReservedSSO_R</c>, expiration in epoch milliseconds.
/// </summary>
internal sealed partial class SsoPortalService
{
    public const string Path = "/federation/credentials";

    public const string Operation = "GetRoleCredentials";

    public const string SessionName = "local-sso-user";

    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private readonly LocalCredentialServices _services;
    private readonly CredentialCallLog _log;

    public SsoPortalService(LocalCredentialServices services, CredentialCallLog log)
    {
        _services = services;
        _log = log;
    }

    public static bool Matches(HttpRequest request) => request.Path.Value == Path;

    public async Task HandleAsync(HttpContext http, string requestId)
    {
        var details = new CallDetails();
        string? token = http.Request.Headers["x-amz-sso_bearer_token"];
        string? roleName = http.Request.Query["role_name"];
        string? accountId = http.Request.Query["account_id"];
        details.Set("roleName", roleName);
        details.Set("accountId", accountId);
        details.Set("tokenFingerprint", Fingerprints.Of(token));
        AwsErrorException? error = null;
        object? answer = null;
        if (!HttpMethods.IsGet(http.Request.Method))
        {
            error = new AwsErrorException("InvalidRequestException", $"Method {http.Request.Method} is not allowed on {Path}.", StatusCodes.Status405MethodNotAllowed);
        }
        else if (string.IsNullOrEmpty(token) || !_services.Settings.IsSsoAccessToken(token))
        {
            error = new AwsErrorException("UnauthorizedException", "Session token not found or invalid", StatusCodes.Status401Unauthorized);
        }
        else if (accountId is null || !AccountPattern().IsMatch(accountId) || roleName is null || !RoleNamePattern().IsMatch(roleName))
        {
            error = new AwsErrorException("InvalidRequestException", "role_name (a permission set name) and account_id (12 digits) are required.");
        }
        else
        {
            TestCredential issued = _services.Issued.Issue(
                $"arn:aws:iam::{accountId}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_{roleName}", SessionName, "SSO", Lifetime);
            details.Issued(issued);
            answer = new
            {
                roleCredentials = new
                {
                    accessKeyId = issued.AccessKeyId,
                    secretAccessKey = issued.SecretAccessKey,
                    sessionToken = issued.SessionToken,
                    expiration = issued.Expiration!.Value.ToUnixTimeMilliseconds(),
                },
            };
        }

        _log.Add(requestId, Operation, error?.HttpStatus ?? StatusCodes.Status200OK, error?.Code, details);
        await (error is null ? JsonAnswer.SendAsync(http, StatusCodes.Status200OK, answer!) : JsonAnswer.ErrorAsync(http, error)).ConfigureAwait(false);
    }

    [GeneratedRegex("^[0-9]{12}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex AccountPattern();

    [GeneratedRegex("^[A-Za-z0-9_+=,.@-]{1,32}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex RoleNamePattern();
}
