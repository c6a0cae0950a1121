using System;

namespace LocalEventBridge;

/// <summary>
/// One request to the service route. Holds no secret: no secret key, no session token and no
/// signature, only the access key id the request claimed. <see cref="Fault"/> names an injected
/// fault ("throttle", "drop", "lostUpdate", "latency" when only delayed, ...) and
/// <see cref="DelayMs"/> the injected delay; <see cref="HttpStatus"/> is 0 when no answer was sent.
/// </summary>
public sealed record RequestLogEntry(
    long Sequence,
    DateTimeOffset TimeUtc,
    string RequestId,
    string? Operation,
    string? AccessKeyId,
    string? AccountId,
    string? Region,
    string? EventBusName,
    int HttpStatus,
    string? ErrorCode,
    string RequestBody,
    string? Fault = null,
    int DelayMs = 0);
