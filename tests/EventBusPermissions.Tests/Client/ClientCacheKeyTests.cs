using System;
using System.Collections.Generic;
using System.IO;
using EventBusPermissions.Aws;
using EventBusPermissions.Aws.Internal;
using Xunit;

namespace EventBusPermissions.Tests.Client
{
    /// <summary>
    /// A cached client is reused only for the very same identity: every option, every environment variable a source
    /// reads, and every file a source reads changes the key, so a change never reaches a cached client of another.
    /// </summary>
    public sealed class ClientCacheKeyTests
    {
        private static EventBridgeConnectionOptions Options() => new EventBridgeConnectionOptions();

        private static string Key(EventBridgeConnectionOptions options, IDictionary<string, string?> env)
            => ClientCacheKey.For(options, name => env.TryGetValue(name, out var v) ? v : null);

        public static IEnumerable<object[]> OptionChanges()
        {
            var external = new ExternalCredentials(() => new CredentialValues("AKIAEXAMPLE", "secret", null), "test", "holder-1");
            var other = new ExternalCredentials(() => new CredentialValues("AKIAEXAMPLE", "secret", null), "test", "holder-2");
            yield return new object[] { "Region", (Action<EventBridgeConnectionOptions>)(o => o.Region = "eu-west-1") };
            yield return new object[] { "StoredRegion", (Action<EventBridgeConnectionOptions>)(o => o.StoredRegion = "eu-west-1") };
            yield return new object[] { "ProfileName", (Action<EventBridgeConnectionOptions>)(o => o.ProfileName = "prod") };
            yield return new object[] { "ProfileLocation", (Action<EventBridgeConnectionOptions>)(o => o.ProfileLocation = "/tmp/creds") };
            yield return new object[] { "AccessKey", (Action<EventBridgeConnectionOptions>)(o => o.AccessKey = "AKIA1") };
            yield return new object[] { "SecretKey", (Action<EventBridgeConnectionOptions>)(o => o.SecretKey = "s") };
            yield return new object[] { "SessionToken", (Action<EventBridgeConnectionOptions>)(o => o.SessionToken = "t") };
            yield return new object[] { "EndpointUrl", (Action<EventBridgeConnectionOptions>)(o => o.EndpointUrl = "http://127.0.0.1:1") };
            yield return new object[] { "Credential", (Action<EventBridgeConnectionOptions>)(o => o.Credential = external) };
            yield return new object[] { "StoredCredential", (Action<EventBridgeConnectionOptions>)(o => o.StoredCredential = other) };
        }

        [Theory]
        [MemberData(nameof(OptionChanges))]
        public void Every_option_changes_the_key(string option, Action<EventBridgeConnectionOptions> change)
        {
            var env = new Dictionary<string, string?>();
            var changed = Options();
            change(changed);
            Assert.NotEqual(Key(Options(), env), Key(changed, env));
            Assert.NotNull(option);
        }

        [Fact]
        public void Two_holders_of_credentials_are_two_identities()
        {
            var env = new Dictionary<string, string?>();
            var a = Options();
            a.Credential = new ExternalCredentials(() => throw new InvalidOperationException(), "x", "holder-a");
            var b = Options();
            b.Credential = new ExternalCredentials(() => throw new InvalidOperationException(), "x", "holder-b");
            Assert.NotEqual(Key(a, env), Key(b, env));
        }

        public static IEnumerable<object[]> Variables()
        {
            foreach (var name in ClientCacheKey.EnvironmentThatMatters) yield return new object[] { name };
        }

        [Theory]
        [MemberData(nameof(Variables))]
        public void Every_environment_variable_a_source_reads_changes_the_key(string name)
        {
            var before = new Dictionary<string, string?>();
            var after = new Dictionary<string, string?> { [name] = "/tmp/changed-" + name };
            Assert.NotEqual(Key(Options(), before), Key(Options(), after));
        }

        [Theory]
        [InlineData("AWS_ROLE_ARN")]
        [InlineData("AWS_WEB_IDENTITY_TOKEN_FILE")]
        [InlineData("AWS_CONTAINER_CREDENTIALS_FULL_URI")]
        [InlineData("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE")]
        [InlineData("AWS_EC2_METADATA_SERVICE_ENDPOINT")]
        public void The_variables_the_issue_names_are_among_them(string name)
            => Assert.Contains(name, ClientCacheKey.EnvironmentThatMatters);

        [Theory]
        [InlineData("credentials")]
        [InlineData("config")]
        [InlineData("token")]
        public void A_file_a_source_reads_written_anew_changes_the_key(string which)
        {
            using (var dir = new TempDirectory())
            {
                var credentials = dir.Write("credentials", "[default]\naws_access_key_id = AKIAONE\naws_secret_access_key = one\n");
                var config = dir.Write("config", "[default]\nregion = us-east-1\n");
                var token = dir.Write("token", "first-token");
                var env = new Dictionary<string, string?>
                {
                    ["AWS_SHARED_CREDENTIALS_FILE"] = credentials,
                    ["AWS_CONFIG_FILE"] = config,
                    ["AWS_WEB_IDENTITY_TOKEN_FILE"] = token,
                };
                var before = Key(Options(), env);

                var path = which == "credentials" ? credentials : which == "config" ? config : token;
                File.AppendAllText(path, "\n# another identity\n");
                File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1));

                Assert.NotEqual(before, Key(Options(), env));
            }
        }

        [Theory]
        [InlineData("AWS_SHARED_CREDENTIALS_FILE")]
        [InlineData("AWS_CONFIG_FILE")]
        public void Naming_another_shared_file_changes_the_key_even_when_both_hold_the_same(string name)
        {
            using (var one = new TempDirectory())
            using (var two = new TempDirectory())
            {
                var text = "[profile runbook]\nregion = eu-west-2\n";
                var first = one.Write("file", text);
                var second = two.Write("file", text);
                File.SetLastWriteTimeUtc(second, File.GetLastWriteTimeUtc(first));

                var before = Key(Options(), new Dictionary<string, string?> { [name] = first });
                var after = Key(Options(), new Dictionary<string, string?> { [name] = second });

                Assert.NotEqual(before, after);
            }
        }

        [Theory]
        [InlineData("AWS_SHARED_CREDENTIALS_FILE")]
        [InlineData("AWS_CONFIG_FILE")]
        public void A_shared_file_named_before_it_is_written_changes_the_key_once_written(string name)
        {
            using (var dir = new TempDirectory())
            {
                var env = new Dictionary<string, string?> { [name] = Path.Combine(dir.Path, "later") };
                var before = Key(Options(), env);

                dir.Write("later", "[runbook]\naws_access_key_id = AKIALATE\naws_secret_access_key = late\n");

                Assert.NotEqual(before, Key(Options(), env));
            }
        }

        [Fact]
        public void The_same_options_give_the_same_key_and_hold_no_secret()
        {
            var env = new Dictionary<string, string?> { ["AWS_SECRET_ACCESS_KEY"] = "envSecretEXAMPLE" };
            var o = Options();
            o.SecretKey = "paramSecretEXAMPLE";
            var key = Key(o, env);
            Assert.Equal(key, Key(o, env));
            Assert.DoesNotContain("EXAMPLE", key);
        }
    }
}
