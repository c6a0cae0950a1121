using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime.CredentialManagement;
using EventBusPermissions.Aws;
using EventBusPermissions.Aws.Internal;
using EventBusPermissions.Tests.LocalEndpoint;
using Xunit;

namespace EventBusPermissions.Tests.Client
{
    /// <summary>
    /// A runbook sets AWS_CONFIG_FILE or AWS_SHARED_CREDENTIALS_FILE after its first call: the next call reads the
    /// files they name (AWSSDK.Core itself looks at the variables once per process). These tests change the process
    /// environment, so they run alone.
    /// </summary>
    [Collection(ProcessEnvironmentCollection.Name)]
    public sealed class SharedFilesNamedLaterTests
    {
        private const string FirstKey = "AKIAFIRSTEXAMPLE0001";
        private const string LateKey = "AKIALATEEXAMPLE00002";

        [Fact]
        public void The_SDK_reads_the_files_the_variables_name_now_even_files_that_do_not_exist()
        {
            using var dir = new TempDirectory();
            using (new AwsEnvironmentScope(new Dictionary<string, string>
            {
                ["AWS_SHARED_CREDENTIALS_FILE"] = dir.Write("credentials", ""),
                ["AWS_CONFIG_FILE"] = dir.Write("config", ""),
            }))
            {
                SdkSharedFilePaths.Follow(Environment.GetEnvironmentVariable);
                Assert.Equal(Path.Combine(dir.Path, "credentials"), new SharedCredentialsFile().FilePath);
                Assert.Equal(Path.Combine(dir.Path, "config"), new SharedCredentialsFile().ConfigFilePath);

                // As CI sets them: files that are not there are still the files meant (empty), never ~/.aws instead.
                Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/ci-credentials");
                Environment.SetEnvironmentVariable("AWS_CONFIG_FILE", "/nonexistent/ci-config");
                SdkSharedFilePaths.Follow(Environment.GetEnvironmentVariable);
                Assert.Equal("/nonexistent/ci-credentials", new SharedCredentialsFile().FilePath);
                Assert.Equal("/nonexistent/ci-config", new SharedCredentialsFile().ConfigFilePath);
            }
        }

        [Fact]
        public async Task A_profile_in_files_named_after_the_first_call_is_used_by_name_and_by_AWS_PROFILE()
        {
            using var dir = new TempDirectory();
            using var server = new RecordingServer();
            Directory.CreateDirectory(Path.Combine(dir.Path, "home"));
            using (new AwsEnvironmentScope(new Dictionary<string, string>
            {
                ["HOME"] = Path.Combine(dir.Path, "home"),
                ["AWS_EC2_METADATA_DISABLED"] = "true",
                ["AWS_ACCESS_KEY_ID"] = FirstKey,
                ["AWS_SECRET_ACCESS_KEY"] = "firstSecretEXAMPLE",
            }))
            {
                var first = EventBridgeConnector.Connect(new EventBridgeConnectionOptions { Region = "us-east-1", EndpointUrl = server.Url });
                await first.DescribeEventBusAsync(null, CancellationToken.None);

                Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", null);
                Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", null);
                Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE",
                    dir.Write("late-credentials", $"[runbook]\naws_access_key_id = {LateKey}\naws_secret_access_key = lateSecretEXAMPLE\n"));
                Environment.SetEnvironmentVariable("AWS_CONFIG_FILE", dir.Write("late-config", "[profile runbook]\nregion = eu-west-2\n"));

                var byName = EventBridgeConnector.Connect(new EventBridgeConnectionOptions { ProfileName = "runbook", EndpointUrl = server.Url });
                await byName.DescribeEventBusAsync(null, CancellationToken.None);

                Environment.SetEnvironmentVariable("AWS_PROFILE", "runbook");
                var byEnvironment = EventBridgeConnector.Connect(new EventBridgeConnectionOptions { EndpointUrl = server.Url });
                await byEnvironment.DescribeEventBusAsync(null, CancellationToken.None);

                Assert.Equal(new[] { "us-east-1", "eu-west-2", "eu-west-2" }, new[] { first.Region, byName.Region, byEnvironment.Region });
                Assert.Equal(3, server.Requests.Count);
                Assert.Contains($"Credential={FirstKey}/", server.Requests[0].Headers["Authorization"]);
                Assert.Contains($"Credential={LateKey}/", server.Requests[1].Headers["Authorization"]);
                Assert.Contains($"Credential={LateKey}/", server.Requests[2].Headers["Authorization"]);
            }
        }
    }
}
