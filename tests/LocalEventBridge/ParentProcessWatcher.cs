using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace LocalEventBridge;

/// <summary>
/// Completes when a given process exits, so an endpoint started by a test run never outlives it.
/// Polls, because a process that is not our child cannot be waited on portably; the start time
/// is compared so a recycled process id is not mistaken for the parent.
/// </summary>
internal static class ParentProcessWatcher
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>The parent's start time, or null when no such process is running.</summary>
    public static DateTime? StartTimeOf(int pid)
    {
        try
        {
            using Process process = Process.GetProcessById(pid);
            return process.HasExited ? null : process.StartTime;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    public static async Task WaitForExitAsync(int pid, DateTime startTime, CancellationToken cancellationToken)
    {
        while (StartTimeOf(pid) == startTime)
        {
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }
}
