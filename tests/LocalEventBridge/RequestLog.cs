using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace LocalEventBridge;

/// <summary>
/// The record of every request to <c>/</c>, for tests to read (in process or through
/// <c>GET /_local/requests</c>). Bounded, so a long soak run cannot exhaust memory: the oldest
/// entries go first; sequence numbers keep counting, so a gap shows what was dropped.
/// </summary>
public sealed class RequestLog
{
    private readonly Queue<RequestLogEntry> _entries = new();
    private readonly int _capacity;
    private long _sequence;

    public RequestLog(int capacity = 100_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    public int Count
    {
        get
        {
            lock (_entries)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>A copy of the entries, oldest first.</summary>
    public IReadOnlyList<RequestLogEntry> Snapshot()
    {
        lock (_entries)
        {
            return _entries.ToList();
        }
    }

    public void Clear()
    {
        lock (_entries)
        {
            _entries.Clear();
        }
    }

    /// <summary>Adds an entry, numbering it; the number is taken here so the order in the log is the order of numbers.</summary>
    internal RequestLogEntry Add(Func<long, RequestLogEntry> create)
    {
        lock (_entries)
        {
            RequestLogEntry entry = create(Interlocked.Increment(ref _sequence));
            _entries.Enqueue(entry);
            while (_entries.Count > _capacity)
            {
                _entries.Dequeue();
            }

            return entry;
        }
    }
}
