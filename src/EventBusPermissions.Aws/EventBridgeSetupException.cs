using System;

namespace EventBusPermissions.Aws
{
    /// <summary>No region, no credentials, or an unusable endpoint: nothing can be sent.</summary>
    public sealed class EventBridgeSetupException : Exception
    {
        public EventBridgeSetupException(string message, string reason, Exception? inner = null) : base(message, inner)
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
    }
}
