using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace EventBusPermissions.Engine
{
    /// <summary>
    /// Drives a change on many buses from the cmdlet's pipeline thread, at most <c>limit</c> buses at once:
    /// <list type="number">
    /// <item>each bus is read off the thread, up to <c>limit</c> buses ahead;</item>
    /// <item>on the thread, in input order, the bus is planned and every question is asked (ShouldProcess, confirmation);</item>
    /// <item>the approved work (writes, read-back) runs off the thread, writing only to the bus's <see cref="BusReport"/>;</item>
    /// <item>on the thread, each report is written out bus by bus in input order: the first bus not written out yet is
    /// written as its work goes on, every later one once it is that first bus.</item>
    /// </list>
    /// With a limit of 1 this is one bus after another: read, plan, work, report, then the next. Ctrl+C (the token)
    /// lets writes in flight finish, starts none, and takes back the reported-to-be changes that can no longer be
    /// reported; so does a failure to write (-ErrorAction Stop turns an error into one). A terminating error while
    /// planning still writes the reports of the buses already done.
    /// </summary>
    internal static class BusPipeline
    {
        /// <param name="read">Starts reading one bus; called on the pipeline thread (it may connect there), returns the read as a task.</param>
        /// <param name="plan">On the pipeline thread: plans the bus and asks; returns the work to run off the thread, or null for none.</param>
        /// <param name="failed">Turns an unexpected exception of one bus's work into its error record, so one bus never stops the others.</param>
        /// <param name="progress">On the pipeline thread, after each bus's report is written: (buses done, buses in all).</param>
        public static void Run<TItem, TRead>(IReadOnlyList<TItem> items, int limit,
            Func<TItem, BusReport, Task<TRead>> read,
            Func<TItem, TRead, BusReport, Func<Task>?> plan,
            IReportSink sink,
            Func<TItem, Exception, ErrorRecord> failed,
            Action<int, int>? progress,
            CancellationToken stop)
        {
            if (limit < 1) throw new ArgumentOutOfRangeException(nameof(limit), limit, "At least one bus must be allowed at once.");
            var runs = items.Select(i => new BusRun<TItem, TRead>(i)).ToList();
            int planned = 0, written = 0, readsStarted = 0;
            var writing = false; // true while the sink writes: what it throws (Ctrl+C, -ErrorAction Stop) ends all writing

            void Write(BusReport report)
            {
                writing = true;
                report.WriteTo(sink);
                writing = false;
            }

            void WriteNext()
            {
                var run = runs[written];
                // The first bus not written out is written as it goes (its entries come after everything written so far).
                while (!run.Work!.IsCompleted)
                {
                    Write(run.Report);
                    Task.WaitAny(run.Work, run.Report.Added);
                }
                try
                {
                    run.Work!.GetAwaiter().GetResult();
                }
                catch (Exception e) when (!IsStop(e, stop))
                {
                    run.Report.Error(failed(run.Item, e));
                }
                Write(run.Report);
                written++;
                progress?.Invoke(written, runs.Count);
            }

            try
            {
                for (planned = 0; planned < runs.Count; planned++)
                {
                    // At most `limit` buses between planned and written; write what is done already, in order, and what
                    // the first bus not written out has said so far.
                    while (written < planned && (planned - written >= limit || runs[written].Work!.IsCompleted)) WriteNext();
                    if (written < planned) Write(runs[written].Report);
                    for (; readsStarted < Math.Min(runs.Count, planned + limit); readsStarted++)
                    {
                        var run = runs[readsStarted];
                        try { run.Read = read(run.Item, run.Report); }
                        catch (Exception e) { run.Read = FromException<TRead>(e); } // e.g. a terminating error on connect: raised when its bus's turn comes
                    }

                    var current = runs[planned];
                    var result = current.Read!.GetAwaiter().GetResult();
                    var work = plan(current.Item, result, current.Report);
                    current.Work = work == null ? Task.CompletedTask : Task.Run(work);
                }
                while (written < runs.Count) WriteNext();
            }
            catch (Exception e)
            {
                var stopped = IsStop(e, stop);
                // Nothing is left running behind the command: what is in flight finishes first.
                WaitQuietly(runs.Take(readsStarted).Select(r => (Task?)r.Read).Concat(runs.Take(planned + 1).Select(r => (Task?)r.Work)));
                if (!stopped && !writing)
                {
                    // A failure while planning (a terminating error on connect, say): the buses done before it are reported,
                    // as they would have been one by one, then it is raised. A failure while writing ends all writing.
                    try
                    {
                        for (; written < Math.Min(planned, runs.Count); written++)
                        {
                            if (runs[written].Work?.IsFaulted == true && !IsStop(runs[written].Work!.Exception!.GetBaseException(), stop))
                                runs[written].Report.Error(failed(runs[written].Item, runs[written].Work!.Exception!.GetBaseException()));
                            runs[written].Report.WriteTo(sink);
                        }
                    }
                    catch (Exception writeFailure)
                    {
                        stopped = IsStop(writeFailure, stop);
                    }
                }
                for (var i = written; i < runs.Count; i++) runs[i].Report.TakeBackUnwritten();
                if (stopped) throw new PipelineStoppedException();
                throw;
            }
        }

        private static bool IsStop(Exception e, CancellationToken stop)
            => e is PipelineStoppedException || (e is OperationCanceledException && stop.IsCancellationRequested);

        private static Task<T> FromException<T>(Exception e)
        {
            var source = new TaskCompletionSource<T>();
            source.SetException(e);
            return source.Task;
        }

        private static void WaitQuietly(IEnumerable<Task?> tasks)
        {
            foreach (var task in tasks)
            {
                if (task == null) continue;
                try { task.Wait(); }
                catch (AggregateException) { }
            }
        }

        private sealed class BusRun<TItem, TRead>
        {
            public BusRun(TItem item) => Item = item;

            public TItem Item { get; }
            public BusReport Report { get; } = new BusReport();
            public Task<TRead>? Read { get; set; }
            public Task? Work { get; set; }
        }
    }
}
