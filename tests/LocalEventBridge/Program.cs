using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace LocalEventBridge;

/// <summary>
/// <c>dotnet run --project tests/LocalEventBridge -- --port 0</c>: starts the endpoint, prints
/// exactly one line on stdout (the URL, for scripts to read) and runs until SIGTERM, Ctrl+C or
/// the exit of --parent-pid. Everything else goes to stderr.
/// </summary>
internal static class Program
{
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(10);

    public static async Task<int> Main(string[] args)
    {
        CommandLine? commandLine = CommandLine.Parse(args, out string? error);
        if (commandLine is null)
        {
            await Console.Error.WriteLineAsync(error + Environment.NewLine + CommandLine.Usage).ConfigureAwait(false);
            return 2;
        }

        if (commandLine.ShowHelp)
        {
            Console.WriteLine(CommandLine.Usage);
            return 0;
        }

        DateTime? parentStart = null;
        if (commandLine.ParentPid is int pid)
        {
            parentStart = ParentProcessWatcher.StartTimeOf(pid);
            if (parentStart is null)
            {
                await Console.Error.WriteLineAsync($"Parent process {pid} is not running.").ConfigureAwait(false);
                return 1;
            }
        }

        // Registered before the server starts, so a signal at any moment after this stops it in order.
        using var stop = new CancellationTokenSource();
        using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using PosixSignalRegistration sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);

        LocalEventBridgeServer server = await LocalEventBridgeServer.StartAsync(new LocalEventBridgeOptions
        {
            Port = commandLine.Port,
            PolicySizeLimit = commandLine.PolicySizeLimit,
        }).ConfigureAwait(false);
        try
        {
            Console.Out.WriteLine($"LocalEventBridge listening on {server.ServiceUrl}");
            Console.Out.Flush();
            string reason = await WaitForStopAsync(commandLine.ParentPid, parentStart, stop.Token).ConfigureAwait(false);
            await Console.Error.WriteLineAsync($"LocalEventBridge: {reason}; stopping.").ConfigureAwait(false);
        }
        finally
        {
            // Bounded, so a connection that will not close cannot keep a stopped endpoint alive.
            Task disposing = server.DisposeAsync().AsTask();
            if (await Task.WhenAny(disposing, Task.Delay(ShutdownGrace)).ConfigureAwait(false) != disposing)
            {
                await Console.Error.WriteLineAsync("LocalEventBridge: shutdown timed out; exiting anyway.").ConfigureAwait(false);
            }
        }

        return 0;

        void Stop(PosixSignalContext context)
        {
            // Handled here: the server is disposed in order instead of the runtime ending the process.
            context.Cancel = true;
            stop.Cancel();
        }
    }

    /// <summary>Waits for a signal or the parent's exit, and says which it was.</summary>
    private static async Task<string> WaitForStopAsync(int? parentPid, DateTime? parentStart, CancellationToken stop)
    {
        try
        {
            if (parentPid is int pid && parentStart is DateTime started)
            {
                await ParentProcessWatcher.WaitForExitAsync(pid, started, stop).ConfigureAwait(false);
                return $"parent process {pid} exited";
            }

            await Task.Delay(Timeout.Infinite, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The signal handler cancelled the wait.
        }

        return "signal received";
    }
}
