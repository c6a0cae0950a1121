using System;

namespace EventBusPermissions.Aws
{
    /// <summary>
    /// A call to EventBridge failed: the service answered with an error (ErrorCode set) or the request
    /// could not be completed (ErrorCode null: network, timeout). Carries no SDK type across the boundary.
    /// </summary>
    public sealed class EventBridgeApiException : Exception
    {
        public EventBridgeApiException(string message, string? errorCode, int statusCode, string? requestId, bool isThrottling, Exception? inner)
            : base(message, inner)
        {
            ErrorCode = errorCode;
            StatusCode = statusCode;
            RequestId = requestId;
            IsThrottling = isThrottling;
        }

        /// <summary>The service's error code, e.g. ResourceNotFoundException; null when no answer came.</summary>
        public string? ErrorCode { get; }

        /// <summary>The HTTP status, 0 when no answer came.</summary>
        public int StatusCode { get; }

        public string? RequestId { get; }

        public bool IsThrottling { get; }

        /// <summary>Worth trying again later: throttling, a 5xx answer, a concurrent writer, or no answer at all.</summary>
        public bool IsTransient =>
            IsThrottling || StatusCode >= 500 || StatusCode == 0 || ErrorCode == "ConcurrentModificationException";

        public bool IsNotFound => ErrorCode == "ResourceNotFoundException";
    }
}
