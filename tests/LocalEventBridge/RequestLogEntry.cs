using System;

namespace LocalEventBridge;

/// <summary>
/// One request to the service route. Holds no secret: no secret key, no session token and no
/// signature, only the access key id the request claimed.
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
    string RequestBody);
