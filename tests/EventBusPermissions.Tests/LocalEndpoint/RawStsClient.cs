using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using System.Xml.Linq;
using LocalEventBridge;

namespace EventBusPermissions.Tests.LocalEndpoint;

/// <summary>Hand-built STS query-protocol calls (form-encoded POST /, SigV4 with signing name sts) to the local endpoint.</summary>
internal sealed class RawStsClient : IDisposable
{
    public static readonly XNamespace Ns = "https://sts.amazonaws.com/doc/2011-06-15/";

    private readonly HttpClient _http = new();
    private readonly LocalEventBridgeServer _server;

    public RawStsClient(LocalEventBridgeServer server)
    {
        _server = server;
    }

    /// <summary>Sends Action=<paramref name="action"/>&amp;Version=2011-06-15 plus the members, signed with <paramref name="credential"/> unless it is null.</summary>
    public async Task<StsAnswer> CallAsync(
        string action, IEnumerable<(string Name, string Value)>? members = null, TestCredential? credential = null,
        string? secretOverride = null, string signingService = "sts", string region = "us-east-1", bool sendSessionToken = true)
    {
        var form = new List<(string, string)> { ("Action", action), ("Version", "2011-06-15") };
        form.AddRange(members ?? Enumerable.Empty<(string, string)>());
        return await SendAsync(string.Join("&", form.Select(m => Uri.EscapeDataString(m.Item1) + "=" + Uri.EscapeDataString(m.Item2))),
            credential, secretOverride, signingService, region, sendSessionToken);
    }

    public async Task<StsAnswer> SendAsync(
        string formBody, TestCredential? credential, string? secretOverride = null, string signingService = "sts", string region = "us-east-1", bool sendSessionToken = true)
    {
        byte[] body = Encoding.UTF8.GetBytes(formBody);
        DateTimeOffset time = DateTimeOffset.UtcNow;
        const string ContentType = "application/x-www-form-urlencoded; charset=utf-8";
        using var message = new HttpRequestMessage(HttpMethod.Post, _server.Url) { Content = new ByteArrayContent(body) };
        message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        if (credential is not null)
        {
            string amzDate = time.UtcDateTime.ToString(TestSigV4Signer.DateFormat, CultureInfo.InvariantCulture);
            var signed = new List<KeyValuePair<string, string>>
            {
                new("Host", $"127.0.0.1:{_server.Port}"),
                new("X-Amz-Date", amzDate),
                new("Content-Type", ContentType),
            };
            if (credential.SessionToken is not null && sendSessionToken)
            {
                signed.Add(new("X-Amz-Security-Token", credential.SessionToken));
                message.Headers.TryAddWithoutValidation("X-Amz-Security-Token", credential.SessionToken);
            }

            message.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
            message.Headers.TryAddWithoutValidation("Authorization", TestSigV4Signer.Authorization(
                signed, body, credential.AccessKeyId, secretOverride ?? credential.SecretAccessKey, region, time, signingService));
        }

        using HttpResponseMessage response = await _http.SendAsync(message);
        string text = await response.Content.ReadAsStringAsync();
        return new StsAnswer((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, text);
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>An STS answer: the status and the XML document.</summary>
internal sealed record StsAnswer(int Status, string? ContentType, string Body)
{
    public XElement Xml => XElement.Parse(Body);

    /// <summary>The text of the first element of this name anywhere in the answer, or null.</summary>
    public string? Value(string name) => Xml.Descendants(RawStsClient.Ns + name).FirstOrDefault()?.Value;

    public string? ErrorCode => Xml.Name == RawStsClient.Ns + "ErrorResponse" ? Value("Code") : null;

    /// <summary>The issued credential of an AssumeRole or AssumeRoleWithWebIdentity answer, as a credential to sign with.</summary>
    public TestCredential Credential(string accountId) =>
        new(Value("AccessKeyId")!, Value("SecretAccessKey")!, accountId, Value("SessionToken"));

    public override string ToString() => $"{Status} {Body}";
}
