using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace LocalEventBridge;

/// <summary>Sends a whole response in one write, so headers and body never wait on each other (Nagle and delayed ACK).</summary>
internal static class HttpResponses
{
    public const string AwsJsonContentType = "application/x-amz-json-1.1";

    public const string JsonContentType = "application/json";

    public static async Task SendAsync(HttpContext context, int status, byte[] body, string contentType)
    {
        HttpResponse response = context.Response;
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        if (body.Length > 0)
        {
            await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        }
    }
}
