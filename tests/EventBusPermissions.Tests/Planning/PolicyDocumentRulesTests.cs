using System.Linq;
using EventBusPermissions.Planning;
using Xunit;

namespace EventBusPermissions.Tests.Planning
{
    /// <summary>The Sid and principal rules PolicyDocuments.Check adds to the document's shape.</summary>
    public sealed class PolicyDocumentRulesTests
    {
        public static TheoryData<string> ValidPrincipals => new TheoryData<string>
        {
            "\"*\"",
            """{"AWS":"*"}""",
            """{"AWS":"111122223333"}""",
            """{"AWS":"012345678901"}""",
            """{"AWS":"arn:aws:iam::111122223333:root"}""",
            """{"AWS":"arn:aws-cn:iam::111122223333:root"}""",
            """{"AWS":"arn:aws-us-gov:iam::111122223333:root"}""",
            """{"AWS":"arn:aws-iso-b:iam::111122223333:root"}""",
            """{"AWS":"arn:aws:iam::111122223333:user/ci"}""",
            """{"AWS":"arn:aws:iam::111122223333:user/division/team/ci+bot@example.com"}""",
            """{"AWS":"arn:aws:iam::111122223333:role/EventWriter"}""",
            """{"AWS":"arn:aws:iam::111122223333:role/service-role/Writer_1"}""",
            """{"AWS":"arn:aws:sts::111122223333:assumed-role/EventWriter/session@example.com"}""",
            """{"AWS":["arn:aws:iam::111122223333:root","222233334444"]}""",
            """{"aws":"arn:aws:iam::111122223333:root"}""",
            // moto stores "*" this way; a document read back from it may be sent again (Risks warns).
            """{"AWS":"arn:aws:iam::*:root"}""",
            """{"Service":"events.amazonaws.com"}""",
            """{"Service":["events.amazonaws.com","sns.amazonaws.com"],"AWS":"111122223333"}""",
            """{"Federated":"cognito-identity.amazonaws.com"}""",
        };

        [Theory]
        [MemberData(nameof(ValidPrincipals))]
        public void Principals_the_module_can_read_pass(string principal)
        {
            Assert.Null(Check(Statement("\"Sid\":\"S\",", "Principal", principal), out var errorId));
            Assert.Null(errorId);
            Assert.Null(Check(Statement("\"Sid\":\"S\",", "NotPrincipal", principal, "Deny"), out _));
        }

        [Theory]
        [InlineData("""{"AWS":"arn:aws:iam::2222-3333-4444:root"}""", "account part '2222-3333-4444' is not 12 digits (0-9); write 'arn:aws:iam::222233334444:root'")]
        [InlineData("""{"AWS":"arn:aws-cn:iam::2222 3333 4444:role/Writer"}""", "write 'arn:aws-cn:iam::222233334444:role/Writer'")]
        [InlineData("""{"AWS":"arn:aws:sts::2222-3333-4444:assumed-role/R/s"}""", "write 'arn:aws:sts::222233334444:assumed-role/R/s'")]
        [InlineData("""{"AWS":"arn:aws:iam::11112222333:root"}""", "account part '11112222333' is not 12 digits")]
        [InlineData("""{"AWS":"arn:aws:iam::١١١١٢٢٢٢٣٣٣٣:root"}""", "account part '١١١١٢٢٢٢٣٣٣٣' is not 12 digits (0-9)")]
        [InlineData("""{"AWS":"arn:aws:iam:::root"}""", "account part '' is not 12 digits")]
        [InlineData("""{"AWS":"2222-3333-4444"}""", "'2222-3333-4444', which is not 12 digits as written; write \"222233334444\"")]
        [InlineData("""{"AWS":"11112222333"}""", "'11112222333', which is not one the module can read")]
        [InlineData("""{"AWS":"١١١١٢٢٢٢٣٣٣٣"}""", "which is not one the module can read")]
        [InlineData("""{"AWS":"arn:aws:iam::111122223333:group/Writers"}""", "which is not one the module can read")]
        [InlineData("""{"AWS":"arn:aws:iam::111122223333:user/*"}""", "which is not one the module can read")]
        [InlineData("""{"AWS":"arn:aws:iam::111122223333:root "}""", "which is not one the module can read")]
        [InlineData("""{"AWS":"arn:aws:iam::111122223333:root\n"}""", "which is not one the module can read")]
        [InlineData("""{"AWS":"arn:aws:iam::111122223333:user/"}""", "which is not one the module can read")]
        [InlineData("""{"AWS":"arn:aws:events:us-east-1:111122223333:event-bus/default"}""", "which is not one the module can read")]
        [InlineData("""{"AWS":"arn:aws:iam::*:user/ci"}""", "account part '*' is not 12 digits")]
        [InlineData("""{"AWS":["arn:aws:iam::111122223333:root","arn:aws:iam::2222-3333-4444:root"]}""", "'arn:aws:iam::2222-3333-4444:root'")]
        [InlineData("""{"AWS":111122223333}""", "names the AWS principal 111122223333, which is a number, not a string; write it in quotes, \"111122223333\"")]
        [InlineData("""{"AWS":[null]}""", "which is null, not a string")]
        [InlineData("""{"AWS":[]}""", "has an empty list of AWS principals in its Principal")]
        [InlineData("{}", "has an empty Principal")]
        [InlineData("\"111122223333\"", "has the Principal \"111122223333\"; a Principal is \"*\" or an object")]
        [InlineData("""["*"]""", "has a Principal that is an array")]
        [InlineData("true", "has a Principal that is a boolean")]
        public void Principals_the_module_cannot_read_are_InvalidPolicyPrincipal(string principal, string expected)
        {
            var error = Check(Statement("\"Sid\":\"Writer\",", "Principal", principal), out var errorId);

            Assert.Equal(PlanningErrorIds.InvalidPolicyPrincipal, errorId);
            Assert.StartsWith("The policy cannot be sent: statement 2 (Sid 'Writer') ", error);
            Assert.Contains(expected, error);
            Assert.EndsWith(".", error);
        }

        [Fact]
        public void A_NotPrincipal_is_held_to_the_same_rule()
        {
            var error = Check(Statement("\"Sid\":\"Deny\",", "NotPrincipal", """{"AWS":"arn:aws:iam::2222-3333-4444:root"}""", "Deny"), out var errorId);

            Assert.Equal(PlanningErrorIds.InvalidPolicyPrincipal, errorId);
            Assert.Contains("account part '2222-3333-4444'", error);
        }

        [Theory]
        [InlineData("\"A\"")]
        [InlineData("\"Account-111122223333\"")]
        [InlineData("\"0123456789012345678901234567890123456789012345678901234567890123\"")]
        [InlineData("null")]
        public void Sids_RemovePermission_can_name_pass(string sid)
        {
            Assert.Null(Check(Statement("\"Sid\":" + sid + ",", "Principal", "\"*\""), out _));
        }

        [Fact]
        public void A_statement_without_a_Sid_passes()
        {
            Assert.Null(Check(Statement(string.Empty, "Principal", """{"AWS":"111122223333"}"""), out _));
        }

        [Theory]
        [InlineData("\"A \"", "(Sid 'A ') has a Sid that RemovePermission could never remove: the statement id 'A ' contains a space: a statement id is 1 to 64 letters, digits, '-' or '_'.")]
        [InlineData("\" A\"", "contains a space")]
        [InlineData("\"dot.ted\"", "contains '.'")]
        [InlineData("\"tab\\t\"", "U+0009")]
        [InlineData("\"ünïcode\"", "contains 'ü'")]
        [InlineData("\"\"", "the statement id is empty")]
        [InlineData("\"01234567890123456789012345678901234567890123456789012345678901234\"", "is 65 characters long")]
        [InlineData("7", "statement 2 (Sid 7) has a Sid that is a number, not a string; write it in quotes, \"Sid\":\"7\"")]
        [InlineData("true", "has a Sid that is a boolean, not a string")]
        [InlineData("""{"id":1}""", "(Sid {\"id\":1}) has a Sid that is an object")]
        public void Sids_RemovePermission_cannot_name_are_InvalidPolicyStatementId(string sid, string expected)
        {
            var error = Check(Statement("\"Sid\":" + sid + ",", "Principal", "\"*\""), out var errorId);

            Assert.Equal(PlanningErrorIds.InvalidPolicyStatementId, errorId);
            Assert.StartsWith("The policy cannot be sent: statement 2 ", error);
            Assert.Contains(expected, error);
        }

        [Fact]
        public void Two_statements_with_one_Sid_are_InvalidPolicyStatementId()
        {
            var policy = Buses.Policy(Account("A", "111122223333"), Account("B", "222233334444"), Account("A", "333344445555"));

            var error = PolicyDocuments.Check(policy, PolicyQuota.DefaultCharacters, out var errorId);

            Assert.Equal(PlanningErrorIds.InvalidPolicyStatementId, errorId);
            Assert.Equal("The policy cannot be sent: statements 1 and 3 both have the Sid 'A'; give each statement its own Sid, since RemovePermission removes statements by Sid.", error);
        }

        [Fact]
        public void Sids_differing_only_in_case_are_two_Sids()
        {
            var policy = Buses.Policy(Account("A", "111122223333"), Account("a", "222233334444"));

            Assert.Null(PolicyDocuments.Check(policy, PolicyQuota.DefaultCharacters));
        }

        [Fact]
        public void A_single_statement_object_is_checked_too()
        {
            var policy = """{"Version":"2012-10-17","Statement":{"Sid":"Only ","Effect":"Allow","Principal":"*","Action":"events:PutEvents"}}""";

            var error = PolicyDocuments.Check(policy, PolicyQuota.DefaultCharacters, out var errorId);

            Assert.Equal(PlanningErrorIds.InvalidPolicyStatementId, errorId);
            Assert.Contains("the statement (Sid 'Only ') has a Sid", error);
        }

        [Fact]
        public void A_shape_problem_anywhere_is_reported_before_a_rule_problem()
        {
            var policy = Buses.Policy(Account("A ", "2222-3333-4444"), """{"Sid":"B","Principal":"*","Action":"events:PutEvents"}""");

            PolicyDocuments.Check(policy, PolicyQuota.DefaultCharacters, out var errorId);

            Assert.Equal(PlanningErrorIds.InvalidPolicyDocument, errorId);
        }

        [Fact]
        public void Every_policy_of_the_real_world_table_that_PutPermission_could_write_passes()
        {
            foreach (var name in Tests.Model.PolicyCases.All.Keys.Where(n => n.StartsWith("put-", System.StringComparison.Ordinal)))
            {
                Assert.Null(PolicyDocuments.Check(Tests.Model.PolicyCases.All[name].PolicyJson, PolicyQuota.DefaultCharacters));
            }

            Assert.Null(PolicyDocuments.Check(Tests.Model.PolicyCases.All["whole-document"].PolicyJson, PolicyQuota.DefaultCharacters));
        }

        private static string? Check(string statement, out string? errorId) =>
            PolicyDocuments.Check(Buses.Policy(Account("First", "111122223333"), statement), PolicyQuota.DefaultCharacters, out errorId);

        /// <param name="sidMember">"\"Sid\":...," or empty for none.</param>
        private static string Statement(string sidMember, string principalMember, string principal, string effect = "Allow") =>
            "{" + sidMember + "\"Effect\":\"" + effect + "\",\"" + principalMember + "\":" + principal + ",\"Action\":\"events:PutEvents\",\"Resource\":\"" + Buses.Arn + "\"}";

        private static string Account(string sid, string account) =>
            Statement("\"Sid\":\"" + sid + "\",", "Principal", "{\"AWS\":\"arn:aws:iam::" + account + ":root\"}");
    }
}
