using System;
using System.Threading;
using System.Threading.Tasks;
using EventBusPermissions.Aws;

namespace EventBusPermissions.Engine
{
    /// <summary>
    /// A second, slower layer of retries of writes above the SDK's: the SDK retries 5xx a few times quickly, but
    /// leaves ConcurrentModificationException to the caller, and a busy shared bus can outlast its budget. Bounded,
    /// with exponential backoff and jitter, and stopped at once by Ctrl+C. Throttling is not retried here: the
    /// run's <see cref="RequestPacer"/> slows every request down for it.
    /// </summary>
    internal static class TransientRetry
    {
        public const int MaxAttempts = 5;
        private static readonly Random Jitter = new Random();

        public static async Task RunAsync(Func<Task> call, Action<string> onRetry, CancellationToken cancellationToken)
        {
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    await call().ConfigureAwait(false);
                    return;
                }
                catch (EventBridgeApiException e) when (e.IsTransient && !e.IsThrottling && attempt < MaxAttempts)
                {
                    int delayMs;
                    lock (Jitter) delayMs = (int)(100 * Math.Pow(2, attempt - 1)) + Jitter.Next(100);
                    onRetry($"{e.ErrorCode ?? "no answer"}: trying again in {delayMs} ms (attempt {attempt + 1} of {MaxAttempts}).");
                    await Task.Delay(delayMs, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }
}
