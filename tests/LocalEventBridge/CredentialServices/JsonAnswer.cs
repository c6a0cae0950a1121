using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace LocalEventBridge.CredentialServices;

/// <summary>The JSON answers of the REST services (SSO portal, SSO OIDC, container credentials, IMDS).</summary>
internal static class JsonAnswer
{
    // Member names exactly as given: the services mix camelCase (SSO) and PascalCase (container, IMDS).
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Task SendAsync(HttpContext http, int status, object value) =>
        HttpResponses.SendAsync(http, status, JsonSerializer.SerializeToUtf8Bytes(value, Options), HttpResponses.JsonContentType);

    /// <summary>A REST-JSON error: the code in the x-amzn-ErrorType header (where the SDKs look first) and in the body.</summary>
    public static Task ErrorAsync(HttpContext http, AwsErrorException error)
    {
        http.Response.Headers["x-amzn-ErrorType"] = error.Code;
        return SendAsync(http, error.HttpStatus, new { __type = error.Code, message = error.Message });
    }
}
