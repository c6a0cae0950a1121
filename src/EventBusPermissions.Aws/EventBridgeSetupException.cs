using System;
using EventBusPermissions.Aws.Internal;

namespace EventBusPermissions.Aws
{
    /// <summary>
    /// No region, no credentials, an unreadable shared file or an unusable endpoint: nothing can be sent. Has no
    /// inner exception, so no SDK type crosses into PowerShell; its message has secrets masked.
    /// </summary>
    public sealed class EventBridgeSetupException : Exception
    {
        public EventBridgeSetupException(string message, string reason) : base(SecretScrubber.ScrubPatterns(message))
        {
            Reason = reason;
        }

        /// <summary>One of the <see cref="SetupFailure"/> constants.</summary>
        public string Reason { get; }
    }

    public static class SetupFailure
    {
        public const string NoRegion = "NoRegion";
        public const string InvalidRegion = "InvalidRegion";
        public const string NoCredentials = "NoCredentials";
        public const string ProfileNotFound = "ProfileNotFound";
        public const string InvalidEndpoint = "InvalidEndpoint";

        /// <summary>A shared credentials or config file could not be read or parsed.</summary>
        public const string InvalidCredentialsFile = "InvalidCredentialsFile";

        /// <summary>A credential source was found but failed to give credentials (credential_process, SSO, AssumeRole, ...).</summary>
        public const string CredentialProviderFailed = "CredentialProviderFailed";
    }
}
