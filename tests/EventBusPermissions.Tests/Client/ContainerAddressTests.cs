using System.Collections.Generic;
using EventBusPermissions.Aws;
using EventBusPermissions.Aws.Internal;
using EventBusPermissions.Tests.LocalEndpoint;
using Xunit;

namespace EventBusPermissions.Tests.Client
{
    /// <summary>
    /// The relative form of container credentials goes to the link-local 169.254.170.2, which no test may contact:
    /// the address the SDK builds is checked without sending anything (credentials are only fetched for a request).
    /// </summary>
    [Collection(ProcessEnvironmentCollection.Name)]
    public sealed class ContainerAddressTests
    {
        [Fact]
        public void The_relative_uri_resolves_to_the_ECS_link_local_address_and_Verbose_names_it()
        {
            using (new AwsEnvironmentScope(new Dictionary<string, string>
            {
                ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] = "/v2/credentials/task-1234",
                ["AWS_EC2_METADATA_DISABLED"] = "true",
                ["AWS_CONFIG_FILE"] = "/nonexistent/config",
                ["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent/credentials",
            }))
            {
                var resolver = new ConnectionResolver();
                resolver.ResolveCredentials(new EventBridgeConnectionOptions { Region = "us-east-1" }, new EventBridgeConfig(), out var source);

                Assert.Equal("container credentials from http://169.254.170.2/v2/credentials/task-1234", source);
            }
        }

        [Fact]
        public void The_full_uri_is_named_as_given()
        {
            using (new AwsEnvironmentScope(new Dictionary<string, string>
            {
                ["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = "http://127.0.0.1:9/creds",
                ["AWS_EC2_METADATA_DISABLED"] = "true",
                ["AWS_CONFIG_FILE"] = "/nonexistent/config",
                ["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent/credentials",
            }))
            {
                new ConnectionResolver().ResolveCredentials(new EventBridgeConnectionOptions(), new EventBridgeConfig(), out var source);
                Assert.Equal("container credentials from http://127.0.0.1:9/creds", source);
            }
        }
    }
}
