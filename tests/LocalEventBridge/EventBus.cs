using System;

namespace LocalEventBridge;

/// <summary>
/// One event bus. Its mutable state is changed only while holding <see cref="Gate"/>, so
/// concurrent read-modify-write of the policy on one bus never loses an update.
/// </summary>
public sealed class EventBus
{
    internal EventBus(string accountId, string region, string name, string? description, DateTimeOffset createdAt)
    {
        AccountId = accountId;
        Region = region;
        Name = name;
        Arn = Arns.EventBus(region, accountId, name);
        Description = description;
        CreationTime = createdAt;
        LastModifiedTime = createdAt;
    }

    public string AccountId { get; }

    public string Region { get; }

    public string Name { get; }

    public string Arn { get; }

    public string? Description { get; }

    public DateTimeOffset CreationTime { get; }

    public DateTimeOffset LastModifiedTime { get; private set; }

    /// <summary>The compact policy JSON, or null when the bus has none.</summary>
    public string? Policy { get; private set; }

    /// <summary>Set once the bus is deleted, so a writer that fetched it before the delete sees it is gone.</summary>
    public bool IsDeleted { get; private set; }

    internal object Gate { get; } = new();

    internal void SetPolicy(string? policy, DateTimeOffset now)
    {
        Policy = policy;
        LastModifiedTime = now;
    }

    internal void MarkDeleted() => IsDeleted = true;

    /// <summary>A consistent copy of the mutable state, for readers that must not see a half-made change.</summary>
    internal EventBusSnapshot Snapshot()
    {
        lock (Gate)
        {
            return new EventBusSnapshot(Name, Arn, Description, Policy, CreationTime, LastModifiedTime);
        }
    }
}

/// <summary>What DescribeEventBus and ListEventBuses show of a bus at one instant.</summary>
public sealed record EventBusSnapshot(
    string Name,
    string Arn,
    string? Description,
    string? Policy,
    DateTimeOffset CreationTime,
    DateTimeOffset LastModifiedTime);
