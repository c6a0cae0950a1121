using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace EventBusPermissions.Tests.Model
{
    public sealed class PolicyDocumentBuilderTests
    {
        private const string A = """{"Sid":"A","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"events:PutEvents","Resource":"arn:aws:events:us-east-1:444455556666:event-bus/default"}""";

        // Hand-written: inner whitespace, key order, an escape, a number spelled 1.50, a non-ASCII letter.
        private const string HandWritten = "{ \"Resource\" : \"*\",\n    \"Sid\":\"Hand\", \"Effect\":\"Allow\", \"Principal\" : { \"AWS\" : [\"222233334444\"] },\n"
            + "    \"Action\":\"events:Put\\u0045vents\", \"Condition\":{\"NumericLessThan\":{\"aws:MultiFactorAuthAge\":1.50}}, \"Comment\":\"équipe\" }";

        private const string NumericSid = """{"Sid":7,"Effect":"Allow","Principal":{"AWS":"333344445555"},"Action":"events:PutEvents"}""";

        [Fact]
        public void The_statement_with_the_Sid_goes_and_every_other_stays_byte_for_byte()
        {
            var policy = "{\"Version\":\"2012-10-17\",\"Statement\":[" + HandWritten + ",\n " + A + ", " + NumericSid + "]}";

            var result = PolicyDocumentBuilder.WithoutStatementId(policy, "A");

            Assert.Equal("{\"Version\":\"2012-10-17\",\"Statement\":[" + HandWritten + "," + NumericSid + "]}", result);
            Assert.Equal(new string?[] { "Hand", "7" }, Sids(result));
        }

        [Theory]
        [MemberData(nameof(AmbiguousNames))]
        public void A_statement_that_repeats_a_member_is_written_back_byte_for_byte_with_its_spacing_and_every_copy(string name)
        {
            // As another tool may store it: spaces, a line break, and both copies of the repeated member.
            var spaced = PolicyZoo.Ambiguous[name].Json.Replace("\",\"", "\",\n      \"").Replace("\":", "\" : ");
            var policy = "{\"Version\":\"2012-10-17\",\"Statement\":[" + A + ",\n  " + spaced + "]}";

            var removed = PolicyDocumentBuilder.WithoutStatementId(policy, "A");
            var edited = PolicyDocumentBuilder.Edit(policy, s => s.GetRawText(), new[] { A });

            Assert.Equal("{\"Version\":\"2012-10-17\",\"Statement\":[" + spaced + "]}", removed);
            Assert.Equal("{\"Version\":\"2012-10-17\",\"Statement\":[" + A + "," + spaced + "," + A + "]}", edited);
        }

        public static TheoryData<string> AmbiguousNames => PolicyZoo.AmbiguousNames();

        [Fact]
        public void The_result_reads_as_the_same_statements_less_the_removed_one()
        {
            var policy = "{\"Version\":\"2012-10-17\",\"Statement\":[" + HandWritten + "," + A + "," + NumericSid + "]}";
            var expected = "{\"Version\":\"2012-10-17\",\"Statement\":[" + HandWritten + "," + NumericSid + "]}";

            var result = PolicyDocumentBuilder.WithoutStatementId(policy, "A");

            using var actualDocument = JsonDocument.Parse(result);
            using var expectedDocument = JsonDocument.Parse(expected);
            Assert.True(JsonElement.DeepEquals(expectedDocument.RootElement, actualDocument.RootElement), result);
        }

        [Theory]
        [InlineData("7")]
        [InlineData("7.0")]
        [InlineData("-7e0")]
        public void A_numeric_Sid_is_removed_by_its_text(string sid)
        {
            var policy = Buses(A, NumericSid.Replace("\"Sid\":7", "\"Sid\":" + sid));

            var result = PolicyDocumentBuilder.WithoutStatementId(policy, sid);

            Assert.Equal(Buses(A), result);
        }

        [Fact]
        public void Statements_with_numeric_and_other_non_string_Sids_are_kept_as_written()
        {
            var odd = new[]
            {
                NumericSid,
                """{"Sid":1.50,"Effect":"Allow","Principal":"*","Action":"events:PutEvents"}""",
                """{"Sid":true,"Effect":"Allow","Principal":"*","Action":"events:PutEvents"}""",
                """{"Sid":{"id":1},"Effect":"Allow","Principal":"*","Action":"events:PutEvents"}""",
                """{"Sid":null,"Effect":"Allow","Principal":"*","Action":"events:PutEvents"}""",
                "\"not a statement\"",
                "42",
            };
            var policy = Buses([A, .. odd]);

            var result = PolicyDocumentBuilder.WithoutStatementId(policy, "A");

            Assert.Equal(Buses(odd), result);
        }

        [Fact]
        public void A_single_statement_object_is_kept_as_written_or_removed_to_an_empty_array()
        {
            var policy = "{\"Version\":\"2012-10-17\",\"Statement\":" + HandWritten + "}";

            Assert.Same(policy, PolicyDocumentBuilder.WithoutStatementId(policy, "Other"));
            Assert.Equal("{\"Version\":\"2012-10-17\",\"Statement\":[]}", PolicyDocumentBuilder.WithoutStatementId(policy, "Hand"));
        }

        [Fact]
        public void Version_and_other_top_level_members_are_kept_in_order()
        {
            var policy = "{\"Id\":\"orders-policy\",\"Version\":\"2012-10-17\",\"Statement\":[" + A + "," + NumericSid + "],\"x-note\":{\"by\":\"équipe\",\"n\":[1,2.0]}}";

            var result = PolicyDocumentBuilder.WithoutStatementId(policy, "A");

            Assert.Equal("{\"Id\":\"orders-policy\",\"Version\":\"2012-10-17\",\"Statement\":[" + NumericSid + "],\"x-note\":{\"by\":\"équipe\",\"n\":[1,2.0]}}", result);
        }

        [Fact]
        public void A_policy_without_Version_does_not_gain_one()
        {
            var result = PolicyDocumentBuilder.WithoutStatementId("{\"Statement\":[" + A + "]}", "A");

            Assert.Equal("{\"Statement\":[]}", result);
        }

        [Fact]
        public void Nothing_removed_returns_the_text_unchanged()
        {
            var policy = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [ " + A + " ]\n}\n";

            Assert.Same(policy, PolicyDocumentBuilder.WithoutStatementId(policy, "Missing"));
            Assert.Same(policy, PolicyDocumentBuilder.WithoutStatements(policy, _ => false));
        }

        [Fact]
        public void Every_statement_the_predicate_picks_goes()
        {
            var b = A.Replace("\"A\"", "\"B\"").Replace("111122223333", "222233334444");
            var policy = Buses(A, b, NumericSid, HandWritten);

            var result = PolicyDocumentBuilder.WithoutStatements(policy, p => p.Condition == null);

            Assert.Equal(Buses(HandWritten), result);
        }

        [Fact]
        public void The_predicate_sees_the_permissions_the_parser_reads()
        {
            var policy = Buses(A, HandWritten, NumericSid);
            var seen = new List<EventBusPermission>();

            PolicyDocumentBuilder.WithoutStatements(policy, "orders", "eu-west-1", p => { seen.Add(p); return false; });

            var parsed = PolicyParser.Parse(policy, "orders", "eu-west-1");
            Assert.Equal(parsed.Select(p => p.StatementJson), seen.Select(p => p.StatementJson));
            Assert.Equal(new string?[] { "A", "Hand", "7" }, seen.Select(p => p.StatementId));
            Assert.All(seen, p => Assert.Equal("orders", p.EventBusName));
            Assert.All(seen, p => Assert.Equal("eu-west-1", p.Region));
        }

        [Fact]
        public void The_predicate_sees_a_shared_statement_once_as_the_whole_statement()
        {
            const string shared = "{\"Sid\":\"Packed\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"arn:aws:iam::111122223333:root\",\"222233334444\"]},\"Action\":\"events:PutEvents\"}";
            var policy = Buses(A, shared);
            var seen = new List<EventBusPermission>();

            var result = PolicyDocumentBuilder.WithoutStatements(policy, p => { seen.Add(p); return p.AccountId == "111122223333"; });

            Assert.Equal(2, seen.Count);
            var whole = seen[1];
            Assert.Equal("Packed", whole.StatementId);
            Assert.Equal("111122223333, 222233334444", whole.Principal);
            Assert.Null(whole.AccountId);
            Assert.Equal(2, whole.PrincipalCount);
            Assert.True(whole.IsShared);
            // Only the single-account statement A is picked by AccountId; the shared one stays whole.
            Assert.Equal(Buses(shared), result);
        }

        [Fact]
        public void Statement_members_in_another_case_are_handled_too()
        {
            var policy = "{\"version\":\"2012-10-17\",\"statement\":[" + A + "," + NumericSid + "]}";

            Assert.Equal("{\"version\":\"2012-10-17\",\"statement\":[" + NumericSid + "]}", PolicyDocumentBuilder.WithoutStatementId(policy, "A"));
        }

        [Theory]
        [InlineData("""{"Version":"2012-10-17"}""")]
        [InlineData("""{"Version":"2012-10-17","Statement":null}""")]
        [InlineData("""{"Version":"2012-10-17","Statement":"oops"}""")]
        [InlineData("""{"Version":"2012-10-17","Statement":[]}""")]
        public void A_policy_without_statements_is_returned_as_it_is(string policy)
        {
            Assert.Same(policy, PolicyDocumentBuilder.WithoutStatements(policy, _ => true));
        }

        [Theory]
        [InlineData("not json")]
        [InlineData("{\"Statement\":[")]
        [InlineData("[]")]
        [InlineData("\"policy\"")]
        public void Text_that_is_not_a_policy_object_is_a_FormatException(string policy)
        {
            Assert.Throws<FormatException>(() => PolicyDocumentBuilder.WithoutStatementId(policy, "A"));
        }

        [Fact]
        public void Null_arguments_are_refused()
        {
            Assert.Throws<ArgumentNullException>(() => PolicyDocumentBuilder.WithoutStatementId(null!, "A"));
            Assert.Throws<ArgumentNullException>(() => PolicyDocumentBuilder.WithoutStatementId("{}", null!));
            Assert.Throws<ArgumentNullException>(() => PolicyDocumentBuilder.WithoutStatements("{}", null!));
            Assert.Throws<ArgumentNullException>(() => PolicyDocumentBuilder.WithoutStatements("{}", null!, null, _ => true));
        }

        [Theory]
        [MemberData(nameof(CaseNames))]
        public void Removing_the_first_statement_of_any_real_world_policy_keeps_the_others(string caseName)
        {
            var policyCase = PolicyCases.All[caseName];
            var position = 0;

            var result = PolicyDocumentBuilder.WithoutStatements(policyCase.PolicyJson, policyCase.EventBusName, policyCase.Region, _ => position++ == 0);

            // Statements, not permissions: a shared first statement goes with all its principals.
            var before = PermissionStatements.Distinct(PolicyParser.Parse(policyCase.PolicyJson, policyCase.EventBusName, policyCase.Region));
            var after = PermissionStatements.Distinct(PolicyParser.Parse(result, policyCase.EventBusName, policyCase.Region));
            Assert.Equal(before.Skip(1).Select(p => p.StatementJson), after.Select(p => p.StatementJson));
        }

        public static TheoryData<string> CaseNames => PolicyCases.Names();

        private static string Buses(params string[] statements) =>
            "{\"Version\":\"2012-10-17\",\"Statement\":[" + string.Join(",", statements) + "]}";

        private static string?[] Sids(string policy) =>
            PolicyParser.Parse(policy, "default", null).Select(p => p.StatementId).ToArray();
    }
}
