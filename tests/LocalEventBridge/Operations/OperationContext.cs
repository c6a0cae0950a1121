using System;

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

    /// <summary>The caller's bus of that name, or ResourceNotFoundException as AWS words it.</summary>
    public EventBus RequireBus(string name) =>
        Store.Find(Caller.AccountId, Caller.Region, name) ?? throw AwsErrors.BusNotFound(name);
}
