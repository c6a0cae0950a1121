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

        /// <summary>An SSO profile whose sign-in token is missing or expired: run aws sso login.</summary>
        public const string SsoLoginRequired = "SsoLoginRequired";

        /// <summary>STS refused to let the identity in use assume the role.</summary>
        public const string AssumeRoleDenied = "AssumeRoleDenied";

        /// <summary>The web identity token file (AWS_WEB_IDENTITY_TOKEN_FILE or the profile's) does not exist or cannot be read.</summary>
        public const string WebIdentityTokenFileMissing = "WebIdentityTokenFileMissing";

        /// <summary>True for every reason that is about credentials (ErrorCategory AuthenticationError).</summary>
        public static bool IsAboutCredentials(string reason)
            => reason == NoCredentials || reason == ProfileNotFound || reason == InvalidCredentialsFile || reason == CredentialProviderFailed
               || reason == SsoLoginRequired || reason == AssumeRoleDenied || reason == WebIdentityTokenFileMissing;
    }
}
