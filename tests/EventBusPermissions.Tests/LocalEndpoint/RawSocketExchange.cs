using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using LocalEventBridge;

namespace EventBusPermissions.Tests.LocalEndpoint;

/// <summary>
/// One signed request written straight onto a TCP socket, counting every byte that comes back, so
/// a test can tell "no answer at all" from anything an HTTP client library might make of it.
/// </summary>
internal static class RawSocketExchange
{
    /// <summary>How many bytes the server sent before closing (or before 10 s of silence).</summary>
    public static async Task<int> BytesAnsweredAsync(LocalEventBridgeServer server, string operation, string body)
    {
        byte[] bodyBytes = Encoding.UTF8.GetBytes(body);
        DateTimeOffset now = DateTimeOffset.UtcNow;
        var signed = new List<KeyValuePair<string, string>>
        {
            new("Host", $"127.0.0.1:{server.Port}"),
            new("X-Amz-Date", now.UtcDateTime.ToString(TestSigV4Signer.DateFormat, CultureInfo.InvariantCulture)),
            new("Content-Type", "application/x-amz-json-1.1"),
            new("X-Amz-Target", "AWSEvents." + operation),
        };
        TestCredential credential = TestCredentials.Default;
        string authorization = TestSigV4Signer.Authorization(signed, bodyBytes, credential.AccessKeyId, credential.SecretAccessKey, "us-east-1", now);

        var head = new StringBuilder("POST / HTTP/1.1\r\n");
        foreach (KeyValuePair<string, string> header in signed)
        {
            head.Append(CultureInfo.InvariantCulture, $"{header.Key}: {header.Value}\r\n");
        }

        head.Append(CultureInfo.InvariantCulture, $"Authorization: {authorization}\r\nContent-Length: {bodyBytes.Length}\r\nConnection: close\r\n\r\n");

        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, server.Port);
        await socket.SendAsync(Encoding.ASCII.GetBytes(head.ToString()));
        await socket.SendAsync(bodyBytes);

        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        byte[] buffer = new byte[4096];
        int total = 0;
        try
        {
            int read;
            while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, patience.Token)) > 0)
            {
                total += read;
            }
        }
        catch (Exception closed) when (closed is SocketException or IOException)
        {
            // A reset instead of a clean close: still the end of the exchange.
        }

        return total;
    }
}
