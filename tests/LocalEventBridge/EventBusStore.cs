using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;

namespace LocalEventBridge;

/// <summary>
/// All event buses, kept per (account, region) as on AWS. Every account and region has a
/// <c>default</c> bus, made on first use with the server's start time as its CreationTime.
/// </summary>
public sealed class EventBusStore
{
    public const string DefaultBusName = "default";

    private readonly ConcurrentDictionary<(string AccountId, string Region), Scope> _scopes = new();
    private readonly DateTimeOffset _startedAt;

    public EventBusStore(DateTimeOffset startedAt)
    {
        _startedAt = startedAt;
    }

    public EventBus? Find(string accountId, string region, string name)
    {
        Scope scope = GetScope(accountId, region);
        lock (scope.Buses)
        {
            return scope.Buses.GetValueOrDefault(name);
        }
    }

    /// <summary>Adds a bus; false when one of that name exists already.</summary>
    public bool TryCreate(string accountId, string region, string name, string? description, DateTimeOffset now, out EventBus bus)
    {
        Scope scope = GetScope(accountId, region);
        lock (scope.Buses)
        {
            if (scope.Buses.TryGetValue(name, out EventBus? existing))
            {
                bus = existing;
                return false;
            }

            bus = new EventBus(accountId, region, name, description, now);
            scope.Buses.Add(name, bus);
            return true;
        }
    }

    /// <summary>Removes a bus; false when there was none of that name.</summary>
    public bool Delete(string accountId, string region, string name)
    {
        Scope scope = GetScope(accountId, region);
        EventBus? bus;
        lock (scope.Buses)
        {
            if (!scope.Buses.Remove(name, out bus))
            {
                return false;
            }
        }

        lock (bus.Gate)
        {
            bus.MarkDeleted();
        }

        return true;
    }

    /// <summary>
    /// A test control (<c>PUT /_local/policy</c>): stores <paramref name="policy"/> on the bus exactly as
    /// given, unchecked (not JSON, a numeric Sid, over the quota: anything), or removes it when null.
    /// The default bus is made on demand as for any request; false when a bus of another name does not exist.
    /// </summary>
    public bool SetPolicyText(string accountId, string region, string name, string? policy, DateTimeOffset now)
    {
        EventBus? bus = Find(accountId, region, name);
        if (bus is null)
        {
            return false;
        }

        lock (bus.Gate)
        {
            if (bus.IsDeleted)
            {
                return false;
            }

            bus.SetPolicy(policy, now);
            return true;
        }
    }

    /// <summary>The buses of one account and region, ordered by name.</summary>
    public IReadOnlyList<EventBus> List(string accountId, string region)
    {
        Scope scope = GetScope(accountId, region);
        lock (scope.Buses)
        {
            return scope.Buses.Values.ToList();
        }
    }

    /// <summary>Forgets every bus in every account and region.</summary>
    public void Clear() => _scopes.Clear();

    private Scope GetScope(string accountId, string region) =>
        _scopes.GetOrAdd((accountId, region), key => new Scope(key.AccountId, key.Region, _startedAt));

    private sealed class Scope
    {
        public Scope(string accountId, string region, DateTimeOffset startedAt)
        {
            Buses.Add(DefaultBusName, new EventBus(accountId, region, DefaultBusName, null, startedAt));
        }

        public SortedDictionary<string, EventBus> Buses { get; } = new(StringComparer.Ordinal);
    }
}
