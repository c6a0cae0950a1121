using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using LocalEventBridge;

namespace EventBusPermissions.Tests.LocalEndpoint;

/// <summary>Sends hand-built, hand-signed requests to the local endpoint, for the cases no SDK would produce.</summary>
internal sealed class RawEventBridgeClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly LocalEventBridgeServer _server;

    public RawEventBridgeClient(LocalEventBridgeServer server)
        : this(server, new HttpClient())
    {
    }

    /// <summary>With a client of the test's own (e.g. a short timeout); it is disposed with this one.</summary>
    public RawEventBridgeClient(LocalEventBridgeServer server, HttpClient http)
    {
        _server = server;
        _http = http;
    }

    public Task<RawResponse> CallAsync(string operation, string body, Action<RawRequest>? configure = null)
    {
        var request = new RawRequest(operation, body);
        configure?.Invoke(request);
        return SendAsync(request);
    }

    public async Task<RawResponse> SendAsync(RawRequest request)
    {
        byte[] body = Encoding.UTF8.GetBytes(request.Body);
        DateTimeOffset time = request.Time ?? DateTimeOffset.UtcNow;
        string host = $"127.0.0.1:{_server.Port}";

        // Headers that are sent and signed; content-type goes on the content, the rest on the request.
        var signed = new List<KeyValuePair<string, string>>
        {
            new("Host", host),
            new("X-Amz-Date", time.UtcDateTime.ToString(TestSigV4Signer.DateFormat, CultureInfo.InvariantCulture)),
        };
        var unsigned = new List<KeyValuePair<string, string>>();
        var optional = new List<KeyValuePair<string, string>> { new("Content-Type", "application/x-amz-json-1.1") };
        if (request.Target is not null)
        {
            optional.Add(new("X-Amz-Target", request.Target));
        }

        (request.SignOptionalHeaders ? signed : unsigned).AddRange(optional);
        if (request.ContentSha256 is not null)
        {
            signed.Add(new("X-Amz-Content-SHA256", request.ContentSha256));
        }

        string? token = request.SessionToken ?? request.Credential.SessionToken;
        if (token is not null && request.SendSessionToken)
        {
            (request.SignSessionToken ? signed : unsigned).Add(new("X-Amz-Security-Token", token));
        }

        signed.AddRange(request.ExtraHeaders);

        using var message = new HttpRequestMessage(HttpMethod.Post, _server.Url) { Content = new ByteArrayContent(body) };
        foreach (KeyValuePair<string, string> header in signed.Concat(unsigned))
        {
            string name = request.HeaderCase(header.Key);
            if (header.Key.Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                continue; // HttpClient sends Host from the URL; the signer still signs the same value.
            }

            if (header.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(header.Value);
            }
            else
            {
                message.Headers.TryAddWithoutValidation(name, header.Value);
            }
        }

        if (request.Sign)
        {
            message.Headers.TryAddWithoutValidation("Authorization", TestSigV4Signer.Authorization(
                signed,
                body,
                request.AccessKeyIdOverride ?? request.Credential.AccessKeyId,
                request.SecretOverride ?? request.Credential.SecretAccessKey,
                request.Region,
                time));
        }

        using HttpResponseMessage response = await _http.SendAsync(message);
        string text = await response.Content.ReadAsStringAsync();
        string? requestId = response.Headers.TryGetValues("x-amzn-RequestId", out IEnumerable<string>? ids) ? ids.Single() : null;
        return new RawResponse(
            (int)response.StatusCode,
            text,
            requestId,
            response.Content.Headers.ContentType?.MediaType,
            response.Content.Headers.ContentLength);
    }

    public static string Sha256Hex(string body) => TestSigV4Signer.Hex(SHA256.HashData(Encoding.UTF8.GetBytes(body)));

    public void Dispose() => _http.Dispose();
}
