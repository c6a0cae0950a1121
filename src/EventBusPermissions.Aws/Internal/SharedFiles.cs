using System;
using System.IO;

namespace EventBusPermissions.Aws.Internal
{
    /// <summary>
    /// Where the shared credentials and config files are for a connection, found the way AWSSDK.Core finds them:
    /// -ProfileLocation or AWS_SHARED_CREDENTIALS_FILE or ~/.aws/credentials; AWS_CONFIG_FILE, else the file
    /// named config beside the credentials file. Read through the resolver's environment, so tests are hermetic.
    /// </summary>
    internal sealed class SharedFiles
    {
        private SharedFiles(string credentialsPath, string configPath)
        {
            CredentialsPath = credentialsPath;
            ConfigPath = configPath;
        }

        public string CredentialsPath { get; }
        public string ConfigPath { get; }

        public static SharedFiles For(EventBridgeConnectionOptions options, Func<string, string?> getEnv)
        {
            var credentials = NonEmpty(options.ProfileLocation)
                ?? NonEmpty(getEnv("AWS_SHARED_CREDENTIALS_FILE"))
                ?? Path.Combine(Home(getEnv), ".aws", "credentials");
            var config = NonEmpty(getEnv("AWS_CONFIG_FILE"))
                ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(credentials)) ?? ".", "config");
            return new SharedFiles(credentials, config);
        }

        private static string Home(Func<string, string?> getEnv)
            => NonEmpty(getEnv("HOME")) ?? NonEmpty(getEnv("USERPROFILE")) ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

        private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
    }
}
