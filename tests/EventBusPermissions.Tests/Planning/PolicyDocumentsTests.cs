using System;
using System.Linq;
using EventBusPermissions.Planning;
using Xunit;

namespace EventBusPermissions.Tests.Planning
{
    public sealed class PolicyDocumentsTests
    {
        private const string Account = """{"Sid":"A","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"events:PutEvents","Resource":"arn:aws:events:us-east-1:444455556666:event-bus/default"}""";

        public static TheoryData<string> ValidPolicies => new TheoryData<string>
        {
            Buses.Policy(Account),
            Buses.Policy(Account, Account.Replace("\"A\"", "\"B\"")),
            """{"Version":"2012-10-17","Statement":{"Effect":"Deny","NotPrincipal":"*","NotAction":"events:PutEvents","Resource":"*"}}""",
            """{"statement":[{"effect":"Allow","principal":"*","action":["events:PutEvents"]}]}""",
            "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"events.amazonaws.com\"}, \"Action\": \"events:PutEvents\"}\n  ]\n}",
            """{"Version":"2012-10-17","Statement":[]}""",
        };

        [Theory]
        [MemberData(nameof(ValidPolicies))]
        public void Valid_policies_pass(string policy)
        {
            Assert.Null(PolicyDocuments.Check(policy, PolicyQuota.DefaultCharacters, out var errorId));
            Assert.Null(errorId);
            Assert.Null(PolicyDocuments.Check(policy, PolicyQuota.DefaultCharacters));
        }

        [Theory]
        [InlineData(null, "The policy is empty")]
        [InlineData("", "The policy is empty")]
        [InlineData("  ", "The policy is empty")]
        [InlineData("not json", "not valid JSON")]
        [InlineData("{\"Statement\":[", "not valid JSON")]
        [InlineData("{'Statement':[]}", "not valid JSON")]
        [InlineData("{\"Statement\":[],}", "not valid JSON")]
        public void Text_that_is_not_JSON_is_InvalidPolicyJson(string? policy, string expected)
        {
            var error = PolicyDocuments.Check(policy, PolicyQuota.DefaultCharacters, out var errorId);

            Assert.Equal(PlanningErrorIds.InvalidPolicyJson, errorId);
            Assert.Contains(expected, error);
        }

        [Theory]
        [InlineData("[]", "it is an array, not an object")]
        [InlineData("\"policy\"", "it is a string, not an object")]
        [InlineData("42", "it is a number, not an object")]
        [InlineData("null", "it is null, not an object")]
        [InlineData("{}", "it has no Statement")]
        [InlineData("{\"Version\":\"2012-10-17\"}", "it has no Statement")]
        [InlineData("{\"Statement\":null}", "it has no Statement")]
        [InlineData("{\"Statement\":\"Allow\"}", "its Statement is a string, not an array of statements")]
        [InlineData("{\"Statement\":[\"Allow\"]}", "statement 1 is a string, not an object")]
        [InlineData("{\"Statement\":[{\"Sid\":\"S1\",\"Principal\":\"*\",\"Action\":\"events:PutEvents\"}]}", "statement 1 (Sid 'S1') has no Effect")]
        [InlineData("{\"Statement\":[{\"Effect\":\"allow\",\"Principal\":\"*\",\"Action\":\"events:PutEvents\"}]}", "has the Effect \"allow\"; it must be \"Allow\" or \"Deny\"")]
        [InlineData("{\"Statement\":[{\"Effect\":true,\"Principal\":\"*\",\"Action\":\"events:PutEvents\"}]}", "has the Effect true")]
        [InlineData("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"events:PutEvents\"}]}", "statement 1 has no Principal (or NotPrincipal)")]
        [InlineData("{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\"}]}", "statement 1 has no Action (or NotAction)")]
        [InlineData("{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\"}}", "the statement has no Action")]
        public void JSON_that_is_not_a_policy_is_InvalidPolicyDocument(string policy, string expected)
        {
            var error = PolicyDocuments.Check(policy, PolicyQuota.DefaultCharacters, out var errorId);

            Assert.Equal(PlanningErrorIds.InvalidPolicyDocument, errorId);
            Assert.Contains("not a policy document", error);
            Assert.Contains(expected, error);
        }

        [Fact]
        public void The_statement_at_fault_is_named_by_position()
        {
            var policy = Buses.Policy(Account, Account, """{"Sid":"Third","Effect":"Allow","Action":"events:PutEvents"}""");

            var error = PolicyDocuments.Check(policy, PolicyQuota.DefaultCharacters);

            Assert.Contains("statement 3 (Sid 'Third') has no Principal", error);
        }

        [Fact]
        public void A_policy_over_the_quota_is_PolicyTooLarge()
        {
            var statements = Enumerable.Range(0, 60).Select(i => Account.Replace("\"A\"", "\"S" + i + "\"")).ToArray();
            var policy = Buses.Policy(statements);
            Assert.True(policy.Length > PolicyQuota.DefaultCharacters);

            var error = PolicyDocuments.Check(policy, PolicyQuota.DefaultCharacters, out var errorId);

            Assert.Equal(PlanningErrorIds.PolicyTooLarge, errorId);
            Assert.Contains(InputTextNumber(policy.Length) + " characters", error);
            Assert.Contains("at most 10,240", error);
        }

        [Fact]
        public void The_quota_is_inclusive_and_settable()
        {
            var policy = Buses.Policy(Account);

            Assert.Null(PolicyDocuments.Check(policy, policy.Length));
            PolicyDocuments.Check(policy, policy.Length - 1, out var errorId);
            Assert.Equal(PlanningErrorIds.PolicyTooLarge, errorId);
        }

        [Fact]
        public void Whitespace_the_service_can_drop_does_not_count_against_the_quota()
        {
            var compact = Buses.Policy(Account);
            var indented = compact.Replace(",", ",\n        ");
            Assert.True(indented.Length > compact.Length);

            Assert.Null(PolicyDocuments.Check(indented, compact.Length));
        }

        [Fact]
        public void A_quota_must_be_positive()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => PolicyDocuments.Check("{}", 0));
        }

        private static string InputTextNumber(int value) => value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
    }
}
