using System.Collections.Generic;
using System.IO;
using EventBusPermissions.Aws;
using EventBusPermissions.Aws.Internal;
using Xunit;

namespace EventBusPermissions.Tests.Client
{
    /// <summary>
    /// The endpoint from the shared config file, in the order the AWS SDKs document: -EndpointUrl,
    /// AWS_ENDPOINT_URL_EVENTBRIDGE, the profile's services section, AWS_ENDPOINT_URL, the profile's endpoint_url.
    /// </summary>
    public class ProfileEndpointTests
    {
        private const string Config = @"
[default]
endpoint_url = http://127.0.0.1:2000

[profile both]
endpoint_url = http://127.0.0.1:2005
services = local-services

[profile plain]
endpoint_url = http://127.0.0.1:2006

[profile other-service-only]
services = other-services

[profile ignoring]
endpoint_url = http://127.0.0.1:2007
ignore_configured_endpoint_urls = true

[services local-services]
eventbridge =
  endpoint_url = http://127.0.0.1:2003
s3 =
  endpoint_url = http://127.0.0.1:2009

[services other-services]
s3 =
  endpoint_url = http://127.0.0.1:2009
";

        [Fact]
        public void Each_source_gives_way_to_the_one_before_it()
        {
            using var dir = new TempDirectory();
            var env = Env(dir, Config);
            env["AWS_ENDPOINT_URL_EVENTBRIDGE"] = "http://127.0.0.1:2001";
            env["AWS_ENDPOINT_URL"] = "http://127.0.0.1:2002";
            var resolver = Resolver(env);
            var both = new EventBridgeConnectionOptions { ProfileName = "both" };

            Assert.Equal(("http://127.0.0.1:1999", "-EndpointUrl"), Resolve(resolver, new EventBridgeConnectionOptions { ProfileName = "both", EndpointUrl = "http://127.0.0.1:1999" }));
            Assert.Equal(("http://127.0.0.1:2001", "AWS_ENDPOINT_URL_EVENTBRIDGE"), Resolve(resolver, both));
            env.Remove("AWS_ENDPOINT_URL_EVENTBRIDGE");
            Assert.Equal(("http://127.0.0.1:2003", "the services section 'local-services' of profile 'both'"), Resolve(resolver, both));
            Assert.Equal(("http://127.0.0.1:2002", "AWS_ENDPOINT_URL"), Resolve(resolver, new EventBridgeConnectionOptions { ProfileName = "plain" }));
            env.Remove("AWS_ENDPOINT_URL");
            Assert.Equal(("http://127.0.0.1:2006", "the endpoint_url of profile 'plain'"), Resolve(resolver, new EventBridgeConnectionOptions { ProfileName = "plain" }));
        }

        [Fact]
        public void A_profile_with_a_services_section_still_has_its_endpoint_url_for_other_services_missing_there()
        {
            using var dir = new TempDirectory();
            var resolver = Resolver(Env(dir, Config + "\n[profile mixed]\nendpoint_url = http://127.0.0.1:2008\nservices = other-services\n"));

            Assert.Null(Resolve(resolver, new EventBridgeConnectionOptions { ProfileName = "other-service-only" }).Url);
            Assert.Equal("http://127.0.0.1:2008", Resolve(resolver, new EventBridgeConnectionOptions { ProfileName = "mixed" }).Url);
        }

        [Fact]
        public void The_profile_is_the_named_one_else_AWS_PROFILE_else_default()
        {
            using var dir = new TempDirectory();
            var env = Env(dir, Config);
            var resolver = Resolver(env);

            Assert.Equal("http://127.0.0.1:2000", Resolve(resolver, new EventBridgeConnectionOptions()).Url);
            env["AWS_PROFILE"] = "plain";
            Assert.Equal("http://127.0.0.1:2006", Resolve(resolver, new EventBridgeConnectionOptions()).Url);
            Assert.Equal("http://127.0.0.1:2003", Resolve(resolver, new EventBridgeConnectionOptions { ProfileName = "both" }).Url);
        }

        [Fact]
        public void Configured_endpoints_are_ignored_when_the_variable_or_else_the_profile_says_so()
        {
            using var dir = new TempDirectory();
            var env = Env(dir, Config);
            env["AWS_ENDPOINT_URL"] = "http://127.0.0.1:2002";
            var resolver = Resolver(env);

            Assert.Null(Resolve(resolver, new EventBridgeConnectionOptions { ProfileName = "ignoring" }).Url);
            Assert.Equal("http://127.0.0.1:1999", Resolve(resolver, new EventBridgeConnectionOptions { ProfileName = "ignoring", EndpointUrl = "http://127.0.0.1:1999" }).Url);

            env["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = "true";
            Assert.Null(Resolve(resolver, new EventBridgeConnectionOptions { ProfileName = "both" }).Url);

            // Set to false, the variable wins over the profile's true, as environment variables do over profile settings.
            env["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = "false";
            Assert.Equal("http://127.0.0.1:2002", Resolve(resolver, new EventBridgeConnectionOptions { ProfileName = "ignoring" }).Url);
        }

        [Fact]
        public void With_ProfileLocation_the_config_file_beside_it_is_read_unless_AWS_CONFIG_FILE_is_set()
        {
            using var dir = new TempDirectory();
            var credentials = dir.Write("credentials", "[plain]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = x\n");
            dir.Write("config", Config);
            var env = new Dictionary<string, string?>();

            Assert.Equal("http://127.0.0.1:2006", Resolve(Resolver(env), new EventBridgeConnectionOptions { ProfileName = "plain", ProfileLocation = credentials }).Url);
            env["AWS_CONFIG_FILE"] = Path.Combine(dir.Path, "nonexistent-config");
            Assert.Null(Resolve(Resolver(env), new EventBridgeConnectionOptions { ProfileName = "plain", ProfileLocation = credentials }).Url);
        }

        [Fact]
        public void An_endpoint_url_in_the_credentials_file_counts_and_wins_over_the_config_file()
        {
            using var dir = new TempDirectory();
            var env = Env(dir, Config);
            dir.Write("credentials", "[plain]\nendpoint_url = http://127.0.0.1:2010\n");

            Assert.Equal("http://127.0.0.1:2010", Resolve(Resolver(env), new EventBridgeConnectionOptions { ProfileName = "plain" }).Url);
        }

        [Fact]
        public void A_malformed_profile_endpoint_is_refused_naming_the_profile()
        {
            using var dir = new TempDirectory();
            var resolver = Resolver(Env(dir, "[profile bad]\nendpoint_url = localhost:4010\n"));

            var e = Assert.Throws<EventBridgeSetupException>(() => resolver.ResolveEndpoint(new EventBridgeConnectionOptions { ProfileName = "bad" }));

            Assert.Equal(SetupFailure.InvalidEndpoint, e.Reason);
            Assert.Contains("profile 'bad'", e.Message);
        }

        [Fact]
        public void The_client_is_built_for_the_profile_endpoint_and_says_where_it_came_from()
        {
            using var dir = new TempDirectory();
            var env = Env(dir, Config);

            var api = EventBridgeConnector.Create(
                new EventBridgeConnectionOptions { ProfileName = "plain", Region = "us-east-1", AccessKey = ClientFactory.AccessKey, SecretKey = ClientFactory.SecretKey },
                Resolver(env));

            Assert.Equal("http://127.0.0.1:2006", api.EndpointUrl);
            Assert.Equal("the endpoint_url of profile 'plain'", ((IEndpointOrigin)api).EndpointSource);
        }

        private static (string? Url, string? Source) Resolve(ConnectionResolver resolver, EventBridgeConnectionOptions options)
        {
            var url = resolver.ResolveEndpoint(options, out var source);
            return (url, source);
        }

        private static Dictionary<string, string?> Env(TempDirectory dir, string config)
        {
            return new Dictionary<string, string?>
            {
                ["AWS_CONFIG_FILE"] = dir.Write("config", config),
                ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(dir.Path, "credentials"),
            };
        }

        private static ConnectionResolver Resolver(IDictionary<string, string?> env)
            => new ConnectionResolver(name => env.TryGetValue(name, out var v) ? v : null);
    }
}
