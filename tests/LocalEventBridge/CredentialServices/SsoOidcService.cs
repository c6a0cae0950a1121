using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace LocalEventBridge.CredentialServices;

/// <summary>
/// SSO OIDC CreateToken (<c>POST /token</c>, JSON), grant type <c>refresh_token</c> only: the client id, secret and
/// refresh token must be those of a client set with <c>PUT /_local/sso</c>; the answer is that client's access token.
/// This is how an SDK refreshes the expired access token of an sso-session.
/// </summary>
internal sealed class SsoOidcService
{
    public const string Path = "/token";

    public const string Operation = "CreateToken";

    private const int ExpiresInSeconds = 3600;

    private readonly LocalCredentialServices _services;
    private readonly CredentialCallLog _log;

    public SsoOidcService(LocalCredentialServices services, CredentialCallLog log)
    {
        _services = services;
        _log = log;
    }

    public static bool Matches(HttpRequest request) => request.Path.Value == Path;

    public async Task HandleAsync(HttpContext http, string requestId)
    {
        var details = new CallDetails();
        (AwsErrorException? error, object? answer) = HttpMethods.IsPost(http.Request.Method)
            ? await CreateTokenAsync(http, details).ConfigureAwait(false)
            : (new AwsErrorException("InvalidRequestException", $"Method {http.Request.Method} is not allowed on {Path}.", StatusCodes.Status405MethodNotAllowed), null);

        _log.Add(requestId, Operation, error?.HttpStatus ?? StatusCodes.Status200OK, error?.Code, details);
        if (error is null)
        {
            await JsonAnswer.SendAsync(http, StatusCodes.Status200OK, answer!).ConfigureAwait(false);
            return;
        }

        // SSO OIDC errors carry OAuth's error and error_description; the code is in x-amzn-ErrorType.
        http.Response.Headers["x-amzn-ErrorType"] = error.Code;
        await JsonAnswer.SendAsync(http, error.HttpStatus, new { error = OAuthError(error.Code), error_description = error.Message }).ConfigureAwait(false);
    }

    private async Task<(AwsErrorException? Error, object? Answer)> CreateTokenAsync(HttpContext http, CallDetails details)
    {
        string? clientId, clientSecret, grantType, refreshToken;
        try
        {
            using JsonDocument body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted).ConfigureAwait(false);
            clientId = Member(body.RootElement, "clientId");
            clientSecret = Member(body.RootElement, "clientSecret");
            grantType = Member(body.RootElement, "grantType");
            refreshToken = Member(body.RootElement, "refreshToken");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return (new AwsErrorException("InvalidRequestException", "The request body must be a JSON object of strings."), null);
        }

        details.Set("clientId", clientId);
        details.Set("grantType", grantType);
        details.Set("refreshTokenFingerprint", Fingerprints.Of(refreshToken));
        if (clientId is null || clientSecret is null || grantType is null)
        {
            return (new AwsErrorException("InvalidRequestException", "clientId, clientSecret and grantType are required."), null);
        }

        if (grantType != "refresh_token")
        {
            return (new AwsErrorException("UnsupportedGrantTypeException", $"Grant type {grantType} is not supported here; only refresh_token is."), null);
        }

        SsoClient? client = _services.Settings.SsoClients.FirstOrDefault(c => c.ClientId == clientId);
        if (client is null || client.ClientSecret != clientSecret)
        {
            return (new AwsErrorException("InvalidClientException", "Invalid client", StatusCodes.Status401Unauthorized), null);
        }

        if (refreshToken is null || client.RefreshToken != refreshToken)
        {
            return (new AwsErrorException("InvalidGrantException", "Invalid refresh token provided"), null);
        }

        details.Set("accessTokenFingerprint", Fingerprints.Of(client.AccessToken));
        return (null, new { accessToken = client.AccessToken, tokenType = "Bearer", expiresIn = ExpiresInSeconds, refreshToken = client.RefreshToken });
    }

    private static string? Member(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement value) && value.ValueKind != JsonValueKind.Null ? value.GetString() : null;

    private static string OAuthError(string code) => code switch
    {
        "InvalidClientException" => "invalid_client",
        "InvalidGrantException" => "invalid_grant",
        "UnsupportedGrantTypeException" => "unsupported_grant_type",
        _ => "invalid_request",
    };
}
