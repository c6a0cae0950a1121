using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace EventBusPermissions.Tests.Audit
{
    /// <summary>
    /// Who can put events on a bus, on a table of policies: Allow and Deny, Principal and NotPrincipal in every form,
    /// the condition operators and keys that name the caller, IfExists, negated operators, ForAnyValue and ForAllValues,
    /// wildcards, and what cannot be decided (the wider verdict).
    /// </summary>
    public sealed class ExposureTests
    {
        private const string Owner = "123456789012";
        private const string Arn = "arn:aws:events:us-east-1:" + Owner + ":event-bus/default";

        private static string Allow(string principal, string? condition = null, string action = "\"events:PutEvents\"", string resource = "\"" + Arn + "\"", string sid = "S")
            => "{\"Sid\":\"" + sid + "\",\"Effect\":\"Allow\",\"Principal\":" + principal + ",\"Action\":" + action + ",\"Resource\":" + resource
               + (condition == null ? "" : ",\"Condition\":" + condition) + "}";

        private static string Deny(string principal, string? condition = null, string sid = "D")
            => "{\"Sid\":\"" + sid + "\",\"Effect\":\"Deny\",\"Principal\":" + principal + ",\"Action\":\"events:PutEvents\",\"Resource\":\"" + Arn + "\""
               + (condition == null ? "" : ",\"Condition\":" + condition) + "}";

        private const string Everyone = "\"*\"";
        private const string AwsEveryone = "{\"AWS\":\"*\"}";
        private static string Account(string id) => "{\"AWS\":\"arn:aws:iam::" + id + ":root\"}";
        private static string Org(string op, string key, string values) => "{\"" + op + "\":{\"" + key + "\":" + values + "}}";

        public static IEnumerable<object[]> Cases()
        {
            // name, statements, bus exposure, exposed to (sorted, comma-joined), a phrase of the first permission's reason
            object[] C(string name, string[] statements, Exposure exposure, string exposedTo, string reason) => new object[] { name, statements, exposure, exposedTo, reason };
            var o = "\"o-a1b2c3d4e5\"";
            return new[]
            {
                C("no policy statements", new string[0], Exposure.Private, "", ""),
                C("the owner account", new[] { Allow(Account(Owner)) }, Exposure.Private, "", "the owner account 123456789012"),
                C("the owner account as 12 digits", new[] { Allow("{\"AWS\":\"" + Owner + "\"}") }, Exposure.Private, "", "the owner account"),
                C("another account", new[] { Allow(Account("111122223333")) }, Exposure.CrossAccount, "111122223333", "account 111122223333 (the principal)"),
                C("a role of another account", new[] { Allow("{\"AWS\":\"arn:aws:iam::111122223333:role/Bar\"}") }, Exposure.CrossAccount, "arn:aws:iam::111122223333:role/Bar", "in account 111122223333"),
                C("a role of the owner", new[] { Allow("{\"AWS\":\"arn:aws:iam::" + Owner + ":role/Bar\"}") }, Exposure.Private, "", "in the owner account"),
                C("several accounts in one statement", new[] { Allow("{\"AWS\":[\"arn:aws:iam::111122223333:root\",\"444455556666\"]}") }, Exposure.CrossAccount, "111122223333,444455556666", "account 111122223333"),
                C("\"*\"", new[] { Allow(Everyone) }, Exposure.Public, "*", "anyone in AWS"),
                C("{\"AWS\":\"*\"}", new[] { Allow(AwsEveryone) }, Exposure.Public, "*", "anyone in AWS"),
                C("arn:aws:iam::*:root", new[] { Allow("{\"AWS\":\"arn:aws:iam::*:root\"}") }, Exposure.Public, "*", "anyone in AWS"),
                C("NotPrincipal with Allow", new[] { "{\"Sid\":\"N\",\"Effect\":\"Allow\",\"NotPrincipal\":{\"AWS\":\"111122223333\"},\"Action\":\"events:PutEvents\",\"Resource\":\"" + Arn + "\"}" }, Exposure.Public, "*", "NotPrincipal"),
                C("an organization (StringEquals aws:PrincipalOrgID)", new[] { Allow(Everyone, Org("StringEquals", "aws:PrincipalOrgID", o)) }, Exposure.CrossAccount, "o-a1b2c3d4e5", "any principal in organization o-a1b2c3d4e5 (aws:PrincipalOrgID)"),
                C("key names in any case", new[] { Allow(Everyone, Org("stringequals", "AWS:principalorgid", o)) }, Exposure.CrossAccount, "o-a1b2c3d4e5", "organization o-a1b2c3d4e5"),
                C("StringEqualsIgnoreCase narrows", new[] { Allow(Everyone, Org("StringEqualsIgnoreCase", "aws:PrincipalOrgID", o)) }, Exposure.CrossAccount, "o-a1b2c3d4e5", "organization"),
                C("StringLike without a wildcard narrows", new[] { Allow(Everyone, Org("StringLike", "aws:PrincipalOrgID", o)) }, Exposure.CrossAccount, "o-a1b2c3d4e5", "organization"),
                C("StringLike o-* narrows nothing", new[] { Allow(Everyone, Org("StringLike", "aws:PrincipalOrgID", "\"o-*\"")) }, Exposure.Public, "*", "anyone in AWS"),
                C("a value of * narrows nothing", new[] { Allow(Everyone, Org("StringLike", "aws:PrincipalAccount", "\"*\"")) }, Exposure.Public, "*", "anyone"),
                C("several organizations OR", new[] { Allow(Everyone, Org("StringEquals", "aws:PrincipalOrgID", "[\"o-a1b2c3d4e5\",\"o-z9y8x7w6v5\"]")) }, Exposure.CrossAccount, "o-a1b2c3d4e5,o-z9y8x7w6v5", "o-z9y8x7w6v5"),
                C("StringEqualsIfExists narrows nothing", new[] { Allow(Everyone, Org("StringEqualsIfExists", "aws:PrincipalOrgID", o)) }, Exposure.Public, "*", "anyone"),
                C("StringNotEquals narrows nothing for an Allow", new[] { Allow(Everyone, Org("StringNotEquals", "aws:PrincipalOrgID", o)) }, Exposure.Public, "*", "anyone"),
                C("an organization path", new[] { Allow(Everyone, Org("ForAnyValue:StringLike", "aws:PrincipalOrgPaths", "\"o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*\"")) }, Exposure.CrossAccount, "o-a1b2c3d4e5", "aws:PrincipalOrgPaths"),
                C("ForAllValues is true without the key", new[] { Allow(Everyone, Org("ForAllValues:StringLike", "aws:PrincipalOrgPaths", "\"o-a1b2c3d4e5/*\"")) }, Exposure.Public, "*", "anyone"),
                C("aws:PrincipalAccount", new[] { Allow(Everyone, Org("StringEquals", "aws:PrincipalAccount", "\"111122223333\"")) }, Exposure.CrossAccount, "111122223333", "account 111122223333 (aws:PrincipalAccount)"),
                C("aws:PrincipalAccount of the owner", new[] { Allow(Everyone, Org("StringEquals", "aws:PrincipalAccount", "\"" + Owner + "\"")) }, Exposure.Private, "", "the owner account"),
                C("aws:SourceAccount (events a service forwards)", new[] { Allow("{\"Service\":\"events.amazonaws.com\"}", Org("StringEquals", "aws:SourceAccount", "\"111122223333\"")) }, Exposure.CrossAccount, "111122223333", "aws:SourceAccount"),
                C("a service without a source condition", new[] { Allow("{\"Service\":\"events.amazonaws.com\"}") }, Exposure.Public, "events.amazonaws.com", "on behalf of any account"),
                C("aws:SourceOrgID", new[] { Allow(Everyone, Org("StringEquals", "aws:SourceOrgID", o)) }, Exposure.CrossAccount, "o-a1b2c3d4e5", "aws:SourceOrgID"),
                C("aws:PrincipalArn, the account inside it", new[] { Allow(Everyone, Org("ArnLike", "aws:PrincipalArn", "\"arn:aws:iam::111122223333:role/*\"")) }, Exposure.CrossAccount, "arn:aws:iam::111122223333:role/*", "in account 111122223333"),
                C("ArnEquals aws:SourceArn", new[] { Allow(Everyone, Org("ArnEquals", "aws:SourceArn", "\"arn:aws:events:us-east-1:111122223333:rule/r\"")) }, Exposure.CrossAccount, "arn:aws:events:us-east-1:111122223333:rule/r", "aws:SourceArn"),
                C("an ARN with a wildcard account narrows nothing", new[] { Allow(Everyone, Org("ArnLike", "aws:PrincipalArn", "\"arn:aws:iam::*:role/x\"")) }, Exposure.Public, "*", "anyone"),
                C("two keys AND: the most specific", new[] { Allow(Everyone, "{\"StringEquals\":{\"aws:PrincipalOrgID\":" + o + ",\"aws:PrincipalAccount\":\"111122223333\"}}") }, Exposure.CrossAccount, "111122223333", "account 111122223333"),
                C("a condition on something else narrows nothing", new[] { Allow(Everyone, Org("StringEquals", "aws:SourceVpc", "\"vpc-1\"")) }, Exposure.Public, "*", "anyone"),
                C("a Bool condition narrows nothing", new[] { Allow(Everyone, "{\"Bool\":{\"aws:SecureTransport\":\"true\"}}") }, Exposure.Public, "*", "anyone"),
                C("an unconditional Deny of everyone", new[] { Allow(Everyone, sid: "A"), Deny(Everyone) }, Exposure.Private, "", "statement 'D' denies everyone"),
                C("a Deny of the one account allowed", new[] { Allow(Account("111122223333"), sid: "A"), Deny(Account("111122223333")) }, Exposure.Private, "", "denies 111122223333"),
                C("a Deny of an account takes its roles too", new[] { Allow("{\"AWS\":\"arn:aws:iam::111122223333:role/Bar\"}", sid: "A"), Deny(Account("111122223333")) }, Exposure.Private, "", "denies"),
                C("a Deny of another account leaves everyone", new[] { Allow(Everyone, sid: "A"), Deny(Account("111122223333")) }, Exposure.Public, "*", "anyone"),
                C("the data perimeter: Allow * and Deny outside the organization", new[] { Allow(Everyone, sid: "A"), Deny(Everyone, Org("StringNotEquals", "aws:PrincipalOrgID", o)) }, Exposure.CrossAccount, "o-a1b2c3d4e5", "denies everyone outside o-a1b2c3d4e5"),
                C("Deny outside the organization, IfExists", new[] { Allow(Everyone, sid: "A"), Deny(Everyone, Org("StringNotEqualsIfExists", "aws:PrincipalOrgID", o)) }, Exposure.CrossAccount, "o-a1b2c3d4e5", "organization o-a1b2c3d4e5"),
                C("Deny outside two accounts", new[] { Allow(Everyone, sid: "A"), Deny(Everyone, Org("StringNotEquals", "aws:PrincipalAccount", "[\"111122223333\",\"" + Owner + "\"]")) }, Exposure.CrossAccount, "111122223333", "account 111122223333"),
                C("a Deny outside the organization with another condition narrows nothing", new[] { Allow(Everyone, sid: "A"), Deny(Everyone, "{\"StringNotEquals\":{\"aws:PrincipalOrgID\":" + o + "},\"Bool\":{\"aws:SecureTransport\":\"false\"}}") }, Exposure.Public, "*", "anyone"),
                C("a Deny of one organization cannot narrow everyone", new[] { Allow(Everyone, sid: "A"), Deny(Everyone, Org("StringEquals", "aws:PrincipalOrgID", o)) }, Exposure.Public, "*", "anyone"),
                C("a Deny whose account is outside the allowed list removes it", new[] { Allow(Account("111122223333"), sid: "A"), Deny(Everyone, Org("StringNotEquals", "aws:PrincipalAccount", "\"444455556666\"")) }, Exposure.Private, "", "Nobody"),
                C("another action grants nothing", new[] { Allow(Everyone, action: "\"events:DescribeRule\"") }, Exposure.Private, "", "does not cover events:PutEvents"),
                C("events:* covers PutEvents", new[] { Allow(Everyone, action: "\"events:*\"") }, Exposure.Public, "*", "anyone"),
                C("events:Put* covers PutEvents", new[] { Allow(Account("111122223333"), action: "[\"events:Put*\"]") }, Exposure.CrossAccount, "111122223333", "account"),
                C("NotAction that leaves PutEvents out", new[] { "{\"Sid\":\"N\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"NotAction\":\"events:PutEvents\",\"Resource\":\"*\"}" }, Exposure.Private, "", "NotAction"),
                C("another bus as Resource", new[] { Allow(Everyone, resource: "\"arn:aws:events:us-east-1:" + Owner + ":event-bus/other\"") }, Exposure.Private, "", "another bus"),
                C("Resource * covers the bus", new[] { Allow(Account("111122223333"), resource: "\"*\"") }, Exposure.CrossAccount, "111122223333", "account"),
                C("a Federated principal cannot be decided", new[] { Allow("{\"Federated\":\"cognito-identity.amazonaws.com\"}") }, Exposure.Public, "*", "cannot decide"),
                C("a statement with a repeated Effect is the wider verdict", new[] { "{\"Sid\":\"R\",\"Effect\":\"Deny\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"events:PutEvents\",\"Resource\":\"*\"}" }, Exposure.Public, "*", "cannot decide"),
                C("the widest statement decides the bus", new[] { Allow(Account("111122223333"), sid: "A"), Allow(Everyone, Org("StringEquals", "aws:PrincipalOrgID", o), sid: "B"), Allow(Account(Owner), sid: "C") }, Exposure.CrossAccount, "111122223333,o-a1b2c3d4e5", "account 111122223333"),
            };
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void Says_who_can_put_events(string name, string[] statements, Exposure exposure, string exposedTo, string reason)
        {
            var policy = "{\"Version\":\"2012-10-17\",\"Statement\":[" + string.Join(",", statements) + "]}";

            var bus = EventBus.Create("default", Arn, null, null, null, null, null, policy);

            Assert.True(bus.PolicyParseError == null, name + ": " + bus.PolicyParseError);
            Assert.Equal(exposure, bus.Exposure);
            Assert.Equal(exposedTo, string.Join(",", bus.ExposedTo.OrderBy(x => x, System.StringComparer.Ordinal)));
            if (reason.Length > 0) Assert.Contains(reason, bus.Permissions[0].Reason ?? "", System.StringComparison.OrdinalIgnoreCase);
            Assert.All(bus.Permissions, p => Assert.NotNull(p.Exposure));
        }

        [Fact]
        public void The_table_holds_at_least_forty_policies()
            => Assert.True(Cases().Count() >= 40);

        [Fact]
        public void Each_principal_of_a_shared_statement_has_its_own_verdict()
        {
            var policy = "{\"Statement\":[" + Allow("{\"AWS\":[\"arn:aws:iam::" + Owner + ":root\",\"111122223333\"]}") + "]}";

            var bus = EventBus.Create("default", Arn, null, null, null, null, null, policy);

            Assert.Equal(new Exposure?[] { Exposure.Private, Exposure.CrossAccount }, bus.Permissions.Select(p => p.Exposure));
            Assert.Equal(Exposure.CrossAccount, bus.Exposure);
        }

        [Fact]
        public void A_Deny_says_it_gives_nothing_and_a_bus_without_policy_is_private()
        {
            var bus = EventBus.Create("default", Arn, null, null, null, null, null, "{\"Statement\":[" + Deny(Everyone) + "]}");
            Assert.Equal(Exposure.Private, bus.Permissions[0].Exposure);
            Assert.Contains("a Deny", bus.Permissions[0].Reason, System.StringComparison.OrdinalIgnoreCase);
            Assert.Equal(Exposure.Private, EventBus.Create("default", Arn, null, null, null, null, null, null).Exposure);
        }

        [Fact]
        public void Trusted_accounts_and_organizations_are_private_and_not_exposed_to()
        {
            var policy = "{\"Statement\":[" + Allow(Account("111122223333"), sid: "A") + "," + Allow(Everyone, Org("StringEquals", "aws:PrincipalOrgID", "\"o-a1b2c3d4e5\""), sid: "B")
                + "," + Allow(Account("444455556666"), sid: "C") + "]}";
            var bus = EventBus.Create("default", Arn, null, null, null, null, null, policy);
            Assert.Equal(Exposure.CrossAccount, bus.Exposure);

            bus.Trust(new HashSet<string> { "111122223333" }, new HashSet<string> { "o-a1b2c3d4e5" });

            Assert.Equal(new[] { "444455556666" }, bus.ExposedTo);
            Assert.Equal(new Exposure?[] { Exposure.Private, Exposure.Private, Exposure.CrossAccount }, bus.Permissions.Select(p => p.Exposure));
            Assert.Contains("trusted", bus.Permissions[0].Reason);
            bus.Trust(new HashSet<string> { "111122223333", "444455556666" }, new HashSet<string> { "o-a1b2c3d4e5" });
            Assert.Equal(Exposure.Private, bus.Exposure);
            Assert.Empty(bus.ExposedTo);
        }

        [Fact]
        public void Trust_never_makes_anyone_private()
        {
            var bus = EventBus.Create("default", Arn, null, null, null, null, null, "{\"Statement\":[" + Allow(Everyone) + "]}");
            bus.Trust(new HashSet<string> { "111122223333" }, new HashSet<string> { "o-a1b2c3d4e5" });
            Assert.Equal(Exposure.Public, bus.Exposure);
        }

        [Fact]
        public void A_policy_that_cannot_be_read_is_the_wider_verdict()
            => Assert.Equal(Exposure.Public, EventBus.Create("default", Arn, null, null, null, null, null, "{not json").Exposure);
    }
}
