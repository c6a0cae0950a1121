using System;
using System.Management.Automation;
using EventBusPermissions.Aws;
using EventBusPermissions.Planning;
using EventBusPermissions.Validation;

namespace EventBusPermissions.Engine
{
    /// <summary>The error records the cmdlets write, made the same way on the pipeline thread and off it.</summary>
    internal static class CommandErrors
    {
        /// <summary>A non-terminating error for one item that the service refused or could not answer.</summary>
        public static ErrorRecord Service(EventBridgeApiException e, string what, object? target)
        {
            var message = $"{what}: {e.Message}" + (e.RequestId != null ? $" (request id {e.RequestId})" : "");
            // A credential source that failed at request time gets the same id and category as at connect time.
            var errorId = e.ErrorCode ?? e.SetupReason ?? "RequestFailed";
            var category = e.SetupReason != null ? SetupCategory(e.SetupReason) : ServiceCategory(e);
            return new ErrorRecord(new EventBridgeApiException(message, e.ErrorCode, e.StatusCode, e.RequestId, e.IsThrottling, e), errorId, category, target);
        }

        /// <summary>The category of a revoke decision's error: what was kept on purpose, what is not there, or bad input.</summary>
        public static ErrorCategory Category(RevokeDecisionKind kind)
        {
            switch (kind)
            {
                case RevokeDecisionKind.NotAnAllow:
                case RevokeDecisionKind.Ambiguous:
                    return ErrorCategory.InvalidOperation;
                case RevokeDecisionKind.InvalidId:
                    return ErrorCategory.InvalidArgument;
                default:
                    return ErrorCategory.ObjectNotFound;
            }
        }

        /// <summary>A non-terminating error for input that breaks a rule, raised before any request.</summary>
        public static ErrorRecord InvalidInput(string errorId, string message, object? target)
            => new ErrorRecord(new ArgumentException(message), errorId, ErrorCategory.InvalidArgument, target);

        /// <summary>No change is planned against a policy nobody can see.</summary>
        public static ErrorRecord UnreadablePolicy(EventBus bus, string region, string what, object? target)
            => new ErrorRecord(new InvalidOperationException(
                    $"Cannot {what} on event bus '{bus.Name}' in {region}: its policy could not be read ({bus.PolicyParseError}), so nothing on it can be " +
                    "kept safely and nothing was changed. Look at it with (Get-CWEventBus).Policy; only Grant-CWEventBusPermission -Policy with -Force replaces it."),
                ErrorIds.UnreadablePolicy, ErrorCategory.InvalidData, target);

        /// <summary>Anything else that went wrong with one bus's work: said, and the other buses go on.</summary>
        public static ErrorRecord Unexpected(Exception e, string what, object? target)
            => e is EventBridgeApiException api
                ? Service(api, what, target)
                : new ErrorRecord(new InvalidOperationException($"{what}: {e.Message}"), "RequestFailed", ErrorCategory.NotSpecified, target);

        public static ErrorCategory SetupCategory(string reason)
            => SetupFailure.IsAboutCredentials(reason) ? ErrorCategory.AuthenticationError : ErrorCategory.InvalidArgument;

        private static ErrorCategory ServiceCategory(EventBridgeApiException e)
        {
            switch (e.ErrorCode)
            {
                case "ResourceNotFoundException": return ErrorCategory.ObjectNotFound;
                case "AccessDeniedException": return ErrorCategory.PermissionDenied;
                case "UnrecognizedClientException":
                case "InvalidSignatureException":
                case "ExpiredTokenException":
                case "MissingAuthenticationTokenException":
                    return ErrorCategory.AuthenticationError;
                case "ValidationException": return ErrorCategory.InvalidArgument;
                case "ThrottlingException":
                case "PolicyLengthExceededException":
                    return ErrorCategory.LimitsExceeded;
                case "ConcurrentModificationException": return ErrorCategory.ResourceBusy;
                case "OperationDisabledException": return ErrorCategory.NotEnabled;
            }
            if (e.StatusCode == 0) return ErrorCategory.ConnectionError;
            return ErrorCategory.NotSpecified;
        }
    }
}
