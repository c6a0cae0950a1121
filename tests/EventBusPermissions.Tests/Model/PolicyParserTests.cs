using System;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace EventBusPermissions.Tests.Model
{
    public sealed class PolicyParserTests
    {
        public static TheoryData<string> CaseNames => PolicyCases.Names();

        [Theory]
        [MemberData(nameof(CaseNames))]
        public void Reads_every_statement_as_a_user_expects(string caseName)
        {
            var policyCase = PolicyCases.All[caseName];

            var permissions = PolicyParser.Parse(policyCase.PolicyJson, policyCase.EventBusName, policyCase.Region);

            Assert.Equal(policyCase.Expected.Length, permissions.Count);
            for (var i = 0; i < permissions.Count; i++)
            {
                var actual = permissions[i];
                var expected = policyCase.Expected[i];
                Assert.Equal(expected, new ExpectedPermission(
                    actual.StatementId, actual.Principal, actual.AccountId, actual.OrganizationId,
                    actual.Action, actual.Effect, actual.Resource, actual.Condition, actual.PrincipalCount));
                Assert.Equal(actual.PrincipalCount > 1, actual.IsShared);
                Assert.Equal(policyCase.EventBusName, actual.EventBusName);
                Assert.Equal(policyCase.Region, actual.Region);
                Assert.Null(actual.Status);
            }
        }

        [Theory]
        [MemberData(nameof(CaseNames))]
        public void StatementJson_is_the_whole_statement(string caseName)
        {
            var policyCase = PolicyCases.All[caseName];
            using var document = JsonDocument.Parse(policyCase.PolicyJson);
            var root = document.RootElement;
            var statements = root.EnumerateObject()
                .Where(p => string.Equals(p.Name, "Statement", StringComparison.OrdinalIgnoreCase))
                .Select(p => p.Value)
                .SelectMany(v => v.ValueKind == JsonValueKind.Array ? v.EnumerateArray().ToArray()
                    : v.ValueKind == JsonValueKind.Null ? [] : [v])
                .ToArray();

            var permissions = PolicyParser.Parse(policyCase.PolicyJson, policyCase.EventBusName, policyCase.Region);

            // Each statement in order, as PrincipalCount permissions that all carry the whole statement.
            var next = 0;
            foreach (var statement in statements)
            {
                Assert.True(next < permissions.Count, "fewer permissions than statements");
                var count = permissions[next].PrincipalCount;
                Assert.True(next + count <= permissions.Count, "a shared statement's permissions are missing");
                using var written = JsonDocument.Parse(permissions[next].StatementJson);
                Assert.True(JsonElement.DeepEquals(statement, written.RootElement), permissions[next].StatementJson);
                for (var i = next; i < next + count; i++)
                {
                    Assert.Equal(count, permissions[i].PrincipalCount);
                    Assert.Equal(permissions[next].StatementJson, permissions[i].StatementJson);
                }

                next += count;
            }

            Assert.Equal(permissions.Count, next);
        }

        [Fact]
        public void A_shared_statement_of_250_accounts_is_250_permissions_in_order()
        {
            var accounts = Enumerable.Range(0, 250).Select(i => (100000000000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            var policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Packed-1\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":["
                + string.Join(",", accounts.Select(a => "\"arn:aws:iam::" + a + ":root\""))
                + "]},\"Action\":\"events:PutEvents\",\"Resource\":\"arn:aws:events:us-east-1:123456789012:event-bus/default\"}]}";

            var permissions = PolicyParser.Parse(policy, "default", "us-east-1", "arn:aws:events:us-east-1:123456789012:event-bus/default");

            Assert.Equal(accounts, permissions.Select(p => p.AccountId));
            Assert.Equal(accounts, permissions.Select(p => p.Principal));
            Assert.All(permissions, p =>
            {
                Assert.Equal("Packed-1", p.StatementId);
                Assert.Equal(250, p.PrincipalCount);
                Assert.True(p.IsShared);
                Assert.Equal("arn:aws:events:us-east-1:123456789012:event-bus/default", p.EventBusArn);
                Assert.Same(permissions[0].StatementJson, p.StatementJson);
            });
        }

        [Fact]
        public void StatementJson_and_Condition_are_compact()
        {
            const string policy = "{ \"Statement\" : [ {\n \"Sid\" : \"A\",\n \"Principal\" : \"*\",\r\n \"Condition\" : { \"StringEquals\" : { \"aws:PrincipalOrgID\" : [ \"o-1234567890\" ] } } } ] }";

            var permission = Assert.Single(PolicyParser.Parse(policy, "default", "us-east-1"));

            Assert.Equal("""{"Sid":"A","Principal":"*","Condition":{"StringEquals":{"aws:PrincipalOrgID":["o-1234567890"]}}}""", permission.StatementJson);
            Assert.Equal("""{"StringEquals":{"aws:PrincipalOrgID":["o-1234567890"]}}""", permission.Condition);
            Assert.Equal("o-1234567890", permission.OrganizationId);
        }

        // IAM wants a string, but a hand-written policy may hold anything; it is shown as written, never a failure.
        [Theory]
        [InlineData("7", "7")]
        [InlineData("1.50", "1.50")]
        [InlineData("-7e0", "-7e0")]
        [InlineData("true", "true")]
        [InlineData("""{"id": 1}""", """{"id":1}""")]
        [InlineData("""[ "a", 2 ]""", """["a",2]""")]
        [InlineData("null", null)]
        public void A_Sid_that_is_not_a_string_is_read_as_its_text(string sid, string? expected)
        {
            var policy = "{\"Statement\":[{\"Sid\":" + sid + ",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"events:PutEvents\"}]}";

            var permission = Assert.Single(PolicyParser.Parse(policy, "default", "us-east-1"));

            Assert.Equal(expected, permission.StatementId);
            Assert.Equal("111122223333", permission.AccountId);
        }

        [Fact]
        public void Two_casings_of_one_member_are_one_member_written_twice_and_neither_wins()
        {
            // IAM reads member names ignoring case, so which of the two it takes is not known.
            const string policy = """{"Statement":[{"sid":"lower","Sid":"Usual","Principal":"*"}]}""";

            var permission = Assert.Single(PolicyParser.Parse(policy, "default", null));

            Assert.Equal("Ambiguous: lower | Usual", permission.StatementId);
            Assert.True(permission.HasRepeatedMembers);
        }

        [Theory]
        [InlineData("")]
        [InlineData("   ")]
        [InlineData("not json")]
        [InlineData("{")]
        [InlineData("{\"Statement\":[}")]
        [InlineData("{'Statement':[]}")]
        [InlineData("{\"Statement\":[],}")]
        [InlineData("{\"Statement\":[]} trailing")]
        public void Invalid_json_is_a_FormatException(string policy)
        {
            var error = Assert.Throws<FormatException>(() => PolicyParser.Parse(policy, "default", "us-east-1"));

            Assert.Contains("not valid JSON", error.Message);
        }

        [Fact]
        public void Text_with_a_lone_surrogate_is_a_FormatException()
        {
            // Built here rather than in InlineData: xunit replaces a lone surrogate in test data.
            var policy = "{\"Sid\":\"" + '\uD800' + "\"}";

            var error = Assert.Throws<FormatException>(() => PolicyParser.Parse(policy, "default", "us-east-1"));

            Assert.Contains("not valid JSON", error.Message);
        }

        [Theory]
        [InlineData("[]")]
        [InlineData("\"{}\"")]
        [InlineData("42")]
        [InlineData("true")]
        [InlineData("null")]
        public void A_root_that_is_not_an_object_is_a_FormatException(string policy)
        {
            var error = Assert.Throws<FormatException>(() => PolicyParser.Parse(policy, "default", "us-east-1"));

            Assert.Contains("not a JSON object", error.Message);
        }

        [Fact]
        public void Null_arguments_are_refused()
        {
            Assert.Throws<ArgumentNullException>(() => PolicyParser.Parse(null!, "default", null));
            Assert.Throws<ArgumentNullException>(() => PolicyParser.Parse("{}", null!, null));
        }
    }
}
