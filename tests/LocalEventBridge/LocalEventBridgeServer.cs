using System;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using LocalEventBridge.CredentialServices;
using LocalEventBridge.FaultInjection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LocalEventBridge;

/// <summary>
/// A local EventBridge-compatible endpoint on 127.0.0.1, for tests in process
/// (<c>await using var server = await LocalEventBridgeServer.StartAsync();</c>) and behind the command line.
/// </summary>
public sealed class LocalEventBridgeServer : IAsyncDisposable
{
    // Far above any policy the quota allows, small enough that a runaway client cannot exhaust memory.
    private const long MaxRequestBodyBytes = 1024 * 1024;

    private readonly WebApplication _app;
    private readonly ServiceEndpoint _service;
    private readonly AdminRoutes _admin;
    private readonly CredentialServiceRoutes _credentialRoutes;
    private readonly int _initialPolicySizeLimit;
    private int _disposed;

    private LocalEventBridgeServer(WebApplication app, LocalEventBridgeOptions options)
    {
        _app = app;
        Clock = options.TimeProvider;
        StartedAt = options.TimeProvider.GetUtcNow();
        Buses = new EventBusStore(StartedAt);
        Requests = new RequestLog(options.RequestLogCapacity);
        _initialPolicySizeLimit = options.PolicySizeLimit;
        Settings = new ServerSettings { PolicySizeLimit = options.PolicySizeLimit };
        Faults = new FaultInjector();
        Credentials = new LocalCredentialServices(options.TimeProvider);
        ILogger logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("LocalEventBridge");

        // One verifier for EventBridge and STS: the fixed test keys and every temporary key the credential services issued.
        var verifier = new SigV4Verifier(options.TimeProvider, Credentials.FindCredential);
        _service = new ServiceEndpoint(Buses, Requests, Settings, Faults, options.TimeProvider, verifier, logger, app.Lifetime.ApplicationStopping);
        _credentialRoutes = new CredentialServiceRoutes(Credentials, verifier, Requests, options.TimeProvider, logger);
        _admin = new AdminRoutes(this);
        CredentialAdminRoutes.Register(_admin, Credentials);
        app.Run(DispatchAsync);
    }

    /// <summary>The port actually bound (useful when 0 was asked for).</summary>
    public int Port { get; private set; }

    /// <summary>The endpoint URL with a trailing slash, e.g. http://127.0.0.1:54321/.</summary>
    public Uri Url => new($"http://127.0.0.1:{Port}/");

    /// <summary>The endpoint URL without a trailing slash, as given to --endpoint-url or an SDK's ServiceURL.</summary>
    public string ServiceUrl => $"http://127.0.0.1:{Port}";

    public DateTimeOffset StartedAt { get; }

    /// <summary>The clock of signatures and timestamps (<see cref="LocalEventBridgeOptions.TimeProvider"/>), for admin routes that change a bus.</summary>
    internal TimeProvider Clock { get; }

    public RequestLog Requests { get; }

    public EventBusStore Buses { get; }

    public ServerSettings Settings { get; }

    /// <summary>The fault rules in force: throttling, errors, dropped connections, delays and lost updates on demand.</summary>
    public FaultInjector Faults { get; }

    /// <summary>The credential services (STS, SSO, container credentials, IMDS): their settings and the temporary credentials they issued.</summary>
    public LocalCredentialServices Credentials { get; }

    public static async Task<LocalEventBridgeServer> StartAsync(LocalEventBridgeOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new LocalEventBridgeOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, 65535);

        // The empty builder reads no appsettings or ASPNETCORE_* variables, so nothing in the
        // environment can move the endpoint off 127.0.0.1 or make it chatty on stdout.
        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(LocalEventBridgeServer).Assembly.GetName().Name,
        });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            kestrel.Listen(IPAddress.Loopback, options.Port);
        });
        builder.Services.AddSingleton<IHostLifetime, QuietHostLifetime>();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (options.LogWarningsToStandardError)
        {
            builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        }

        var server = new LocalEventBridgeServer(builder.Build(), options);
        try
        {
            await server._app.StartAsync(cancellationToken).ConfigureAwait(false);
            server.Port = server.BoundPort();
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Back to the state just after start, as <c>POST /_local/reset</c> does: no buses but the
    /// defaults, an empty request log, no fault rules, the policy size limit the server started with, and
    /// no credential-service settings, issued credentials or IMDS tokens.
    /// </summary>
    public void Reset()
    {
        Faults.Clear();
        Credentials.Reset();
        Settings.PolicySizeLimit = _initialPolicySizeLimit;
        Buses.Clear();
        Requests.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private int BoundPort()
    {
        IServerAddressesFeature addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()
            ?? throw new InvalidOperationException("Kestrel did not report the address it bound.");
        return new Uri(addresses.Addresses.First()).Port;
    }

    private Task DispatchAsync(HttpContext http)
    {
        // Every response carries a request id, as AWS's do, errors and admin routes included.
        string requestId = Guid.NewGuid().ToString();
        http.Response.Headers["x-amzn-RequestId"] = requestId;
        string path = http.Request.Path.Value ?? string.Empty;
        if (_credentialRoutes.Find(http.Request) is { } credentialService)
        {
            return credentialService(http, requestId);
        }

        if (path == "/")
        {
            return _service.HandleAsync(http, requestId);
        }

        if (path.StartsWith(AdminRoutes.Prefix, StringComparison.Ordinal))
        {
            return _admin.HandleAsync(http);
        }

        AwsErrorException error = AwsErrors.UnknownOperation(path);
        return HttpResponses.SendAsync(http, StatusCodes.Status404NotFound, ResponseJson.Error(error), HttpResponses.AwsJsonContentType);
    }
}
