using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;

namespace LocalEventBridge;

/// <summary>
/// Replaces the console lifetime: an endpoint hosted inside a test run must not take over the
/// test host's Ctrl+C or SIGTERM, and the command-line entry point handles signals itself.
/// </summary>
internal sealed class QuietHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
