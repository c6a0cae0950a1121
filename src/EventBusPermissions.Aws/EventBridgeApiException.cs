using System;
using EventBusPermissions.Aws.Internal;

namespace EventBusPermissions.Aws
{
    /// <summary>
    /// A call to EventBridge failed: the service answered with an error (ErrorCode set), the request could not
    /// be completed (ErrorCode null: network, timeout), or the credentials could not be obtained (SetupReason
    /// set). Carries no SDK type across the boundary: the only inner exception it takes is one of its own kind,
    /// and its message has secrets masked.
    /// </summary>
    public sealed class EventBridgeApiException : Exception
    {
        /// <param name="isStatementNotFound">RemovePermission's answer that the statement is not there (see <see cref="IsStatementNotFound"/>).</param>
        public EventBridgeApiException(string message, string? errorCode, int statusCode, string? requestId, bool isThrottling,
            EventBridgeApiException? inner = null, string? setupReason = null, bool isStatementNotFound = false)
            : base(SecretScrubber.ScrubPatterns(message), inner)
        {
            ErrorCode = errorCode;
            StatusCode = statusCode;
            RequestId = requestId;
            IsThrottling = isThrottling;
            SetupReason = setupReason ?? inner?.SetupReason;
            IsStatementNotFound = IsNotFound && (isStatementNotFound || inner?.IsStatementNotFound == true);
        }

        /// <summary>The service's error code, e.g. ResourceNotFoundException; null when no answer came.</summary>
        public string? ErrorCode { get; }

        /// <summary>The HTTP status, 0 when no answer came.</summary>
        public int StatusCode { get; }

        public string? RequestId { get; }

        public bool IsThrottling { get; }

        /// <summary>
        /// One of the <see cref="SetupFailure"/> constants when nothing was sent because the credentials could not
        /// be obtained at request time (the SDK fetches them lazily); null otherwise.
        /// </summary>
        public string? SetupReason { get; }

        /// <summary>Worth trying again later: throttling, a 5xx answer, a concurrent writer, or no answer at all.</summary>
        public bool IsTransient =>
            SetupReason == null && (IsThrottling || StatusCode >= 500 || StatusCode == 0 || ErrorCode == "ConcurrentModificationException");

        public bool IsNotFound => ErrorCode == "ResourceNotFoundException";

        /// <summary>
        /// RemovePermission found no statement of that id on the bus (or, on moto, no policy at all), as opposed to no
        /// such bus: both are ResourceNotFoundException, and only the client, which knows the operation, tells them apart.
        /// </summary>
        public bool IsStatementNotFound { get; }
    }
}
