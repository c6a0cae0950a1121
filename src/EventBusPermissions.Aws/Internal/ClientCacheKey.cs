using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;

namespace EventBusPermissions.Aws.Internal
{
    /// <summary>
    /// The client cache's key: everything that decides the region, the endpoint and the identity a client acts as.
    /// A change to any of it (a parameter, an environment variable a credential source reads, a shared file or token
    /// file written anew, another session default) gives a new client, never a cached client of another identity.
    /// Hashed, so that no secret is held in the key.
    /// </summary>
    internal static class ClientCacheKey
    {
        // Every variable a region, endpoint or credential source of AWSSDK.Core reads.
        internal static readonly string[] EnvironmentThatMatters =
        {
            "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
            "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_EVENTBRIDGE", "AWS_ENDPOINT_URL_STS", "AWS_ENDPOINT_URL_SSO", "AWS_ENDPOINT_URL_SSO_OIDC",
            "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE", "AWS_USE_FIPS_ENDPOINT", "AWS_USE_DUALSTACK_ENDPOINT",
            "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN", "AWS_ROLE_SESSION_NAME", "AWS_STS_REGIONAL_ENDPOINTS",
            "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", "AWS_EC2_METADATA_DISABLED", "AWS_EC2_METADATA_SERVICE_ENDPOINT",
            "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "HOME", "USERPROFILE",
        };

        public static string For(EventBridgeConnectionOptions o, Func<string, string?> getEnv)
        {
            var text = new StringBuilder();
            void Add(string? part) => text.Append(part ?? "\u0000").Append('\u0001');

            foreach (var part in new[] { o.Region, o.StoredRegion, o.ProfileName, o.ProfileLocation, o.AccessKey, o.SecretKey, o.SessionToken, o.EndpointUrl })
                Add(part);
            Add(o.Credential?.Identity);
            Add(o.StoredCredential?.Identity);
            foreach (var name in EnvironmentThatMatters)
                Add(getEnv(name));

            // Files a source reads: written anew (a profile added, a token rotated), they may name another identity.
            var files = SharedFiles.For(o, getEnv);
            foreach (var path in new[] { files.CredentialsPath, files.ConfigPath, getEnv("AWS_WEB_IDENTITY_TOKEN_FILE"), getEnv("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE") })
                Add(Stamp(path));

            using (var sha = SHA256.Create())
                return Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(text.ToString())));
        }

        private static string? Stamp(string? path)
        {
            if (string.IsNullOrWhiteSpace(path)) return null;
            try
            {
                var file = new FileInfo(path);
                return file.Exists ? path + "|" + file.LastWriteTimeUtc.Ticks + "|" + file.Length : path + "|none";
            }
            catch (Exception)
            {
                // An unreadable path still keys by its name; the source itself will say what is wrong with it.
                return path;
            }
        }
    }
}
