using System.Collections.Generic;

namespace LocalEventBridge.CredentialServices;

/// <summary>STS's error codes (query protocol), with its HTTP statuses and wording where known.</summary>
internal static class StsErrors
{
    public static AwsErrorException Validation(IReadOnlyList<string> problems) =>
        new("ValidationError", $"{problems.Count} validation error{(problems.Count == 1 ? string.Empty : "s")} detected: {string.Join("; ", problems)}");

    public static AwsErrorException Validation(string message) => new("ValidationError", message);

    public static AwsErrorException AccessDenied(string callerArn, string roleArn) =>
        new("AccessDenied", $"User: {callerArn} is not authorized to perform: sts:AssumeRole on resource: {roleArn}", 403);

    public static AwsErrorException InvalidIdentityToken() =>
        new("InvalidIdentityToken", "The web identity token is not one this endpoint accepts (configure it with PUT /_local/web-identity).");

    public static AwsErrorException MissingAction() => new("MissingAction", "Missing Action");

    public static AwsErrorException InvalidAction(string action, string? version) =>
        new("InvalidAction", $"Could not find operation {action} for version {version ?? "NO_VERSION_SPECIFIED"}");

    public static AwsErrorException InternalFailure() => new("InternalFailure", "An internal error occurred.", 500);

    /// <summary>The signature verifier's JSON-protocol errors, in the codes and statuses STS uses for them.</summary>
    public static AwsErrorException FromSignatureError(AwsErrorException error) => error.Code switch
    {
        "MissingAuthenticationTokenException" => new("MissingAuthenticationToken", "Request is missing Authentication Token", 403),
        "UnrecognizedClientException" => new("InvalidClientTokenId", error.Message, 403),
        "InvalidSignatureException" => new("SignatureDoesNotMatch", error.Message, 403),
        "IncompleteSignatureException" => new("IncompleteSignature", error.Message, 400),
        "ExpiredTokenException" => new("ExpiredToken", error.Message, 400),
        _ => error,
    };
}
