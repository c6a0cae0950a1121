using System;

namespace LocalEventBridge;

/// <summary>How to start a <see cref="LocalEventBridgeServer"/>.</summary>
public sealed class LocalEventBridgeOptions
{
    /// <summary>The port on 127.0.0.1; 0 lets the system pick a free one.</summary>
    public int Port { get; init; }

    /// <summary>The initial policy size quota in characters (AWS's default is 10,240); changeable later through <see cref="LocalEventBridgeServer.Settings"/>.</summary>
    public int PolicySizeLimit { get; init; } = ServerSettings.DefaultPolicySizeLimit;

    /// <summary>The clock for signature expiry and timestamps; tests may substitute their own.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Whether Kestrel's and the endpoint's warnings go to stderr; nothing is ever logged to stdout.</summary>
    public bool LogWarningsToStandardError { get; init; } = true;

    /// <summary>How many request-log entries are kept before the oldest are dropped.</summary>
    public int RequestLogCapacity { get; init; } = 100_000;
}
