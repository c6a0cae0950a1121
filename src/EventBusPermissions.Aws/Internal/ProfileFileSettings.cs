using System;
using System.Collections.Generic;
using System.IO;
using Amazon.Runtime.Internal.Util;

namespace EventBusPermissions.Aws.Internal
{
    /// <summary>
    /// The settings of a profile that AWSSDK.Core 4.1.0's CredentialProfile leaves out or loses: endpoint_url, the
    /// eventbridge endpoint_url of the services section it names, ignore_configured_endpoint_urls (it exposes only
    /// the name of the services section, and drops endpoint_url when the profile has one), and an assume-role
    /// profile's duration_seconds (which the AWS CLI honours and the SDK ignores). The sections are read here with
    /// the SDK's own INI reader, the one its profiles come from.
    /// </summary>
    internal sealed class ProfileFileSettings
    {
        // The key of a services section is the service's SDK id, lower case: "EventBridge" becomes "eventbridge".
        private const string ServiceKey = "eventbridge";
        private const string EndpointUrlKey = "endpoint_url";

        public string? EndpointUrl { get; private set; }
        public string? ServicesSection { get; private set; }
        public string? ServiceEndpointUrl { get; private set; }

        /// <summary>The STS endpoint_url of the services section: the STS client a role or web identity uses goes there.</summary>
        public string? StsEndpointUrl { get; private set; }
        public bool? IgnoreConfiguredEndpointUrls { get; private set; }

        /// <summary>duration_seconds: how long the session of an assume-role profile asks to last.</summary>
        public int? DurationSeconds { get; private set; }

        /// <exception cref="Exception">Whatever the SDK's reader throws for a file it cannot parse.</exception>
        public static ProfileFileSettings Read(SharedFiles files, string profileName)
        {
            var settings = new ProfileFileSettings();
            // Like the SDK, a value in the credentials file wins over the same value in the config file.
            var profile = Section(files.ConfigPath, profileName, configFile: true, servicesSection: false);
            foreach (var pair in Section(files.CredentialsPath, profileName, configFile: false, servicesSection: false))
                profile[pair.Key] = pair.Value;

            settings.EndpointUrl = Value(profile, EndpointUrlKey);
            if (bool.TryParse(Value(profile, "ignore_configured_endpoint_urls"), out var ignore))
                settings.IgnoreConfiguredEndpointUrls = ignore;

            if (int.TryParse(Value(profile, "duration_seconds"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
                settings.DurationSeconds = seconds;

            settings.ServicesSection = Value(profile, "services");
            if (settings.ServicesSection != null)
            {
                settings.ServiceEndpointUrl = ServiceValue(files.ConfigPath, settings.ServicesSection, ServiceKey, EndpointUrlKey);
                settings.StsEndpointUrl = ServiceValue(files.ConfigPath, settings.ServicesSection, "sts", EndpointUrlKey);
            }
            return settings;
        }

        private static Dictionary<string, string> Section(string path, string name, bool configFile, bool servicesSection)
        {
            var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (!File.Exists(path)) return result;
            // In the config file a profile's section is [profile name], except [default].
            var file = new ProfileIniFile(path, configFile && name != "default");
            if (file.TryGetSection(name, false, servicesSection, out var properties, out _) && properties != null)
                foreach (var pair in properties) result[pair.Key] = pair.Value;
            return result;
        }

        private static string? ServiceValue(string configPath, string servicesSection, string serviceKey, string key)
        {
            if (!File.Exists(configPath)) return null;
            var file = new ProfileIniFile(configPath, false);
            if (!file.TryGetSection(servicesSection, false, true, out _, out var nested) || nested == null) return null;
            foreach (var service in nested)
            {
                if (!string.Equals(service.Key, serviceKey, StringComparison.OrdinalIgnoreCase)) continue;
                foreach (var pair in service.Value)
                    if (string.Equals(pair.Key, key, StringComparison.OrdinalIgnoreCase)) return NonEmpty(pair.Value);
            }
            return null;
        }

        private static string? Value(Dictionary<string, string> section, string key)
            => section.TryGetValue(key, out var value) ? NonEmpty(value) : null;

        private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
    }
}
