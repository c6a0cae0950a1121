using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using LocalEventBridge.FaultInjection;
using LocalEventBridge.Operations;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LocalEventBridge;

/// <summary>
/// Answers <c>POST /</c> the way the EventBridge service does: verify SigV4, pick the operation
/// from X-Amz-Target, let the fault rules strike, run it, answer JSON 1.1, and record the request in the log.
/// </summary>
internal sealed class ServiceEndpoint
{
    private readonly EventBusStore _store;
    private readonly RequestLog _log;
    private readonly ServerSettings _settings;
    private readonly FaultInjector _faults;
    private readonly TimeProvider _clock;
    private readonly SigV4Verifier _verifier;
    private readonly ILogger _logger;
    private readonly CancellationToken _stopping;

    /// <param name="stopping">Cut short injected delays when the server stops, so a long latency rule cannot hold up shutdown.</param>
    /// <param name="verifier">Checks signatures against the fixed test keys and the issued temporary ones.</param>
    public ServiceEndpoint(
        EventBusStore store, RequestLog log, ServerSettings settings, FaultInjector faults, TimeProvider clock, SigV4Verifier verifier, ILogger logger, CancellationToken stopping)
    {
        _stopping = stopping;
        _store = store;
        _log = log;
        _settings = settings;
        _faults = faults;
        _clock = clock;
        _verifier = verifier;
        _logger = logger;
    }

    public async Task HandleAsync(HttpContext http, string requestId)
    {
        // The whole body is needed before anything else: its hash is part of the signature.
        byte[] body = await ReadBodyAsync(http.Request).ConfigureAwait(false);
        string? target = http.Request.Headers["X-Amz-Target"];
        string? operationName = OperationTable.OperationName(target);
        Caller? caller = null;
        OperationContext? context = null;
        string? faultBus = null;
        FaultDecision fault = FaultDecision.None;
        int status;
        byte[] responseBody;
        string? errorCode = null;
        bool succeeded = false;
        try
        {
            caller = _verifier.Verify(http.Request, body);
            if (operationName is null || !HttpMethods.IsPost(http.Request.Method))
            {
                throw AwsErrors.UnknownOperation(target);
            }

            // Faults strike only requests the service would run, and before the operation does, as a front end's would.
            faultBus = FaultTarget.EventBusName(operationName, body);
            fault = _faults.Decide(new FaultRequest(operationName, caller.AccountId, caller.Region, faultBus));
            if (fault.DelayMs > 0)
            {
                using var either = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, _stopping);
                await Task.Delay(TimeSpan.FromMilliseconds(fault.DelayMs), either.Token).ConfigureAwait(false);
            }

            if (FaultAnswers.For(fault) is { } injected)
            {
                (status, responseBody, errorCode) = injected;
            }
            else
            {
                context = new OperationContext(caller, _store, _settings, _clock)
                {
                    LoseWrite = fault.Outcome == FaultKind.LostUpdate,
                    ForeignWrite = fault.ForeignWrite,
                };
                OperationResult result = OperationTable.Get(operationName)(context, RequestBody.Parse(body));
                status = StatusCodes.Status200OK;
                responseBody = result.Body;
                succeeded = true;

                // appliedDrop / appliedInternal: the change is kept (the bus's lock already released), only the answer is lost.
                if (FaultAnswers.AfterApplied(fault) is { } lostAnswer)
                {
                    (status, responseBody, errorCode) = lostAnswer;
                }
            }
        }
        catch (AwsErrorException error)
        {
            (status, responseBody, errorCode) = (error.HttpStatus, ResponseJson.Error(error), error.Code);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested || _stopping.IsCancellationRequested)
        {
            // The client left (or the server is stopping) during an injected delay: nothing ran, and nothing is answered.
            (status, responseBody) = (FaultAnswers.NoAnswer, Array.Empty<byte>());
        }
        catch (Exception unexpected) when (unexpected is not OperationCanceledException)
        {
            _logger.LogWarning(unexpected, "Request {RequestId} failed unexpectedly", requestId);
            AwsErrorException error = AwsErrors.Internal();
            (status, responseBody, errorCode) = (error.HttpStatus, ResponseJson.Error(error), error.Code);
        }

        _log.Add(sequence => new RequestLogEntry(
            sequence,
            _clock.GetUtcNow(),
            requestId,
            operationName ?? OperationNameOf(target),
            caller?.AccessKeyId ?? SigV4Verifier.ClaimedAccessKeyId(http.Request),
            caller?.AccountId,
            caller?.Region,
            context is not null ? context.EventBusName : faultBus,
            status,
            errorCode,
            Encoding.UTF8.GetString(body),
            fault.LogName,
            fault.DelayMs,
            caller?.Arn,
            caller?.Source,
            Applied: fault.LosesAnswerAfterApplying ? succeeded : null));

        if (status == FaultAnswers.NoAnswer)
        {
            // Logged first, so a test that sees the connection die can already count the attempt.
            http.Abort();
            return;
        }

        await HttpResponses.SendAsync(http, status, responseBody, HttpResponses.AwsJsonContentType).ConfigureAwait(false);
    }

    /// <summary>What the log shows for a target we do not serve: the part after "AWSEvents.", or the raw header.</summary>
    private static string? OperationNameOf(string? target) =>
        target is not null && target.StartsWith(OperationTable.TargetPrefix, StringComparison.Ordinal)
            ? target[OperationTable.TargetPrefix.Length..]
            : target;

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted).ConfigureAwait(false);
        return buffer.ToArray();
    }
}
