using System;
using System.Collections.Generic;
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

        // What a user can do about each code the service (or moto, or an AWS front end) answers with. Codes outside the
        // API model are here too: moto's InvalidParameterValue, the JSON protocol's SerializationException, and the codes
        // other AWS services use for bad input, quotas and outages, which a proxy or a future API version may pass on.
        private static readonly Dictionary<string, ErrorCategory> Categories = new Dictionary<string, ErrorCategory>(StringComparer.Ordinal)
        {
            ["ResourceNotFoundException"] = ErrorCategory.ObjectNotFound,
            ["AccessDeniedException"] = ErrorCategory.PermissionDenied,
            ["AccessDenied"] = ErrorCategory.PermissionDenied,
            ["UnrecognizedClientException"] = ErrorCategory.AuthenticationError,
            ["InvalidSignatureException"] = ErrorCategory.AuthenticationError,
            ["ExpiredTokenException"] = ErrorCategory.AuthenticationError,
            ["MissingAuthenticationTokenException"] = ErrorCategory.AuthenticationError,
            ["IncompleteSignatureException"] = ErrorCategory.AuthenticationError,
            ["InvalidClientTokenId"] = ErrorCategory.AuthenticationError,
            ["ValidationException"] = ErrorCategory.InvalidArgument,
            ["InvalidParameterValue"] = ErrorCategory.InvalidArgument,
            ["InvalidParameterValueException"] = ErrorCategory.InvalidArgument,
            ["InvalidParameterException"] = ErrorCategory.InvalidArgument,
            ["InvalidParameterCombination"] = ErrorCategory.InvalidArgument,
            ["MissingParameter"] = ErrorCategory.InvalidArgument,
            ["SerializationException"] = ErrorCategory.InvalidArgument,
            ["ThrottlingException"] = ErrorCategory.LimitsExceeded,
            ["Throttling"] = ErrorCategory.LimitsExceeded,
            ["TooManyRequestsException"] = ErrorCategory.LimitsExceeded,
            ["LimitExceededException"] = ErrorCategory.LimitsExceeded,
            ["PolicyLengthExceededException"] = ErrorCategory.LimitsExceeded,
            ["ConcurrentModificationException"] = ErrorCategory.ResourceBusy,
            ["OperationDisabledException"] = ErrorCategory.NotEnabled,
            ["InternalException"] = ErrorCategory.ResourceUnavailable,
            ["InternalFailure"] = ErrorCategory.ResourceUnavailable,
            ["ServiceUnavailable"] = ErrorCategory.ResourceUnavailable,
            ["ServiceUnavailableException"] = ErrorCategory.ResourceUnavailable,
        };

        private static ErrorCategory ServiceCategory(EventBridgeApiException e)
        {
            if (e.ErrorCode != null && Categories.TryGetValue(e.ErrorCode, out var category)) return category;
            if (e.StatusCode == 0) return ErrorCategory.ConnectionError;
            if (e.IsThrottling) return ErrorCategory.LimitsExceeded;
            // An answer of the service's side that no code above names: the service, not the request, failed.
            if (e.StatusCode >= 500) return ErrorCategory.ResourceUnavailable;
            return ErrorCategory.NotSpecified;
        }
    }
}
