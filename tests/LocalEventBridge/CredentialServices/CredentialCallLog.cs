using System;
using System.Collections.Generic;

namespace LocalEventBridge.CredentialServices;

/// <summary>
/// Writes one request-log entry per credential-service call: the operation, the answer, the verified caller
/// (for signed STS calls) and the call's <see cref="RequestLogEntry.Details"/>. The request body is never
/// kept, since it may hold a token or a client secret.
/// </summary>
internal sealed class CredentialCallLog
{
    private readonly RequestLog _log;
    private readonly TimeProvider _clock;

    public CredentialCallLog(RequestLog log, TimeProvider clock)
    {
        _log = log;
        _clock = clock;
    }

    public void Add(string requestId, string? operation, int status, string? errorCode, IReadOnlyDictionary<string, string> details,
        Caller? caller = null, string? claimedAccessKeyId = null)
    {
        _log.Add(sequence => new RequestLogEntry(
            sequence,
            _clock.GetUtcNow(),
            requestId,
            operation,
            caller?.AccessKeyId ?? claimedAccessKeyId,
            caller?.AccountId,
            caller?.Region,
            EventBusName: null,
            status,
            errorCode,
            RequestBody: string.Empty,
            Identity: caller?.Arn,
            CredentialSource: caller?.Source,
            Details: new Dictionary<string, string>(details, StringComparer.Ordinal)));
    }
}
