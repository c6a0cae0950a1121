using System;
using System.Threading.Tasks;
using Amazon.Runtime;

namespace EventBusPermissions.Aws.Internal
{
    /// <summary>
    /// Wraps the credentials given to the client so that a failure to obtain them (a credential_process that
    /// exits non-zero, an expired SSO token, a refused AssumeRole) is told apart from a failed request. The SDK
    /// asks for credentials lazily, inside a request, so without this the failure would look like any other.
    /// </summary>
    internal sealed class GuardedCredentials : AWSCredentials
    {
        private readonly AWSCredentials _inner;
        private readonly string? _profileName;

        /// <param name="profileName">The profile the source was read from, if any, for the messages of its failures.</param>
        public GuardedCredentials(AWSCredentials inner, string? profileName = null)
        {
            _inner = inner;
            _profileName = profileName;
        }

        public override DateTime? Expiration
        {
            get => _inner.Expiration;
            set => _inner.Expiration = value;
        }

        public override ImmutableCredentials GetCredentials()
        {
            try
            {
                return _inner.GetCredentials();
            }
            catch (Exception e) when (!(e is OperationCanceledException))
            {
                throw new CredentialsUnavailableException(e, _inner, _profileName);
            }
        }

        public override async Task<ImmutableCredentials> GetCredentialsAsync()
        {
            try
            {
                return await _inner.GetCredentialsAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (!(e is OperationCanceledException))
            {
                throw new CredentialsUnavailableException(e, _inner, _profileName);
            }
        }
    }

    /// <summary>The credential source failed; holds the SDK's exception only until EventBridgeApi describes it.</summary>
    internal sealed class CredentialsUnavailableException : Exception
    {
        public CredentialsUnavailableException(Exception cause, AWSCredentials source, string? profileName) : base("The credentials could not be obtained.", cause)
        {
            Source = source;
            ProfileName = profileName;
        }

        /// <summary>The source that failed (its kind decides what the user is told).</summary>
        public new AWSCredentials Source { get; }

        public string? ProfileName { get; }
    }
}
