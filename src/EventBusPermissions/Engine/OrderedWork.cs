using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace EventBusPermissions.Engine
{
    /// <summary>
    /// Runs one piece of work per item, at most a given number at once, and hands the results back in the order of
    /// the items, each as soon as it and every item before it are done. The caller (the cmdlet, on its pipeline
    /// thread) takes them one by one and does everything PowerShell allows only there: output, errors, Verbose,
    /// progress. The work itself must not touch the cmdlet; it returns what happened as data.
    /// </summary>
    internal static class OrderedWork
    {
        /// <param name="limit">How many items may be in flight at once; 1 runs them one after another, in order.</param>
        /// <param name="work">The work for one item; exceptions are caught and handed back through <paramref name="failed"/>.</param>
        /// <param name="failed">Turns an exception of one item into that item's result, so one failure never stops the others.</param>
        public static IEnumerable<TResult> Run<TItem, TResult>(IReadOnlyList<TItem> items, int limit,
            Func<TItem, CancellationToken, Task<TResult>> work, Func<TItem, Exception, TResult> failed, CancellationToken cancellationToken)
        {
            if (items == null) throw new ArgumentNullException(nameof(items));
            if (limit < 1) throw new ArgumentOutOfRangeException(nameof(limit), limit, "At least one item must be allowed in flight.");
            if (items.Count == 0) yield break;

            using (var gate = new SemaphoreSlim(limit, limit))
            {
                async Task<TResult> Gated(TItem item)
                {
                    await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                    try
                    {
                        return await work(item, cancellationToken).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                    {
                        throw;
                    }
                    catch (Exception e)
                    {
                        return failed(item, e);
                    }
                    finally
                    {
                        gate.Release();
                    }
                }

                // Started in item order on this thread: each waits at the gate (which lets waiters through first come,
                // first served), so with a limit of 1 the requests go out exactly as they did one by one.
                var tasks = items.Select(Gated).ToList();
                try
                {
                    foreach (var task in tasks)
                        yield return task.GetAwaiter().GetResult();
                }
                finally
                {
                    // Stopped early (Ctrl+C, or the caller left): let what is in flight finish before the gate goes.
                    try { Task.WaitAll(tasks.Cast<Task>().ToArray()); }
                    catch (AggregateException) { }
                }
            }
        }
    }
}
