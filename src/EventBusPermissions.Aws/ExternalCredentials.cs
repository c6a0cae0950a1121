using System;

namespace EventBusPermissions.Aws
{
    /// <summary>
    /// Credentials the caller already holds (an AWS Tools for PowerShell session, the Credentials of Use-STSRole,
    /// an AWSCredentials of another AWSSDK.Core copy), read through a delegate on each use, so that they may refresh
    /// themselves and no SDK type crosses between load contexts.
    /// </summary>
    public sealed class ExternalCredentials
    {
        /// <param name="read">Returns the current keys; called whenever a request is signed.</param>
        /// <param name="description">Where they come from, for Verbose; never a secret.</param>
        /// <param name="identity">Tells one holder of credentials from another in the client cache; never a secret.</param>
        public ExternalCredentials(Func<CredentialValues> read, string description, string identity)
        {
            Read = read ?? throw new ArgumentNullException(nameof(read));
            Description = description ?? throw new ArgumentNullException(nameof(description));
            Identity = identity ?? throw new ArgumentNullException(nameof(identity));
        }

        public Func<CredentialValues> Read { get; }

        public string Description { get; }

        public string Identity { get; }
    }

    /// <summary>One set of keys: an access key id, its secret, and the session token of temporary keys.</summary>
    public sealed class CredentialValues
    {
        public CredentialValues(string accessKey, string secretKey, string? sessionToken)
        {
            AccessKey = accessKey;
            SecretKey = secretKey;
            SessionToken = string.IsNullOrEmpty(sessionToken) ? null : sessionToken;
        }

        public string AccessKey { get; }

        public string SecretKey { get; }

        public string? SessionToken { get; }
    }
}
