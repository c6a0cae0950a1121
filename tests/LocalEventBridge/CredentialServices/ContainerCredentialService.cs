using System;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace LocalEventBridge.CredentialServices;

/// <summary>
/// Container credentials (ECS, EKS Pod Identity): <c>GET /_local/container-credentials[/anything]</c>, the URL a
/// test puts in AWS_CONTAINER_CREDENTIALS_FULL_URI. When <c>PUT /_local/container</c> set an authorization token,
/// the <c>Authorization</c> header must equal it (401 otherwise). Answers the credentials in the container shape.
/// </summary>
internal sealed class ContainerCredentialService
{
    public const string Prefix = "/_local/container-credentials";

    public const string Operation = "ContainerCredentials";

    public const string SessionName = "local-task";

    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private readonly LocalCredentialServices _services;
    private readonly CredentialCallLog _log;

    public ContainerCredentialService(LocalCredentialServices services, CredentialCallLog log)
    {
        _services = services;
        _log = log;
    }

    public static bool Matches(HttpRequest request)
    {
        string path = request.Path.Value ?? string.Empty;
        return path == Prefix || path.StartsWith(Prefix + "/", StringComparison.Ordinal);
    }

    public async Task HandleAsync(HttpContext http, string requestId)
    {
        ContainerSettings settings = _services.Settings.Container;
        string? authorization = http.Request.Headers.Authorization;
        var details = new CallDetails();
        details["path"] = http.Request.Path.Value!;
        details["authorizationPresent"] = string.IsNullOrEmpty(authorization) ? "false" : "true";
        details.Set("authorizationFingerprint", Fingerprints.Of(string.IsNullOrEmpty(authorization) ? null : authorization));
        if (!HttpMethods.IsGet(http.Request.Method))
        {
            await FailAsync(http, requestId, details, StatusCodes.Status405MethodNotAllowed, "MethodNotAllowed", $"Method {http.Request.Method} is not allowed.").ConfigureAwait(false);
            return;
        }

        if (settings.AuthorizationToken is not null && !string.Equals(authorization, settings.AuthorizationToken, StringComparison.Ordinal))
        {
            await FailAsync(http, requestId, details, StatusCodes.Status401Unauthorized, "Unauthorized", "The Authorization header is missing or wrong.").ConfigureAwait(false);
            return;
        }

        string roleArn = $"arn:aws:iam::{settings.AccountId}:role/{settings.RoleName}";
        TestCredential issued = _services.Issued.Issue(roleArn, SessionName, Operation, Lifetime);
        details.Issued(issued);
        _log.Add(requestId, Operation, StatusCodes.Status200OK, null, details);
        await JsonAnswer.SendAsync(http, StatusCodes.Status200OK, new
        {
            AccessKeyId = issued.AccessKeyId,
            SecretAccessKey = issued.SecretAccessKey,
            Token = issued.SessionToken,
            Expiration = StsXml.Timestamp(issued.Expiration!.Value),
            RoleArn = roleArn,
            AccountId = settings.AccountId,
        }).ConfigureAwait(false);
    }

    private Task FailAsync(HttpContext http, string requestId, CallDetails details, int status, string code, string message)
    {
        _log.Add(requestId, Operation, status, code, details);
        return JsonAnswer.SendAsync(http, status, new { Code = code, Message = message });
    }
}
