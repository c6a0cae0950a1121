using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;

namespace EventBusPermissions.Aws.Internal
{
    /// <summary>
    /// Resolves region, endpoint and credentials in the order the AWS SDKs and AWS Tools for PowerShell use,
    /// and says exactly where it looked when something is missing.
    /// </summary>
    internal sealed class ConnectionResolver
    {
        private static readonly Regex RegionPattern = new Regex("^[a-z]{2}(-[a-z0-9]+)+-[0-9]+\\z|^[a-z0-9]+(-[a-z0-9]+)*\\z", RegexOptions.CultureInvariant);

        private readonly Func<string, string?> _getEnv;

        public ConnectionResolver(Func<string, string?>? getEnvironmentVariable = null)
        {
            _getEnv = getEnvironmentVariable ?? Environment.GetEnvironmentVariable;
            ReadsProcessEnvironment = getEnvironmentVariable == null;
        }

        /// <summary>True when this resolver reads the process environment, as the SDK does (false for a test's own environment).</summary>
        public bool ReadsProcessEnvironment { get; }

        /// <summary>The profile the user means: the named one, else AWS_PROFILE, else "default".</summary>
        public string EffectiveProfileName(EventBridgeConnectionOptions options)
            => NonEmpty(options.ProfileName) ?? NonEmpty(_getEnv("AWS_PROFILE")) ?? "default";

        public string ResolveRegion(EventBridgeConnectionOptions options)
        {
            var region = NonEmpty(options.Region) ?? NonEmpty(options.StoredRegion) ?? NonEmpty(_getEnv("AWS_REGION")) ?? NonEmpty(_getEnv("AWS_DEFAULT_REGION"));
            var profileName = EffectiveProfileName(options);
            if (region == null && TryGetProfile(options, profileName, out var profile))
                region = profile!.Region?.SystemName;
            if (region == null && !IsTrue(_getEnv("AWS_EC2_METADATA_DISABLED")))
            {
                try { region = FallbackRegionFactory.GetRegionEndpoint(true)?.SystemName; }
                catch (Exception) { region = null; }
            }
            if (region == null)
            {
                throw new EventBridgeSetupException(
                    "No AWS region was found. Looked in: the -Region parameter, $StoredAWSRegion, the environment variables AWS_REGION and AWS_DEFAULT_REGION, " +
                    $"the region of profile '{profileName}' in {DescribeProfileLocations(options)}, and EC2 instance metadata. " +
                    "Give -Region, or set AWS_REGION.",
                    SetupFailure.NoRegion);
            }
            region = region.Trim().ToLowerInvariant();
            if (!RegionPattern.IsMatch(region))
                throw new EventBridgeSetupException($"'{region}' is not an AWS region name (such as us-east-1 or eu-west-2).", SetupFailure.InvalidRegion);
            return region;
        }

        /// <summary>The endpoint override and where it came from; null for the AWS endpoint of the region.</summary>
        public string? ResolveEndpoint(EventBridgeConnectionOptions options) => ResolveEndpoint(options, out _);

        /// <summary>
        /// The order the AWS SDKs document: -EndpointUrl, AWS_ENDPOINT_URL_EVENTBRIDGE, the eventbridge entry of the
        /// profile's services section, AWS_ENDPOINT_URL, the profile's endpoint_url. All but the first are skipped
        /// when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS, or else the profile's ignore_configured_endpoint_urls, is true.
        /// </summary>
        public string? ResolveEndpoint(EventBridgeConnectionOptions options, out string? source)
        {
            source = null;
            var url = NonEmpty(options.EndpointUrl);
            if (url != null) source = "-EndpointUrl";
            else url = ConfiguredEndpoint(options, out source);
            if (url == null) return null;
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                throw new EventBridgeSetupException($"The endpoint '{url}' from {source} is not an absolute http:// or https:// URL.", SetupFailure.InvalidEndpoint);
            return url;
        }

        private string? ConfiguredEndpoint(EventBridgeConnectionOptions options, out string? source)
        {
            source = null;
            var ignoreVariable = NonEmpty(_getEnv("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"));
            if (IsTrue(ignoreVariable)) return null;

            var profileName = EffectiveProfileName(options);
            var profile = ReadProfileFile(options, profileName, () => ProfileFileSettings.Read(SharedFiles.For(options, _getEnv), profileName));
            // The environment variable, when set, wins over the profile's setting, as for every other setting.
            if (ignoreVariable == null && profile.IgnoreConfiguredEndpointUrls == true) return null;

            var candidates = new[]
            {
                (NonEmpty(_getEnv("AWS_ENDPOINT_URL_EVENTBRIDGE")), "AWS_ENDPOINT_URL_EVENTBRIDGE"),
                (profile.ServiceEndpointUrl, $"the services section '{profile.ServicesSection}' of profile '{profileName}'"),
                (NonEmpty(_getEnv("AWS_ENDPOINT_URL")), "AWS_ENDPOINT_URL"),
                (profile.EndpointUrl, $"the endpoint_url of profile '{profileName}'"),
            };
            foreach (var (url, from) in candidates)
            {
                if (url == null) continue;
                source = from;
                return url;
            }
            return null;
        }

        /// <summary>
        /// The credentials for these options, in the order AWS Tools for PowerShell uses: keys given as parameters,
        /// -Credential, -ProfileName/-ProfileLocation, $StoredAWSCredentials, then the SDK's default chain (environment
        /// keys, AWS_PROFILE or default profile, web identity, container, instance metadata). Wrapped so that a source
        /// that fails when asked (SSO, a role, a process) is told apart from a failed request.
        /// </summary>
        public AWSCredentials ResolveCredentials(EventBridgeConnectionOptions options, IClientConfig config, out string source)
        {
            var (credentials, profileName) = FindCredentials(options, config, out source);
            CredentialFailures.CheckUsable(credentials, profileName);
            // Roles and web identity call STS through our own AWSSDK.SecurityToken, whatever other copy is loaded.
            var profile = profileName == null ? null
                : ReadProfileFile(options, profileName, () => ProfileFileSettings.Read(SharedFiles.For(options, _getEnv), profileName));
            return new GuardedCredentials(CredentialServiceClients.Adapt(credentials, profile?.DurationSeconds, StsEndpoint(profile)), profileName);
        }

        /// <summary>
        /// The STS endpoint a profile sets, in the SDKs' order, where the SDK itself would not apply it (it reads
        /// only AWS_PROFILE's profile): AWS_ENDPOINT_URL_STS, then the profile's services section, then
        /// AWS_ENDPOINT_URL, then the profile's endpoint_url. The variables the SDK applies itself; null leaves it so.
        /// </summary>
        private string? StsEndpoint(ProfileFileSettings? profile)
        {
            if (profile == null || IsTrue(_getEnv("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"))) return null;
            if (NonEmpty(_getEnv("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")) == null && profile.IgnoreConfiguredEndpointUrls == true) return null;
            if (NonEmpty(_getEnv("AWS_ENDPOINT_URL_STS")) != null) return null;
            if (profile.StsEndpointUrl != null) return profile.StsEndpointUrl;
            return NonEmpty(_getEnv("AWS_ENDPOINT_URL")) != null ? null : profile.EndpointUrl;
        }

        private (AWSCredentials, string?) FindCredentials(EventBridgeConnectionOptions options, IClientConfig config, out string source)
        {
            var accessKey = NonEmpty(options.AccessKey);
            var secretKey = NonEmpty(options.SecretKey);
            if (accessKey != null || secretKey != null)
            {
                if (accessKey == null || secretKey == null)
                    throw new EventBridgeSetupException("An access key and a secret key go together: give both -AccessKey and -SecretKey (or -Credential), or neither.", SetupFailure.NoCredentials);
                var token = NonEmpty(options.SessionToken);
                source = token == null ? $"access key {Mask(accessKey)} from parameters" : $"temporary access key {Mask(accessKey)} from parameters";
                return (token == null ? (AWSCredentials)new BasicAWSCredentials(accessKey, secretKey) : new SessionAWSCredentials(accessKey, secretKey, token), null);
            }

            if (options.Credential != null)
            {
                source = options.Credential.Description;
                return (new ExternalCredentialsAdapter(options.Credential), null);
            }

            if (NonEmpty(options.ProfileName) != null || NonEmpty(options.ProfileLocation) != null)
            {
                var profileName = EffectiveProfileName(options);
                var found = ReadProfileFile(options, profileName, () =>
                {
                    var ok = new CredentialProfileStoreChain(NonEmpty(options.ProfileLocation)).TryGetAWSCredentials(profileName, out var c);
                    return (ok, c);
                });
                if (!found.ok)
                {
                    throw new EventBridgeSetupException(
                        $"The profile '{profileName}' was not found, or holds no usable credentials, in {DescribeProfileLocations(options)}.",
                        SetupFailure.ProfileNotFound);
                }
                source = CredentialSources.Describe(found.c, profileName);
                return (found.c, profileName);
            }

            // AWS Tools for PowerShell's session default comes after everything the command line says, before the environment.
            if (options.StoredCredential != null)
            {
                source = options.StoredCredential.Description;
                return (new ExternalCredentialsAdapter(options.StoredCredential), null);
            }

            try
            {
                // A resolver of our own per client: the SDK's shared one keeps the first credentials it found for the
                // life of the process, so a changed AWS_ROLE_ARN or token file would still reach the old identity. Not
                // disposed: that would dispose the credentials it found, which the client goes on refreshing.
                var credentials = new DefaultAWSCredentialsIdentityResolver().ResolveIdentity(config);
                var profileName = CredentialSources.ComeFromProfile(credentials) ? EffectiveProfileName(options) : null;
                source = CredentialSources.Describe(credentials, profileName);
                return (credentials, profileName);
            }
            catch (Exception e)
            {
                // Every provider of the chain failed; the SDK's message says why each did, with secrets masked.
                var reason = SdkFailure.Reason(e) ?? SetupFailure.NoCredentials;
                var lead = reason == SetupFailure.NoCredentials
                    ? "No AWS credentials were found. Looked in: the -AccessKey/-SecretKey and -Credential parameters, the environment variables " +
                      $"AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, profile '{EffectiveProfileName(options)}' in {DescribeProfileLocations(options)}, " +
                      "a web identity token (AWS_WEB_IDENTITY_TOKEN_FILE), container credentials and EC2 instance metadata. " +
                      "Give -ProfileName or -Credential, or set AWS_PROFILE."
                    : $"The AWS credentials could not be obtained for profile '{EffectiveProfileName(options)}' in {DescribeProfileLocations(options)}.";
                throw new EventBridgeSetupException(lead + " The AWS SDK said: " + SdkFailure.Describe(e, ScrubberFor(options)), reason);
            }
        }

        /// <summary>
        /// Masks what is secret for this connection: the keys given as parameters or environment variables, and
        /// the secret values written in the shared files (read only when an error needs scrubbing).
        /// </summary>
        internal SecretScrubber ScrubberFor(EventBridgeConnectionOptions options)
        {
            return new SecretScrubber(() =>
            {
                var values = new List<string?> { options.SecretKey, options.SessionToken, _getEnv("AWS_SECRET_ACCESS_KEY"), _getEnv("AWS_SESSION_TOKEN") };
                values.AddRange(SharedFileSecrets.Read(SharedFiles.For(options, _getEnv)));
                return values;
            });
        }

        /// <summary>
        /// Runs a read of the shared files through the SDK. Whatever it throws (a line it cannot parse, which it
        /// quotes; a credential_process run at once) becomes a setup error with a scrubbed message.
        /// </summary>
        private T ReadProfileFile<T>(EventBridgeConnectionOptions options, string profileName, Func<T> read)
        {
            try
            {
                return read();
            }
            catch (Exception e) when (!(e is EventBridgeSetupException))
            {
                var reason = SdkFailure.Reason(e) ?? SetupFailure.InvalidCredentialsFile;
                throw new EventBridgeSetupException(
                    $"The profile '{profileName}' in {DescribeProfileLocations(options)} could not be used: {SdkFailure.Describe(e, ScrubberFor(options))}",
                    reason);
            }
        }

        private bool TryGetProfile(EventBridgeConnectionOptions options, string profileName, out CredentialProfile? profile)
        {
            // A broken file is reported as such, rather than as a missing region.
            var found = ReadProfileFile(options, profileName, () =>
            {
                var ok = new CredentialProfileStoreChain(NonEmpty(options.ProfileLocation)).TryGetProfile(profileName, out var p);
                return (ok, p);
            });
            profile = found.ok ? found.p : null;
            return found.ok;
        }

        private string DescribeProfileLocations(EventBridgeConnectionOptions options)
        {
            var location = NonEmpty(options.ProfileLocation);
            if (location != null) return $"the credentials file '{location}'";
            var credentialsFile = NonEmpty(_getEnv("AWS_SHARED_CREDENTIALS_FILE")) ?? "~/.aws/credentials";
            var configFile = NonEmpty(_getEnv("AWS_CONFIG_FILE")) ?? "~/.aws/config";
            return $"the shared credentials file '{credentialsFile}' and config file '{configFile}'";
        }

        /// <summary>Shows enough of an access key id to tell keys apart, never the whole of it.</summary>
        internal static string Mask(string accessKey)
            => accessKey.Length <= 8 ? "****" : accessKey.Substring(0, 4) + "****" + accessKey.Substring(accessKey.Length - 4);

        private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();

        private static bool IsTrue(string? value) => string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase);
    }
}
