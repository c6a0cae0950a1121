using System;
using Microsoft.AspNetCore.Http;

namespace LocalEventBridge.FaultInjection;

/// <summary>The answer an injected fault gives in place of the operation's; null when the operation is to run.</summary>
internal static class FaultAnswers
{
    /// <summary>The status logged for a request that got no answer (dropped, or its client left during a delay).</summary>
    public const int NoAnswer = 0;

    public static (int Status, byte[] Body, string? ErrorCode)? For(FaultDecision decision) => decision.Outcome switch
    {
        FaultKind.Throttle => Error(AwsErrors.Throttling()),
        FaultKind.Internal => Error(AwsErrors.Internal()),
        FaultKind.ConcurrentModification => Error(AwsErrors.ConcurrentModification()),
        FaultKind.Unavailable when decision.EmptyBody => (StatusCodes.Status503ServiceUnavailable, Array.Empty<byte>(), null),
        FaultKind.Unavailable => Error(AwsErrors.ServiceUnavailable()),
        FaultKind.Drop => (NoAnswer, Array.Empty<byte>(), null),

        // No fault, only latency, lostUpdate, foreignWrite, appliedDrop or appliedInternal (which need the operation to run).
        _ => null,
    };

    /// <summary>
    /// The answer an appliedDrop or appliedInternal gives in place of the 200 of an operation that has just
    /// succeeded (its change kept); null for any other outcome. A failed operation keeps its own error answer.
    /// </summary>
    public static (int Status, byte[] Body, string? ErrorCode)? AfterApplied(FaultDecision decision) => decision.Outcome switch
    {
        FaultKind.AppliedInternal => Error(AwsErrors.Internal()),
        FaultKind.AppliedDrop => (NoAnswer, Array.Empty<byte>(), null),
        _ => null,
    };

    private static (int, byte[], string?) Error(AwsErrorException error) => (error.HttpStatus, ResponseJson.Error(error), error.Code);
}
