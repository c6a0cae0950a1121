using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace EventBusPermissions.Tests.Client
{
    /// <summary>
    /// An in-process HTTP server for the client's fault cases: it records each request exactly as it arrived
    /// and answers with the responses a test queues (the last one repeats). Real sockets, real HTTP.
    /// </summary>
    internal sealed class RecordingServer : IDisposable
    {
        private readonly HttpListener _listener = new HttpListener();
        private readonly ConcurrentQueue<CannedResponse> _responses = new ConcurrentQueue<CannedResponse>();
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private CannedResponse _last = CannedResponse.Ok("{}");

        public RecordingServer()
        {
            Port = FreePort();
            Url = $"http://127.0.0.1:{Port}";
            _listener.Prefixes.Add(Url + "/");
            _listener.Start();
            Task.Run(LoopAsync);
        }

        public int Port { get; }
        public string Url { get; }
        public List<RecordedRequest> Requests { get; } = new List<RecordedRequest>();

        public RecordingServer Then(CannedResponse response)
        {
            _responses.Enqueue(response);
            return this;
        }

        private async Task LoopAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                HttpListenerContext context;
                try { context = await _listener.GetContextAsync().ConfigureAwait(false); }
                catch (Exception) { return; }

                string body;
                using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8)) body = reader.ReadToEnd();
                var headers = context.Request.Headers.AllKeys.Where(k => k != null).ToDictionary(k => k!, k => context.Request.Headers[k] ?? "", StringComparer.OrdinalIgnoreCase);
                lock (Requests) Requests.Add(new RecordedRequest(context.Request.HttpMethod, context.Request.RawUrl ?? "", headers, body));

                if (_responses.TryDequeue(out var next)) _last = next;
                var response = _last;
                var bytes = Encoding.UTF8.GetBytes(response.Body);
                context.Response.StatusCode = response.Status;
                context.Response.ContentType = "application/x-amz-json-1.1";
                context.Response.Headers["x-amzn-RequestId"] = response.RequestId;
                foreach (var h in response.Headers) context.Response.Headers[h.Key] = h.Value;
                context.Response.ContentLength64 = bytes.Length;
                context.Response.OutputStream.Write(bytes, 0, bytes.Length);
                context.Response.Close();
            }
        }

        private static int FreePort()
        {
            var l = new TcpListener(IPAddress.Loopback, 0);
            l.Start();
            var port = ((IPEndPoint)l.LocalEndpoint).Port;
            l.Stop();
            return port;
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Close();
        }
    }

    internal sealed class RecordedRequest
    {
        public RecordedRequest(string method, string path, IReadOnlyDictionary<string, string> headers, string body)
        {
            Method = method;
            Path = path;
            Headers = headers;
            Body = body;
        }

        public string Method { get; }
        public string Path { get; }
        public IReadOnlyDictionary<string, string> Headers { get; }
        public string Body { get; }
    }

    internal sealed class CannedResponse
    {
        private CannedResponse(int status, string body, string requestId, IDictionary<string, string>? headers)
        {
            Status = status;
            Body = body;
            RequestId = requestId;
            Headers = headers ?? new Dictionary<string, string>();
        }

        public int Status { get; }
        public string Body { get; }
        public string RequestId { get; }
        public IDictionary<string, string> Headers { get; }

        public static CannedResponse Ok(string body = "") => new CannedResponse(200, body, Guid.NewGuid().ToString(), null);

        public static CannedResponse Error(int status, string type, string message, string? requestId = null, IDictionary<string, string>? headers = null)
            => new CannedResponse(status, $"{{\"__type\":\"{type}\",\"message\":\"{message}\"}}", requestId ?? Guid.NewGuid().ToString(), headers);

        public static CannedResponse Raw(int status, string body, string requestId) => new CannedResponse(status, body, requestId, null);
    }
}
