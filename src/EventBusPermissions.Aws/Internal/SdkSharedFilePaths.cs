using System;
using System.Reflection;
using Amazon.Runtime.CredentialManagement;

namespace EventBusPermissions.Aws.Internal
{
    /// <summary>
    /// Points AWSSDK.Core at the shared credentials and config files the environment names now. AWSSDK.Core 4.1.0
    /// reads AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE once per process, in SharedCredentialsFile's static
    /// constructor (and takes ~/.aws instead when the file named does not exist at that moment), and every profile it
    /// reads later comes from those two paths: -ProfileName, AWS_PROFILE in its default chain, a profile's region. A
    /// runbook that sets the variables after its first call would get "profile not found" in the very file the message
    /// names. So before a client is made, the SDK's two paths are set to the files <see cref="SharedFiles"/> finds.
    /// </summary>
    internal static class SdkSharedFilePaths
    {
        private static readonly object Gate = new object();

        // Public properties with private setters, which reflection reaches (SdkSharedFilePathsTests checks it still does).
        private static readonly PropertyInfo? CredentialsPath =
            typeof(SharedCredentialsFile).GetProperty(nameof(SharedCredentialsFile.DefaultFilePath), BindingFlags.Public | BindingFlags.Static);

        private static readonly PropertyInfo? ConfigPath =
            typeof(SharedCredentialsFile).GetProperty(nameof(SharedCredentialsFile.DefaultConfigFilePath), BindingFlags.Public | BindingFlags.Static);

        /// <param name="getEnv">The process environment: the SDK itself reads it (it uses ConfigPath only while AWS_CONFIG_FILE is set).</param>
        public static void Follow(Func<string, string?> getEnv)
        {
            // No -ProfileLocation here: that file is given to the SDK with each read; these are its defaults.
            var files = SharedFiles.For(new EventBridgeConnectionOptions(), getEnv);
            // One pair at a time, so that no reader sees one file of one environment and the other of another.
            lock (Gate)
            {
                Set(CredentialsPath, files.CredentialsPath);
                Set(ConfigPath, files.ConfigPath);
            }
        }

        private static void Set(PropertyInfo? property, string path)
        {
            if (property?.GetSetMethod(nonPublic: true) == null) return;
            if (!string.Equals(property.GetValue(null) as string, path, StringComparison.Ordinal))
                property.SetValue(null, path);
        }
    }
}
