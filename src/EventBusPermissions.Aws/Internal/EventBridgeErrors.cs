using System;
using System.Net;
using Amazon.Runtime;

namespace EventBusPermissions.Aws.Internal
{
    /// <summary>The base of every service error of this API, as the SDK's generated clients have one.</summary>
    internal class EventBridgeSdkException : AmazonServiceException
    {
        public EventBridgeSdkException(string? message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode)
        {
        }
    }

#pragma warning disable CS1591 // one type per error code of the API model; the names say it all
    internal sealed class ResourceNotFoundException : EventBridgeSdkException
    {
        public ResourceNotFoundException(string? m, Exception? i, ErrorType t, string? c, string? r, HttpStatusCode s) : base(m, i, t, c, r, s) { }
    }

    internal sealed class PolicyLengthExceededException : EventBridgeSdkException
    {
        public PolicyLengthExceededException(string? m, Exception? i, ErrorType t, string? c, string? r, HttpStatusCode s) : base(m, i, t, c, r, s) { }
    }

    internal sealed class ConcurrentModificationException : EventBridgeSdkException
    {
        public ConcurrentModificationException(string? m, Exception? i, ErrorType t, string? c, string? r, HttpStatusCode s) : base(m, i, t, c, r, s) { }
    }

    internal sealed class OperationDisabledException : EventBridgeSdkException
    {
        public OperationDisabledException(string? m, Exception? i, ErrorType t, string? c, string? r, HttpStatusCode s) : base(m, i, t, c, r, s) { }
    }

    internal sealed class InternalException : EventBridgeSdkException
    {
        public InternalException(string? m, Exception? i, ErrorType t, string? c, string? r, HttpStatusCode s) : base(m, i, t, c, r, s) { }
    }

    internal sealed class ThrottlingException : EventBridgeSdkException
    {
        public ThrottlingException(string? m, Exception? i, ErrorType t, string? c, string? r, HttpStatusCode s) : base(m, i, t, c, r, s) { }

        // Tells the SDK's retry policy this is throttling, so it backs off and retries.
        public override RetryableDetails Retryable { get; } = new RetryableDetails(true);
    }
#pragma warning restore CS1591

    internal static class EventBridgeErrors
    {
        public static AmazonServiceException Create(string? code, string? message, Exception? inner, ErrorType type, string? requestId, HttpStatusCode status)
        {
            switch (code)
            {
                case "ResourceNotFoundException": return new ResourceNotFoundException(message, inner, type, code, requestId, status);
                case "PolicyLengthExceededException": return new PolicyLengthExceededException(message, inner, type, code, requestId, status);
                case "ConcurrentModificationException": return new ConcurrentModificationException(message, inner, type, code, requestId, status);
                case "OperationDisabledException": return new OperationDisabledException(message, inner, type, code, requestId, status);
                case "InternalException": return new InternalException(message, inner, type, code, requestId, status);
                case "ThrottlingException": return new ThrottlingException(message, inner, type, code, requestId, status);
                default: return new EventBridgeSdkException(message, inner, type, code, requestId, status);
            }
        }
    }
}
