using System.Collections.Generic;
using System.Linq;
using EventBusPermissions.Aws.Internal;
using Xunit;

namespace EventBusPermissions.Tests.Secrets
{
    /// <summary>Each shape a secret comes in is masked, and ordinary error text is left as it was.</summary>
    public class SecretScrubberTests
    {
        private const string SecretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        private const string Token = "IQoJb3JpZ2luX2VjEXAMPLETOKEN/abc+def==";

        [Theory]
        [InlineData("aws_secret_access_key = SECRETVALUE1")]
        [InlineData("aws_secret_access_key=SECRETVALUE1")]
        [InlineData("AWS_SESSION_TOKEN: SECRETVALUE1")]
        [InlineData("aws_security_token = \"SECRETVALUE1\"")]
        [InlineData("x-amz-security-token:SECRETVALUE1")]
        [InlineData("X-Amz-Security-Token: SECRETVALUE1")]
        [InlineData("https://events.us-east-1.amazonaws.com/?Action=X&X-Amz-Security-Token=SECRETVALUE1&X-Amz-Date=20240101T000000Z")]
        [InlineData("x-amz-sso_bearer_token: SECRETVALUE1")]
        [InlineData("{\"SecretAccessKey\": \"SECRETVALUE1\"}")]
        [InlineData("{\"SessionToken\":\"SECRETVALUE1\"}")]
        [InlineData("{\"secretAccessKey\":\"SECRETVALUE1\",\"sessionToken\":\"SECRETVALUE2\"}")]
        [InlineData("{\"accessToken\": \"SECRETVALUE1\", \"expiresAt\": \"2030-01-01T00:00:00Z\"}")]
        [InlineData("{\"AccessKeyId\":\"ASIAEXAMPLE\",\"Token\":\"SECRETVALUE1\",\"Expiration\":\"2030-01-01T00:00:00Z\"}")]
        [InlineData("{\"refreshToken\":\"SECRETVALUE1\",\"clientSecret\":\"SECRETVALUE2\"}")]
        [InlineData("<Credentials><SecretAccessKey>SECRETVALUE1</SecretAccessKey><SessionToken>SECRETVALUE2</SessionToken></Credentials>")]
        public void A_labelled_secret_is_masked(string text)
        {
            var scrubbed = SecretScrubber.ScrubPatterns("Something failed: " + text);

            Assert.DoesNotContain("SECRETVALUE", scrubbed);
            Assert.Contains(SecretScrubber.Mask, scrubbed);
            Assert.StartsWith("Something failed: ", scrubbed);
        }

        // The labels a security review found copied into messages from a credential_process's stderr, and the words
        // that end like them, each in every form such a helper or file writes them.
        private static readonly string[] Labels =
        {
            "SecretAccessKey", "secret_access_key", "aws_secret_access_key", "SessionToken", "session_token", "aws_session_token",
            "token", "x-amz-security-token", "AccessToken", "refresh_token", "secret", "ClientSecret", "client_secret", "password", "db_password",
        };

        private static readonly string[] Forms = { "{0}: {1}", "{0}:{1}", "{0}={1}", "{0} = {1}", "\"{0}\":\"{1}\"", "\"{0}\" : \"{1}\"", "'{0}': '{1}'", "{0}='{1}'" };

        public static IEnumerable<object[]> LabelledValues()
            => from label in Labels
               from form in Forms
               from spelling in new[] { label, label.ToUpperInvariant(), label.ToLowerInvariant() }.Distinct()
               from value in new[] { "abc/def+ghiJKLmnoP", "Zq7" }
               select new object[] { string.Format(form, spelling, value), spelling, value };

        [Theory]
        [MemberData(nameof(LabelledValues))]
        public void A_value_under_a_secret_label_is_masked_in_every_form_whatever_its_length(string text, string label, string value)
        {
            var scrubbed = SecretScrubber.ScrubPatterns($"helper said: {text} (exit 1)");

            Assert.DoesNotContain(value, scrubbed);
            Assert.Contains(label + (text.StartsWith("\"") || text.StartsWith("'") ? text[0].ToString() : ""), scrubbed);
            Assert.Contains(SecretScrubber.Mask, scrubbed);
            Assert.StartsWith("helper said: ", scrubbed);
            Assert.EndsWith(" (exit 1)", scrubbed);
        }

        [Theory]
        [InlineData("SecretAccessKey: abc/def+ghiJKLmnoP", "SecretAccessKey: ****")]
        [InlineData("SessionToken=IQoJb3JpZ2luX2VjEXAMPLE", "SessionToken=****")]
        [InlineData("password = hunter2", "password = ****")]
        [InlineData("{\"ClientSecret\": \"s3cr\\\"et\", \"ClientId\": \"app-1\"}", "{\"ClientSecret\": \"****\", \"ClientId\": \"app-1\"}")]
        [InlineData("{'AccessToken': 'eyJ.abc def', 'ExpiresIn': 3600}", "{'AccessToken': '****', 'ExpiresIn': 3600}")]
        [InlineData("@{AccessKeyId=ASIAEXAMPLE; SecretAccessKey=abc/def; SessionToken=xyz}", "@{AccessKeyId=ASIAEXAMPLE; SecretAccessKey=****; SessionToken=****")]
        [InlineData("GET /?X-Amz-Security-Token=tok&X-Amz-Date=20240101T000000Z", "GET /?X-Amz-Security-Token=****&X-Amz-Date=20240101T000000Z")]
        public void Only_the_value_is_masked_the_label_quotes_and_neighbours_stay(string text, string expected)
        {
            Assert.StartsWith(expected, SecretScrubber.ScrubPatterns(text));
        }

        [Fact]
        public void A_json_member_keeps_its_name_and_the_other_members()
        {
            var scrubbed = SecretScrubber.ScrubPatterns("{\"AccessKeyId\":\"ASIAEXAMPLE\",\"SessionToken\":\"SECRETVALUE1\",\"Expiration\":\"2030\"}");

            Assert.Equal("{\"AccessKeyId\":\"ASIAEXAMPLE\",\"SessionToken\":\"****\",\"Expiration\":\"2030\"}", scrubbed);
        }

        [Fact]
        public void AWS_echo_of_the_canonical_request_is_dropped_and_the_explanation_kept()
        {
            var message = "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. " +
                "Consult the service documentation for details.\n\nThe Canonical String for this request should have been\n'POST\n/\n\n" +
                "content-type:application/x-amz-json-1.1\nhost:events.us-east-1.amazonaws.com\nx-amz-date:20240101T000000Z\nx-amz-security-token:" + "shortTOKEN" +
                "\n\ncontent-type;host;x-amz-date;x-amz-security-token\nabc'\n\nThe String-to-Sign should have been\n'AWS4-HMAC-SHA256\n20240101T000000Z\n'\n";

            var scrubbed = SecretScrubber.ScrubPatterns(message);

            Assert.StartsWith("The request signature we calculated does not match the signature you provided.", scrubbed);
            Assert.Contains("Check your AWS Secret Access Key and signing method.", scrubbed);
            Assert.DoesNotContain("shortTOKEN", scrubbed);
            Assert.DoesNotContain("Canonical String", scrubbed);
            Assert.DoesNotContain("AWS4-HMAC-SHA256", scrubbed);
        }

        [Fact]
        public void A_string_to_sign_echo_alone_is_dropped_too()
        {
            var scrubbed = SecretScrubber.ScrubPatterns("Signature mismatch. The String-to-Sign should have been 'AWS4-HMAC-SHA256 x-amz-security-token'");

            Assert.StartsWith("Signature mismatch.", scrubbed);
            Assert.DoesNotContain("String-to-Sign", scrubbed);
        }

        [Fact]
        public void A_line_the_SDK_could_not_parse_is_not_quoted()
        {
            var scrubbed = SecretScrubber.ScrubPatterns(
                "Line 3:<aws_secret_access_key SECRETVALUE1\n> in file /home/u/.aws/credentials does not contain a section, property or comment.");

            Assert.DoesNotContain("SECRETVALUE1", scrubbed);
            Assert.Contains("Line 3", scrubbed);
            Assert.Contains("/home/u/.aws/credentials does not contain a section, property or comment.", scrubbed);
        }

        [Theory]
        [InlineData(SecretKey)]
        [InlineData("FwoGZXIvYXdzEBYaDH7hAbC3dEf9gHiJkLmNoPqRsTuVwXyZ0123456789abcdefGHIJKLMNOP+/QRSTUVWXYZ==")]
        public void An_unlabelled_value_shaped_like_a_key_or_token_is_masked(string value)
        {
            var scrubbed = SecretScrubber.ScrubPatterns($"helper said: {value} (exit 3)");

            Assert.Equal("helper said: **** (exit 3)", scrubbed);
        }

        [Theory]
        [InlineData("Event bus orders does not exist.")]
        [InlineData("User: arn:aws:iam::123456789012:user/alice is not authorized to perform: events:PutPermission on resource: arn:aws:events:us-east-1:123456789012:event-bus/orders")]
        [InlineData("The security token included in the request is expired")]
        [InlineData("ExpiredTokenException: The security token included in the request is invalid. (request id 8c1d1a0e-8f3e-4a49-9f6e-2b1f8a9b7c6d)")]
        [InlineData("Payload hash e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 differs")]
        [InlineData("Command returned non-zero exit value 3 with the error - vault unreachable")]
        [InlineData("The environment variables AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN were not set with AWS credentials.")]
        [InlineData("The security token included in the request is invalid.")]
        [InlineData("The request signature we calculated does not match. Check your AWS Secret Access Key and signing method.")]
        [InlineData("The web identity token file '/var/run/secrets/eks/token' does not exist.")]
        [InlineData("web_identity_token_file = /var/run/secrets/token")]
        [InlineData("Sign in with a token, a secret or a password; tokens: 3, secrets: 2, passwords: 1.")]
        [InlineData("Token refresh failed: the SSO session has expired. Run aws sso login.")]
        [InlineData("Not authorized to perform: secretsmanager:GetSecretValue")]
        [InlineData("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE=/var/run/auth")]
        public void Ordinary_error_text_is_left_as_it_was(string text)
        {
            Assert.Equal(text, SecretScrubber.ScrubPatterns(text));
        }

        [Fact]
        public void Known_values_are_masked_wherever_they_are_and_short_ones_are_ignored()
        {
            var scrubber = new SecretScrubber(() => new[] { "plainSecret1", Token, "tiny", null });

            var scrubbed = scrubber.Scrub($"got plainSecret1 and {Token} and a tiny word");

            Assert.Equal("got **** and **** and a tiny word", scrubbed);
        }

        [Fact]
        public void Known_values_are_read_only_when_something_is_scrubbed()
        {
            var read = 0;
            var scrubber = new SecretScrubber(() => { read++; return new[] { "plainSecret1" }; });
            Assert.Equal(0, read);

            scrubber.Scrub("a");
            scrubber.Scrub("b");

            Assert.Equal(1, read);
        }

        [Fact]
        public void Scrubbing_twice_changes_nothing_more()
        {
            var once = SecretScrubber.ScrubPatterns("aws_session_token = abcdefgh. The Canonical String for this request should have been 'x'");

            Assert.Equal(once, SecretScrubber.ScrubPatterns(once));
        }
    }
}
