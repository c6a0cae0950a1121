using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using EventBusPermissions.Aws;
using EventBusPermissions.Aws.Internal;
using EventBusPermissions.Tests.Client;
using Xunit;

namespace EventBusPermissions.Tests.Secrets
{
    /// <summary>
    /// Whatever fails (a credentials file the SDK cannot parse, a credential_process that exits non-zero, AWS
    /// echoing the signed request), the exception that leaves the client names no secret and holds no SDK type.
    /// </summary>
    public class FailureScrubbingTests
    {
        private const string FileSecret = "fileSecretEXAMPLE0123456789";
        private const string SessionToken = "sessionTokenEXAMPLE-0123456789";

        [Fact]
        public void A_credentials_file_the_SDK_cannot_parse_is_a_setup_error_that_does_not_quote_it()
        {
            using var dir = new TempDirectory();
            var file = dir.Write("credentials", $"[broken]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key {FileSecret}\n");
            var options = new EventBridgeConnectionOptions { ProfileName = "broken", ProfileLocation = file, Region = "us-east-1", EndpointUrl = "http://127.0.0.1:9" };

            var e = Assert.Throws<EventBridgeSetupException>(() => EventBridgeConnector.Create(options, Resolver(dir)));

            Assert.Equal(SetupFailure.InvalidCredentialsFile, e.Reason);
            Assert.Contains(file, e.Message);
            Assert.Contains("Line 3", e.Message);
            AssertClean(e, FileSecret);
        }

        [Fact]
        public void A_broken_file_read_for_the_region_is_reported_as_broken_not_as_a_missing_region()
        {
            using var dir = new TempDirectory();
            var file = dir.Write("credentials", $"[broken\naws_secret_access_key = {FileSecret}\n");

            var e = Assert.Throws<EventBridgeSetupException>(() =>
                Resolver(dir).ResolveRegion(new EventBridgeConnectionOptions { ProfileName = "broken", ProfileLocation = file }));

            Assert.Equal(SetupFailure.InvalidCredentialsFile, e.Reason);
            AssertClean(e, FileSecret);
        }

        [Fact]
        public void A_broken_config_file_read_for_the_endpoint_is_a_setup_error_too()
        {
            using var dir = new TempDirectory();
            dir.Write("config", $"[profile p]\nendpoint_url = http://127.0.0.1:1\nsso_session {FileSecret}\n");

            var e = Assert.Throws<EventBridgeSetupException>(() => Resolver(dir).ResolveEndpoint(new EventBridgeConnectionOptions { ProfileName = "p" }));

            Assert.Equal(SetupFailure.InvalidCredentialsFile, e.Reason);
            AssertClean(e, FileSecret);
        }

        [Fact]
        public async Task A_failing_credential_process_says_its_exit_code_and_stderr_with_secrets_masked_and_sends_nothing()
        {
            if (OperatingSystem.IsWindows()) return; // the helper below is a shell script
            using var dir = new TempDirectory();
            var helper = dir.Write("helper.sh",
                "#!/bin/sh\n" +
                $"echo '{{\"Version\": 1, \"SecretAccessKey\": \"jsonSecretEXAMPLE\", \"SessionToken\": \"{SessionToken}\"}}' >&2\n" +
                "echo 'vault unreachable' >&2\n" +
                "exit 3\n");
            File.SetUnixFileMode(helper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var file = dir.Write("credentials", $"[proc]\ncredential_process = {helper}\n");
            using var server = new RecordingServer();
            var options = new EventBridgeConnectionOptions { ProfileName = "proc", ProfileLocation = file, Region = "us-east-1", EndpointUrl = server.Url };

            var api = EventBridgeConnector.Create(options, Resolver(dir));
            var e = await Assert.ThrowsAsync<EventBridgeApiException>(() => api.DescribeEventBusAsync("default", CancellationToken.None));

            Assert.Equal(SetupFailure.CredentialProviderFailed, e.SetupReason);
            Assert.False(e.IsTransient);
            Assert.Contains("exit value 3", e.Message);
            Assert.Contains("vault unreachable", e.Message);
            Assert.Empty(server.Requests);
            AssertClean(e, "jsonSecretEXAMPLE", SessionToken);
        }

        [Fact]
        public async Task AWS_echo_of_the_signed_request_in_InvalidSignatureException_names_no_token()
        {
            using var server = new RecordingServer();
            var api = ClientFactory.For(server.Url, SessionToken);
            server.Then(CannedResponse.Raw(403, JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["__type"] = "InvalidSignatureException",
                ["message"] = "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. " +
                    "Consult the service documentation for details.\n\nThe Canonical String for this request should have been\n'POST\n/\n\n" +
                    $"host:127.0.0.1\nx-amz-date:20240101T000000Z\nx-amz-security-token:{SessionToken}\n\nhost;x-amz-date;x-amz-security-token\nabc'\n\n" +
                    "The String-to-Sign should have been\n'AWS4-HMAC-SHA256\n20240101T000000Z\n20240101/us-east-1/events/aws4_request\ndef'\n",
            }), "req-sig"));

            var e = await Assert.ThrowsAsync<EventBridgeApiException>(() => api.DescribeEventBusAsync("default", CancellationToken.None));

            Assert.Equal("InvalidSignatureException", e.ErrorCode);
            Assert.Equal("req-sig", e.RequestId);
            Assert.StartsWith("The request signature we calculated does not match the signature you provided.", e.Message);
            Assert.Equal(SessionToken, server.Requests[0].Headers["X-Amz-Security-Token"]); // the token did go out, and came back
            AssertClean(e, SessionToken, ClientFactory.SecretKey);
        }

        [Fact]
        public async Task A_service_message_quoting_the_secret_key_or_token_exactly_is_masked()
        {
            using var server = new RecordingServer()
                .Then(CannedResponse.Error(400, "ValidationException", $"odd echo {ClientFactory.SecretKey} and {SessionToken}"));

            var e = await Assert.ThrowsAsync<EventBridgeApiException>(() =>
                ClientFactory.For(server.Url, SessionToken).DescribeEventBusAsync("default", CancellationToken.None));

            Assert.Equal("odd echo **** and ****", e.Message);
            AssertClean(e, SessionToken, ClientFactory.SecretKey);
        }

        [Fact]
        public async Task A_request_that_gets_no_answer_holds_no_SDK_exception()
        {
            int port;
            using (var server = new RecordingServer()) port = server.Port;

            var e = await Assert.ThrowsAsync<EventBridgeApiException>(() => ClientFactory.For($"http://127.0.0.1:{port}").DescribeEventBusAsync(null, CancellationToken.None));

            Assert.StartsWith("The request could not be completed: ", e.Message);
            AssertClean(e);
        }

        [Fact]
        public void The_cmdlets_rewrap_keeps_our_own_type_and_the_setup_reason()
        {
            var first = new EventBridgeApiException("aws_session_token = abcdefghijk", null, 0, null, false, setupReason: SetupFailure.CredentialProviderFailed);
            var wrapped = new EventBridgeApiException("Cannot read: " + first.Message, null, 0, null, false, first);

            Assert.Equal(SetupFailure.CredentialProviderFailed, wrapped.SetupReason);
            AssertClean(wrapped, "abcdefghijk");
        }

        /// <summary>No secret in the message or ToString() of any exception of the chain, and no SDK type in it.</summary>
        private static void AssertClean(Exception e, params string[] secrets)
        {
            for (var ex = e; ex != null; ex = ex.InnerException)
            {
                Assert.StartsWith("EventBusPermissions.", ex.GetType().FullName);
                foreach (var secret in secrets)
                {
                    Assert.DoesNotContain(secret, ex.Message);
                    Assert.DoesNotContain(secret, ex.ToString());
                }
            }
            Assert.DoesNotContain("Amazon.", e.ToString().Split(new[] { "   at " }, StringSplitOptions.None)[0]);
        }

        /// <summary>A resolver whose shared files are in the test's directory, whatever the machine's environment.</summary>
        private static ConnectionResolver Resolver(TempDirectory dir)
        {
            var env = new Dictionary<string, string?>
            {
                ["AWS_CONFIG_FILE"] = Path.Combine(dir.Path, "config"),
                ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(dir.Path, "credentials"),
                ["AWS_EC2_METADATA_DISABLED"] = "true",
            };
            return new ConnectionResolver(name => env.TryGetValue(name, out var v) ? v : null);
        }
    }
}
