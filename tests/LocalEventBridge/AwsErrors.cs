using System;

namespace LocalEventBridge;

/// <summary>
/// An error answered the way the service does: <c>{"__type":"Code","message":"..."}</c>
/// with HTTP 400 for client errors and 500 for InternalException.
/// </summary>
public sealed class AwsErrorException : Exception
{
    public AwsErrorException(string code, string message, int httpStatus = 400)
        : base(message)
    {
        Code = code;
        HttpStatus = httpStatus;
    }

    public string Code { get; }

    public int HttpStatus { get; }
}

/// <summary>The error codes and messages, kept in one place so they read like AWS's.</summary>
internal static class AwsErrors
{
    public static AwsErrorException MissingAuthenticationToken() =>
        new("MissingAuthenticationTokenException", "Missing Authentication Token");

    public static AwsErrorException UnrecognizedClient() =>
        new("UnrecognizedClientException", "The security token included in the request is invalid.");

    public static AwsErrorException ExpiredToken() =>
        new("ExpiredTokenException", "The security token included in the request is expired");

    public static AwsErrorException SignatureMismatch() =>
        new("InvalidSignatureException",
            "The request signature we calculated does not match the signature you provided. " +
            "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");

    public static AwsErrorException InvalidSignature(string message) => new("InvalidSignatureException", message);

    public static AwsErrorException IncompleteSignature(string message) => new("IncompleteSignatureException", message);

    public static AwsErrorException UnknownOperation(string? target) =>
        new("UnknownOperationException", $"The operation '{target}' is not supported by this endpoint.");

    public static AwsErrorException Serialization(string message) => new("SerializationException", message);

    public static AwsErrorException Validation(string message) => new("ValidationException", message);

    public static AwsErrorException BusNotFound(string name) =>
        new("ResourceNotFoundException", $"Event bus {name} does not exist.");

    public static AwsErrorException StatementNotFound() =>
        new("ResourceNotFoundException", "Statement with the provided id does not exist.");

    /// <summary>
    /// A policy edit on a bus whose stored policy cannot be read as a JSON object, which only the
    /// PUT /_local/policy test control can leave behind. 400, not 500: it is the bus's lasting state,
    /// so a retry could never succeed; a whole-document Policy or RemoveAllPermissions still replaces it.
    /// </summary>
    public static AwsErrorException UnreadablePolicy(string busName) =>
        new("ValidationException",
            $"The current policy of event bus {busName} is not a valid JSON policy document; " +
            "replace it with PutPermission's Policy or remove it with RemoveAllPermissions.");

    public static AwsErrorException BusAlreadyExists(string name) =>
        new("ResourceAlreadyExistsException", $"Event bus {name} already exists.");

    public static AwsErrorException PolicyLengthExceeded(int length, int limit) =>
        new("PolicyLengthExceededException",
            $"The policy length of {length} characters exceeds the maximum of {limit} characters.");

    public static AwsErrorException Internal() => new("InternalException", "An internal error occurred.", 500);

    // The next three are only ever injected (see FaultInjection); the endpoint itself never throttles or conflicts.
    public static AwsErrorException Throttling() => new("ThrottlingException", "Rate exceeded");

    public static AwsErrorException ConcurrentModification() =>
        new("ConcurrentModificationException", "Another request is modifying the resource. Try again.");

    public static AwsErrorException ServiceUnavailable() => new("ServiceUnavailableException", "Service Unavailable", 503);
}
