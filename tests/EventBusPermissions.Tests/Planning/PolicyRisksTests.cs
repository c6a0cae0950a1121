using System.Linq;
using EventBusPermissions.Planning;
using EventBusPermissions.Tests.Model;
using Xunit;

namespace EventBusPermissions.Tests.Planning
{
    public sealed class PolicyRisksTests
    {
        private const string AccountGrant = """{"Sid":"Acct","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"events:PutEvents","Resource":"arn:aws:events:us-east-1:444455556666:event-bus/default"}""";
        private const string OrganizationGrant = """{"Sid":"Org","Effect":"Allow","Principal":"*","Action":"events:PutEvents","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-1234567890"}}}""";

        public static TheoryData<string> SafeStatements => new TheoryData<string>
        {
            AccountGrant,
            OrganizationGrant,
            """{"Sid":"Svc","Effect":"Allow","Principal":{"Service":"events.amazonaws.com"},"Action":"events:PutEvents"}""",
            """{"Sid":"Two","Effect":"Allow","Principal":{"AWS":["111122223333","arn:aws:iam::222233334444:role/W"]},"Action":["events:PutEvents","events:PutRule"]}""",
            // A Deny narrows: a wildcard principal or action in one takes nothing away from the bus's safety.
            """{"Sid":"DenyAll","Effect":"Deny","Principal":"*","Action":"*","Resource":"*"}""",
            """{"Sid":"DenyNot","Effect":"Deny","Principal":{"AWS":"*"},"NotAction":"events:PutEvents"}""",
        };

        [Theory]
        [MemberData(nameof(SafeStatements))]
        public void A_safe_statement_brings_no_warning(string statement)
        {
            Assert.Empty(PolicyDocuments.Risks(Buses.Policy(statement)));
        }

        [Fact]
        public void A_policy_without_statements_brings_no_warning()
        {
            Assert.Empty(PolicyDocuments.Risks("""{"Version":"2012-10-17","Statement":[]}"""));
        }

        [Theory]
        [InlineData("\"*\"", "'*'")]
        [InlineData("""{"AWS":"*"}""", "'*'")]
        [InlineData("""{"aws":"*"}""", "'*'")]
        [InlineData("""{"AWS":["111122223333","*"]}""", "'*'")]
        [InlineData("""{"AWS":["arn:aws:iam::*:root"]}""", "'arn:aws:iam::*:root'")]
        [InlineData("""{"AWS":"arn:aws-cn:iam::*:root","Service":"events.amazonaws.com"}""", "'arn:aws-cn:iam::*:root'")]
        public void An_Allow_to_everyone_without_a_Condition_is_a_risk(string principal, string shown)
        {
            var policy = Buses.Policy("""{"Sid":"Open","Effect":"Allow","Principal":""" + principal + ""","Action":"events:PutEvents"}""");

            var warning = Assert.Single(PolicyDocuments.Risks(policy));

            Assert.Equal("Statement 1 (Sid 'Open'): allows every AWS account (Principal " + shown + ") without a Condition, so anyone can put events on the bus.", warning);
        }

        [Theory]
        [InlineData(",\"Condition\":{}")]
        [InlineData(",\"Condition\":null")]
        [InlineData(",\"Condition\":\"aws:PrincipalOrgID\"")]
        public void A_Condition_that_holds_nothing_does_not_narrow_everyone(string condition)
        {
            var policy = Buses.Policy("""{"Sid":"Open","Effect":"Allow","Principal":"*","Action":"events:PutEvents" """ + condition + "}");

            Assert.Contains("allows every AWS account", Assert.Single(PolicyDocuments.Risks(policy)));
        }

        [Fact]
        public void NotPrincipal_with_Allow_grants_everyone_except_the_listed()
        {
            var policy = Buses.Policy("""{"Sid":"AllBut","Effect":"Allow","NotPrincipal":{"AWS":"111122223333"},"Action":"events:PutEvents"}""");

            var warning = Assert.Single(PolicyDocuments.Risks(policy));

            Assert.Equal("Statement 1 (Sid 'AllBut'): uses NotPrincipal with Allow, which allows everyone except the principals it lists.", warning);
        }

        [Fact]
        public void NotPrincipal_with_Deny_is_a_risk_too()
        {
            var policy = Buses.Policy("""{"Sid":"DenyAllBut","Effect":"Deny","NotPrincipal":{"AWS":"111122223333"},"Action":"events:PutEvents"}""");

            var warning = Assert.Single(PolicyDocuments.Risks(policy));

            Assert.Contains("uses NotPrincipal, so it applies to everyone except the principals it lists", warning);
        }

        [Theory]
        [InlineData("\"*\"", "the wildcard action '*'")]
        [InlineData("\"events:*\"", "the wildcard action 'events:*'")]
        [InlineData("""["events:PutEvents","events:Put*"]""", "the wildcard action 'events:Put*'")]
        [InlineData("""["*","events:*"]""", "the wildcard actions '*', 'events:*'")]
        public void An_Allow_of_wildcard_actions_is_a_risk(string action, string expected)
        {
            var policy = Buses.Policy("""{"Sid":"Wide","Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":""" + action + "}");

            var warning = Assert.Single(PolicyDocuments.Risks(policy));

            Assert.StartsWith("Statement 1 (Sid 'Wide'): allows " + expected + ", which covers more than events:PutEvents", warning);
        }

        [Fact]
        public void NotAction_with_Allow_is_a_risk()
        {
            var policy = Buses.Policy("""{"Sid":"AllButRule","Effect":"Allow","Principal":{"AWS":"111122223333"},"NotAction":"events:PutRule"}""");

            var warning = Assert.Single(PolicyDocuments.Risks(policy));

            Assert.Equal("Statement 1 (Sid 'AllButRule'): uses NotAction with Allow, which allows every action except those it lists.", warning);
        }

        [Fact]
        public void A_statement_without_a_Sid_cannot_be_revoked_by_statement_id()
        {
            var policy = Buses.Policy(AccountGrant, """{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"events:PutEvents"}""");

            var warning = Assert.Single(PolicyDocuments.Risks(policy));

            Assert.Equal("Statement 2: has no Sid, so it cannot be revoked by statement id, only by replacing the whole policy.", warning);
        }

        [Fact]
        public void One_warning_per_risky_statement_names_every_risk_it_holds()
        {
            var policy = Buses.Policy(
                AccountGrant,
                """{"Effect":"Allow","Principal":"*","Action":"events:*"}""",
                OrganizationGrant,
                """{"Sid":"Except","Effect":"Allow","NotPrincipal":{"AWS":"111122223333"},"NotAction":"events:PutRule"}""");

            var warnings = PolicyDocuments.Risks(policy);

            Assert.Equal(2, warnings.Count);
            Assert.StartsWith("Statement 2: allows every AWS account", warnings[0]);
            Assert.Contains("; allows the wildcard action 'events:*'", warnings[0]);
            Assert.Contains("; has no Sid", warnings[0]);
            Assert.StartsWith("Statement 4 (Sid 'Except'): uses NotPrincipal with Allow", warnings[1]);
            Assert.Contains("; uses NotAction with Allow", warnings[1]);
        }

        [Fact]
        public void A_single_statement_object_is_named_the_statement()
        {
            var policy = """{"Version":"2012-10-17","Statement":{"Sid":"Only","Effect":"Allow","Principal":{"AWS":"*"},"Action":"events:PutEvents"}}""";

            Assert.StartsWith("The statement (Sid 'Only'): allows every AWS account", Assert.Single(PolicyDocuments.Risks(policy)));
        }

        [Fact]
        public void A_numeric_Sid_is_named_as_written()
        {
            var policy = Buses.Policy("""{"Sid":7,"Effect":"Allow","Principal":"*","Action":"events:PutEvents"}""");

            Assert.StartsWith("Statement 1 (Sid 7): allows every AWS account", Assert.Single(PolicyDocuments.Risks(policy)));
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("not json")]
        [InlineData("{\"Statement\":[")]
        [InlineData("\"\\ud800\"")]
        [InlineData("[]")]
        [InlineData("42")]
        [InlineData("{}")]
        [InlineData("{\"Statement\":\"Allow\"}")]
        [InlineData("{\"Statement\":null}")]
        [InlineData("{\"Statement\":[1,\"a\",null,[],true]}")]
        [InlineData("""{"Statement":[{"Effect":5,"Principal":5,"NotPrincipal":[],"Action":5,"NotAction":{},"Condition":"x","Sid":{}}]}""")]
        [InlineData("""{"Statement":[{"Effect":"Allow","Principal":{"AWS":[1,null,{"x":"*"},["*"]]},"Action":[null,1,{"a":"*"},"*"]}]}""")]
        [InlineData("""{"Statement":[{"Effect":"Allow","Principal":[],"Action":[],"Condition":[]}]}""")]
        [InlineData("""{"Statement":[{"Effect":"Allow","Principal":{},"Action":"","Condition":{}}]}""")]
        public void Odd_shapes_never_throw(string? policy)
        {
            var warnings = PolicyDocuments.Risks(policy);

            Assert.NotNull(warnings);
        }

        [Fact]
        public void Text_that_cannot_be_encoded_does_not_throw()
        {
            Assert.Empty(PolicyDocuments.Risks("{\"Statement\":[{\"Sid\":\"" + '\ud800' + "\"}]}"));
        }

        [Fact]
        public void No_policy_of_the_real_world_table_makes_it_throw()
        {
            foreach (var policyCase in PolicyCases.All.Values)
            {
                Assert.NotNull(PolicyDocuments.Risks(policyCase.PolicyJson));
            }
        }

        [Fact]
        public void The_real_world_whole_document_warns_of_exactly_its_two_risky_statements()
        {
            var warnings = PolicyDocuments.Risks(PolicyCases.All["whole-document"].PolicyJson);

            Assert.Equal(2, warnings.Count);
            Assert.StartsWith("Statement 6 (Sid 'DenyAllButOne'): uses NotPrincipal", warnings[0]);
            Assert.StartsWith("Statement 7: has no Sid", warnings[1]);
        }

        [Fact]
        public void What_PutPermission_writes_brings_a_warning_only_for_everyone()
        {
            var warnings = PolicyDocuments.Risks(PolicyCases.All["put-all-three-aws"].PolicyJson);

            Assert.Equal("Statement 2 (Sid 'Everyone')", Assert.Single(warnings).Split(':')[0]);
        }
    }
}
