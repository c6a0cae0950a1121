using Amazon.Runtime;

namespace EventBusPermissions.Aws.Internal
{
    /// <summary>Gives the SDK the caller's credentials, read anew on every request so that refreshed keys are used.</summary>
    internal sealed class ExternalCredentialsAdapter : AWSCredentials
    {
        private readonly ExternalCredentials _source;

        public ExternalCredentialsAdapter(ExternalCredentials source)
        {
            _source = source;
        }

        public override ImmutableCredentials GetCredentials()
        {
            var values = _source.Read();
            return new ImmutableCredentials(values.AccessKey, values.SecretKey, values.SessionToken);
        }
    }
}
