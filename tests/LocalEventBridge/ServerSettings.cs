using System;
using System.Threading;

namespace LocalEventBridge;

/// <summary>
/// Settings a running server reads on every request, so tests (and later admin routes) can
/// change them without a restart.
/// </summary>
public sealed class ServerSettings
{
    public const int DefaultPolicySizeLimit = 10240;

    private int _policySizeLimit = DefaultPolicySizeLimit;

    /// <summary>The most characters a bus policy may have after a PutPermission (AWS's quota is 10,240).</summary>
    public int PolicySizeLimit
    {
        get => Volatile.Read(ref _policySizeLimit);
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            Volatile.Write(ref _policySizeLimit, value);
        }
    }
}
