using System;
using System.Collections.Generic;
using System.IO;
using Amazon.Runtime.Internal.Util;

namespace EventBusPermissions.Aws.Internal
{
    /// <summary>
    /// A profile's endpoint settings: endpoint_url, the eventbridge endpoint_url of the services section it
    /// names, and ignore_configured_endpoint_urls. AWSSDK.Core 4.1.0's CredentialProfile exposes only the name
    /// of the services section (and drops endpoint_url when the profile has one), so the sections are read
    /// here with the SDK's own INI reader, the one its profiles come from.
    /// </summary>
    internal sealed class ProfileEndpointSettings
    {
        // The key of a services section is the service's SDK id, lower case: "EventBridge" becomes "eventbridge".
        private const string ServiceKey = "eventbridge";
        private const string EndpointUrlKey = "endpoint_url";

        public string? EndpointUrl { get; private set; }
        public string? ServicesSection { get; private set; }
        public string? ServiceEndpointUrl { get; private set; }
        public bool? IgnoreConfiguredEndpointUrls { get; private set; }

        /// <exception cref="Exception">Whatever the SDK's reader throws for a file it cannot parse.</exception>
        public static ProfileEndpointSettings Read(SharedFiles files, string profileName)
        {
            var settings = new ProfileEndpointSettings();
            // Like the SDK, a value in the credentials file wins over the same value in the config file.
            var profile = Section(files.ConfigPath, profileName, configFile: true, servicesSection: false);
            foreach (var pair in Section(files.CredentialsPath, profileName, configFile: false, servicesSection: false))
                profile[pair.Key] = pair.Value;

            settings.EndpointUrl = Value(profile, EndpointUrlKey);
            if (bool.TryParse(Value(profile, "ignore_configured_endpoint_urls"), out var ignore))
                settings.IgnoreConfiguredEndpointUrls = ignore;

            settings.ServicesSection = Value(profile, "services");
            if (settings.ServicesSection != null)
                settings.ServiceEndpointUrl = ServiceValue(files.ConfigPath, settings.ServicesSection, EndpointUrlKey);
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

        private static string? ServiceValue(string configPath, string servicesSection, string key)
        {
            if (!File.Exists(configPath)) return null;
            var file = new ProfileIniFile(configPath, false);
            if (!file.TryGetSection(servicesSection, false, true, out _, out var nested) || nested == null) return null;
            foreach (var service in nested)
            {
                if (!string.Equals(service.Key, ServiceKey, StringComparison.OrdinalIgnoreCase)) continue;
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
