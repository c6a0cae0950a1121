using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading.Tasks;

namespace EventBusPermissions.Engine
{
    /// <summary>Where a bus's report is written in the end: the cmdlet, on its pipeline thread.</summary>
    internal interface IReportSink
    {
        void WriteObject(object value);
        void WriteError(ErrorRecord error);
        void WriteWarning(string message);
        void WriteVerbose(string message);
        void WriteProgress(ProgressRecord progress);
    }

    /// <summary>
    /// What the work on one bus produced (objects, errors, warnings, Verbose), kept in order as data so that the work
    /// can run on any thread and the cmdlet writes it on its own, bus by bus. An object that stands for a change the
    /// user must hear about can carry a take-back: if the object can never be written (Ctrl+C), the change is undone,
    /// so the bus holds exactly what was reported.
    /// </summary>
    internal sealed class BusReport
    {
        private readonly object _lock = new object();
        private readonly List<Entry> _entries = new List<Entry>();
        private readonly List<TakeBack> _held = new List<TakeBack>();
        private int _written;
        private TaskCompletionSource<bool> _added = NewSignal();

        /// <summary>An object that reports no change (AlreadyGranted, NotGranted, a bus read).</summary>
        public void Object(object value)
        {
            if (value is EventBusPermission permission && IsChange(permission.Status))
                throw new InvalidOperationException($"A {permission.Status} permission reports a change: report it with Change, which carries its take-back.");
            Add(new Entry(EntryKind.Object, value, null));
        }

        /// <summary>
        /// An object that reports a change the command made (Granted, Replaced, Revoked), with the change's inverse: if
        /// the object can never be written, <see cref="TakeBackUnwritten"/> undoes the change. Every write path reports
        /// its changes here, so none can forget its take-back. <paramref name="takeBack"/> is null only for the later
        /// objects of one change (a statement removed whole reports each of its principals): the first carries it.
        /// </summary>
        public void Change(EventBusPermission value, TakeBack? takeBack) => Add(new Entry(EntryKind.Object, value, takeBack));

        /// <summary>
        /// The take-backs of a change that is made but not yet reported (a whole-policy write whose read-back is still to
        /// come): if the command stops before its objects are reported, they are undone with the unwritten objects'.
        /// </summary>
        public void Hold(IEnumerable<TakeBack> takeBacks)
        {
            lock (_lock) _held.AddRange(takeBacks);
        }

        /// <summary>The change's objects are being reported now, each with its own take-back: the held ones are no longer needed.</summary>
        public void ReleaseHeld()
        {
            lock (_lock) _held.Clear();
        }

        private static bool IsChange(PermissionStatus? status)
            => status == PermissionStatus.Granted || status == PermissionStatus.Replaced || status == PermissionStatus.Revoked;
        public void Error(ErrorRecord error) => Add(new Entry(EntryKind.Error, error, null));
        public void Warning(string message) => Add(new Entry(EntryKind.Warning, message, null));
        public void Verbose(string message) => Add(new Entry(EntryKind.Verbose, message, null));
        public void Progress(ProgressRecord progress) => Add(new Entry(EntryKind.Progress, progress, null));

        /// <summary>Completes when an entry is added after this was read: lets the pipeline thread write a bus's report as it grows.</summary>
        public Task Added
        {
            get { lock (_lock) return _written < _entries.Count ? Task.CompletedTask : _added.Task; }
        }

        /// <summary>Entries not written yet.</summary>
        public int Pending
        {
            get { lock (_lock) return _entries.Count - _written; }
        }

        /// <summary>
        /// Writes every entry not written yet, in order. When the sink throws (the pipeline stopped), the entry that
        /// failed counts as not written, and <see cref="TakeBackUnwritten"/> undoes it with the rest.
        /// </summary>
        public void WriteTo(IReportSink sink)
        {
            while (true)
            {
                Entry entry;
                lock (_lock)
                {
                    if (_written == _entries.Count) return;
                    entry = _entries[_written];
                }
                switch (entry.Kind)
                {
                    case EntryKind.Object: sink.WriteObject(entry.Value); break;
                    case EntryKind.Error: sink.WriteError((ErrorRecord)entry.Value); break;
                    case EntryKind.Warning: sink.WriteWarning((string)entry.Value); break;
                    case EntryKind.Progress: sink.WriteProgress((ProgressRecord)entry.Value); break;
                    default: sink.WriteVerbose((string)entry.Value); break;
                }
                lock (_lock) _written++;
            }
        }

        /// <summary>Undoes the change of every object not written (see <see cref="TakeBack.RunAll"/>), once each.</summary>
        public void TakeBackUnwritten()
        {
            var takeBacks = new List<TakeBack>();
            lock (_lock)
            {
                for (var i = _written; i < _entries.Count; i++)
                {
                    if (_entries[i].TakeBack != null) takeBacks.Add(_entries[i].TakeBack!);
                }
                _written = _entries.Count;
                takeBacks.AddRange(_held);
                _held.Clear();
            }
            TakeBack.RunAll(takeBacks);
        }

        private void Add(Entry entry)
        {
            TaskCompletionSource<bool> added;
            lock (_lock)
            {
                _entries.Add(entry);
                added = _added;
                _added = NewSignal();
            }
            added.TrySetResult(true);
        }

        // Continuations run elsewhere, never inline on the thread of the work that added the entry.
        private static TaskCompletionSource<bool> NewSignal() => new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

        private enum EntryKind { Object, Error, Warning, Verbose, Progress }

        private sealed class Entry
        {
            public Entry(EntryKind kind, object value, TakeBack? takeBack)
            {
                Kind = kind;
                Value = value ?? throw new ArgumentNullException(nameof(value));
                TakeBack = takeBack;
            }

            public EntryKind Kind { get; }
            public object Value { get; }
            public TakeBack? TakeBack { get; }
        }
    }
}
