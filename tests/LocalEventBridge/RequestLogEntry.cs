using System;
using System.Collections.Generic;

namespace LocalEventBridge;

/// <summary>
/// One request to the service route. Holds no secret: no secret key, no session token and no
/// signature, only the access key id the request claimed. <see cref="Fault"/> names an injected
/// fault ("throttle", "drop", "lostUpdate", "appliedDrop", "latency" when only delayed, ...) and
/// <see cref="DelayMs"/> the injected delay; <see cref="HttpStatus"/> is 0 when no answer was sent.
/// <see cref="Identity"/> and <see cref="CredentialSource"/> say which credential signed a verified request (the
/// identity's ARN, and <c>static</c> or the credential service that issued it). Calls to the credential services
/// (AssumeRole, GetRoleCredentials, ImdsCredentials, ...) are logged too, with an empty <see cref="RequestBody"/>
/// and what tests may check in <see cref="Details"/>: never a secret, at most a short fingerprint of one.
/// <see cref="Applied"/> is set only for an appliedDrop or appliedInternal fault: true when the write was applied
/// (its answer then lost), false when the write failed and got its own error (or never ran); null for every other entry.
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
    int DelayMs = 0,
    string? Identity = null,
    string? CredentialSource = null,
    IReadOnlyDictionary<string, string>? Details = null,
    bool? Applied = null);
