namespace LocalEventBridge.FaultInjection;

/// <summary>
/// What a fault rule does to a request it picks. On the wire (admin routes, request log) the names
/// are camelCase: <c>throttle</c>, <c>concurrentModification</c>, <c>lostUpdate</c>, ...
/// </summary>
public enum FaultKind
{
    /// <summary>HTTP 400 ThrottlingException "Rate exceeded"; the operation does not run.</summary>
    Throttle,

    /// <summary>HTTP 500 InternalException; the operation does not run.</summary>
    Internal,

    /// <summary>HTTP 503 ServiceUnavailableException (or an empty body); the operation does not run.</summary>
    Unavailable,

    /// <summary>The connection is aborted without any answer; the operation does not run.</summary>
    Drop,

    /// <summary>Only the rule's delay; the request then runs (or meets another rule's fault).</summary>
    Latency,

    /// <summary>HTTP 400 ConcurrentModificationException; the operation does not run.</summary>
    ConcurrentModification,

    /// <summary>A policy write is checked and answered as usual but leaves the bus untouched, as if overwritten by a stale copy.</summary>
    LostUpdate,

    /// <summary>
    /// A policy write runs and is answered as usual; then, under the same lock, another writer's change
    /// lands: the rule's <see cref="FaultRule.Statement"/> put in by its Sid, or <see cref="FaultRule.RemoveSid"/> revoked.
    /// </summary>
    ForeignWrite,

    /// <summary>
    /// A policy write is applied exactly as usual (checks, quota, lock, LastModifiedTime); then the connection is
    /// aborted without any answer. When the write fails, its own error is answered and nothing else happens.
    /// </summary>
    AppliedDrop,

    /// <summary>
    /// A policy write is applied exactly as usual; then it is answered HTTP 500 InternalException, so a client
    /// (or the SDK's retry) typically sends it again. When the write fails, its own error is answered instead.
    /// </summary>
    AppliedInternal,

    /// <summary>Rule-level only: each time the rule fires, one of its <see cref="FaultRule.Kinds"/> is drawn.</summary>
    Mix,
}
