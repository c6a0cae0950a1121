using System;
using System.Collections.Generic;
using Amazon;
using Amazon.Runtime.Endpoints;
using EventBusPermissions.Aws;
using EventBusPermissions.Aws.Internal;
using EventBusPermissions.Aws.Operations;
using Xunit;

namespace EventBusPermissions.Tests.Client
{
    /// <summary>Endpoint resolution across partitions and variants, and where region and endpoint come from.</summary>
    public class EndpointTests
    {
        [Theory]
        [InlineData("us-east-1", false, false, "https://events.us-east-1.amazonaws.com")]
        [InlineData("eu-central-1", false, false, "https://events.eu-central-1.amazonaws.com")]
        [InlineData("cn-north-1", false, false, "https://events.cn-north-1.amazonaws.com.cn")]
        [InlineData("us-gov-west-1", false, false, "https://events.us-gov-west-1.amazonaws.com")]
        [InlineData("us-east-1", true, false, "https://events-fips.us-east-1.amazonaws.com")]
        [InlineData("us-west-2", true, false, "https://events-fips.us-west-2.amazonaws.com")]
        [InlineData("us-gov-west-1", true, false, "https://events.us-gov-west-1.amazonaws.com")]
        [InlineData("us-gov-east-1", true, false, "https://events.us-gov-east-1.amazonaws.com")]
        [InlineData("us-east-1", false, true, "https://events.us-east-1.api.aws")]
        [InlineData("us-east-1", true, true, "https://events-fips.us-east-1.api.aws")]
        public void Resolves_the_regional_endpoint_of_each_partition_and_variant(string region, bool fips, bool dualStack, string expected)
        {
            var config = new EventBridgeConfig
            {
                // As the module sets it: AWS_ENDPOINT_URL in the caller's environment must not decide this test.
                IgnoreConfiguredEndpointUrls = true,
                RegionEndpoint = RegionEndpoint.GetBySystemName(region),
                UseFIPSEndpoint = fips,
                UseDualstackEndpoint = dualStack,
            };

            var endpoint = config.DetermineServiceOperationEndpoint(new ServiceOperationEndpointParameters(new DescribeEventBusRequest()));

            Assert.Equal(expected, endpoint.URL.TrimEnd('/'));
        }

        [Fact]
        public void An_endpoint_override_wins_and_the_signing_region_is_kept()
        {
            var config = new EventBridgeConfig { ServiceURL = "http://127.0.0.1:4010", AuthenticationRegion = "eu-west-2" };

            var endpoint = config.DetermineServiceOperationEndpoint(new ServiceOperationEndpointParameters(new DescribeEventBusRequest()));

            Assert.StartsWith("http://127.0.0.1:4010", endpoint.URL);
        }

        [Fact]
        public void Region_comes_from_the_parameter_then_AWS_REGION_then_AWS_DEFAULT_REGION()
        {
            var env = new Dictionary<string, string?> { ["AWS_REGION"] = "eu-west-1", ["AWS_DEFAULT_REGION"] = "ap-south-1", ["AWS_EC2_METADATA_DISABLED"] = "true" };
            var resolver = Resolver(env);

            Assert.Equal("us-west-2", resolver.ResolveRegion(new EventBridgeConnectionOptions { Region = "us-west-2" }));
            Assert.Equal("eu-west-1", resolver.ResolveRegion(new EventBridgeConnectionOptions()));
            env.Remove("AWS_REGION");
            Assert.Equal("ap-south-1", resolver.ResolveRegion(new EventBridgeConnectionOptions()));
        }

        [Fact]
        public void No_region_is_an_error_that_says_where_it_looked()
        {
            var resolver = Resolver(new Dictionary<string, string?>
            {
                ["AWS_EC2_METADATA_DISABLED"] = "true",
                ["AWS_CONFIG_FILE"] = "/nonexistent/config",
                ["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent/credentials",
            });

            var e = Assert.Throws<EventBridgeSetupException>(() => resolver.ResolveRegion(new EventBridgeConnectionOptions { ProfileLocation = "/nonexistent/credentials" }));

            Assert.Equal(SetupFailure.NoRegion, e.Reason);
            Assert.Contains("-Region", e.Message);
            Assert.Contains("AWS_REGION", e.Message);
            Assert.Contains("AWS_DEFAULT_REGION", e.Message);
            Assert.Contains("/nonexistent/credentials", e.Message);
        }

        [Fact]
        public void A_malformed_region_is_refused()
        {
            var e = Assert.Throws<EventBridgeSetupException>(() => Resolver(new Dictionary<string, string?>()).ResolveRegion(new EventBridgeConnectionOptions { Region = "us east 1" }));
            Assert.Equal(SetupFailure.InvalidRegion, e.Reason);
        }

        [Fact]
        public void The_endpoint_comes_from_the_parameter_then_the_service_variable_then_the_global_one()
        {
            var env = new Dictionary<string, string?>
            {
                ["AWS_ENDPOINT_URL_EVENTBRIDGE"] = "http://127.0.0.1:1001",
                ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:1002",
                ["AWS_CONFIG_FILE"] = "/nonexistent/config",
                ["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent/credentials",
            };
            var resolver = Resolver(env);

            Assert.Equal("http://127.0.0.1:1000", resolver.ResolveEndpoint(new EventBridgeConnectionOptions { EndpointUrl = "http://127.0.0.1:1000" }));
            Assert.Equal("http://127.0.0.1:1001", resolver.ResolveEndpoint(new EventBridgeConnectionOptions()));
            env.Remove("AWS_ENDPOINT_URL_EVENTBRIDGE");
            Assert.Equal("http://127.0.0.1:1002", resolver.ResolveEndpoint(new EventBridgeConnectionOptions()));
            env["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = "true";
            Assert.Null(resolver.ResolveEndpoint(new EventBridgeConnectionOptions()));
        }

        [Fact]
        public void A_malformed_endpoint_is_refused_naming_where_it_came_from()
        {
            var resolver = Resolver(new Dictionary<string, string?>
            {
                ["AWS_ENDPOINT_URL"] = "localhost:4010",
                ["AWS_CONFIG_FILE"] = "/nonexistent/config",
                ["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent/credentials",
            });

            var e = Assert.Throws<EventBridgeSetupException>(() => resolver.ResolveEndpoint(new EventBridgeConnectionOptions()));

            Assert.Equal(SetupFailure.InvalidEndpoint, e.Reason);
            Assert.Contains("AWS_ENDPOINT_URL", e.Message);
        }

        [Fact]
        public void An_access_key_without_its_secret_is_refused_without_echoing_anything_secret()
        {
            var resolver = Resolver(new Dictionary<string, string?>());
            var config = new EventBridgeConfig();

            var e = Assert.Throws<EventBridgeSetupException>(() => resolver.ResolveCredentials(new EventBridgeConnectionOptions { AccessKey = "AKIAIOSFODNN7EXAMPLE" }, config, out _));

            Assert.Equal(SetupFailure.NoCredentials, e.Reason);
            Assert.DoesNotContain("AKIAIOSFODNN7EXAMPLE", e.Message);
        }

        [Fact]
        public void The_credential_source_shows_only_part_of_the_access_key()
        {
            var resolver = Resolver(new Dictionary<string, string?>());
            resolver.ResolveCredentials(new EventBridgeConnectionOptions { AccessKey = "AKIAIOSFODNN7EXAMPLE", SecretKey = "secret" }, new EventBridgeConfig(), out var source);

            Assert.Contains("AKIA****MPLE", source);
            Assert.DoesNotContain("AKIAIOSFODNN7EXAMPLE", source);
            Assert.DoesNotContain("secret", source);
        }

        private static ConnectionResolver Resolver(IDictionary<string, string?> env)
            => new ConnectionResolver(name => env.TryGetValue(name, out var v) ? v : null);
    }
}
