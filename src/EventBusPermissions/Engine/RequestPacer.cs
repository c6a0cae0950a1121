using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using EventBusPermissions.Aws;

namespace EventBusPermissions.Engine
{
    /// <summary>
    /// Paces every request of one command run, across all its buses and regions: at most a given number in flight,
    /// and when any request is throttled, every request of the run waits out one shared pause before it goes. The
    /// pause doubles while throttling goes on and shrinks again as requests succeed, so a throttled account slows the
    /// whole run down instead of failing the buses that happen to be unlucky. (EventBridge's control-plane quota is
    /// per account and region; one pause for the run is the simple, cautious reading of that.)
    /// </summary>
    internal sealed class RequestPacer : IDisposable
    {
        /// <summary>Attempts of one request that keeps being throttled, counting the first (each after the SDK's own retries).</summary>
        public const int MaxThrottledAttempts = 8;

        private const int MaxLevel = 6;
        private readonly SemaphoreSlim _inFlight;
        private readonly TimeSpan _basePause;
        private readonly object _lock = new object();
        private readonly Random _jitter = new Random();
        private DateTime _resumeAtUtc = DateTime.MinValue;
        private int _level;

        /// <param name="limit">Requests in flight at once.</param>
        /// <param name="basePause">The first shared pause after a throttling answer (then 2x, 4x, ... up to 32x), plus jitter of up to as much.</param>
        public RequestPacer(int limit, TimeSpan? basePause = null)
        {
            if (limit < 1) throw new ArgumentOutOfRangeException(nameof(limit), limit, "At least one request must be allowed in flight.");
            Limit = limit;
            _inFlight = new SemaphoreSlim(limit, limit);
            _basePause = basePause ?? TimeSpan.FromMilliseconds(200);
        }

        public int Limit { get; }

        /// <summary>What the pacer did, in words, for the pipeline thread to write as Verbose (the pacer runs on any thread).</summary>
        public ConcurrentQueue<string> Notices { get; } = new ConcurrentQueue<string>();

        /// <summary>Times a request was throttled in this run.</summary>
        public int ThrottledCount => Volatile.Read(ref _throttled);
        private int _throttled;

        /// <summary>
        /// Sends one request when the pause (if any) is over and a slot is free; a throttling answer is sent again
        /// after the shared pause, up to <see cref="MaxThrottledAttempts"/> times. Other failures pass through.
        /// </summary>
        /// <param name="cancellationToken">Ends the waits before sending (never a request in flight: the call gets its own token).</param>
        public async Task<T> RunAsync<T>(string what, Func<Task<T>> call, CancellationToken cancellationToken)
        {
            for (var attempt = 1; ; attempt++)
            {
                await WaitOutPauseAsync(cancellationToken).ConfigureAwait(false);
                await _inFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
                TimeSpan pause;
                try
                {
                    var result = await call().ConfigureAwait(false);
                    Succeeded();
                    return result;
                }
                catch (EventBridgeApiException e) when (e.IsThrottling && attempt < MaxThrottledAttempts)
                {
                    pause = Throttled();
                }
                finally
                {
                    _inFlight.Release();
                }
                Notices.Enqueue($"{what} was throttled: every request of this command waits {(int)pause.TotalMilliseconds} ms first " +
                    $"(attempt {attempt + 1} of {MaxThrottledAttempts}).");
            }
        }

        private async Task WaitOutPauseAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                TimeSpan wait;
                lock (_lock) wait = _resumeAtUtc - DateTime.UtcNow;
                if (wait <= TimeSpan.Zero) return;
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
        }

        private TimeSpan Throttled()
        {
            Interlocked.Increment(ref _throttled);
            lock (_lock)
            {
                _level = Math.Min(MaxLevel, _level + 1);
                var pause = TimeSpan.FromTicks(_basePause.Ticks * (1L << (_level - 1)) + (long)(_basePause.Ticks * _jitter.NextDouble()));
                var resumeAt = DateTime.UtcNow + pause;
                if (resumeAt > _resumeAtUtc) _resumeAtUtc = resumeAt;
                return _resumeAtUtc - DateTime.UtcNow;
            }
        }

        private void Succeeded()
        {
            lock (_lock)
                if (_level > 0) _level--;
        }

        public void Dispose() => _inFlight.Dispose();
    }
}
