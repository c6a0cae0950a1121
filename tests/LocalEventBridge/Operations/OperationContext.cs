using System;
using LocalEventBridge.FaultInjection;

namespace LocalEventBridge.Operations;

/// <summary>Everything an operation needs: who called, the state, the clock and the settings.</summary>
internal sealed class OperationContext
{
    public OperationContext(Caller caller, EventBusStore store, ServerSettings settings, TimeProvider clock)
    {
        Caller = caller;
        Store = store;
        Settings = settings;
        Clock = clock;
    }

    public Caller Caller { get; }

    public EventBusStore Store { get; }

    public ServerSettings Settings { get; }

    public TimeProvider Clock { get; }

    /// <summary>The bus the request is about, set by the operation as soon as it knows, for the request log.</summary>
    public string? EventBusName { get; set; }

    public DateTimeOffset Now => Clock.GetUtcNow();

    /// <summary>Set for an injected lostUpdate: the write is checked and answered as usual, but not kept.</summary>
    public bool LoseWrite { get; init; }

    /// <summary>
    /// The one place a policy write lands; call it holding the bus's Gate. A lost write leaves policy
    /// and LastModifiedTime as they were, all under the same Gate, so no other writer's change is lost with it.
    /// </summary>
    public void WritePolicy(EventBus bus, string? policy)
    {
        if (!LoseWrite)
        {
            bus.SetPolicy(policy, Now);
        }
    }

    /// <summary>Set for an injected foreignWrite: another writer's change that lands right after this request's own write.</summary>
    public ForeignWrite? ForeignWrite { get; init; }

    /// <summary>
    /// Call holding the bus's Gate once the operation's write has succeeded (an identical repeat that
    /// changed nothing included). An injected foreignWrite lands here, before the answer is sent and
    /// with nothing able to come between the two writes; it changes LastModifiedTime only when it changes the policy.
    /// </summary>
    public void AfterWrite(EventBus bus)
    {
        if (ForeignWrite is null)
        {
            return;
        }

        string? updated = ForeignWrite.Apply(bus.Policy, bus.Name);
        if (!string.Equals(updated, bus.Policy, StringComparison.Ordinal))
        {
            bus.SetPolicy(updated, Now);
        }
    }

    /// <summary>The caller's bus of that name, or ResourceNotFoundException as AWS words it.</summary>
    public EventBus RequireBus(string name) =>
        Store.Find(Caller.AccountId, Caller.Region, name) ?? throw AwsErrors.BusNotFound(name);
}
