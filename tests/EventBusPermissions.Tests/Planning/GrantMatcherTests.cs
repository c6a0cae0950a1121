using System.Linq;
using EventBusPermissions.Planning;
using Xunit;

namespace EventBusPermissions.Tests.Planning
{
    public sealed class GrantMatcherTests
    {
        private const string Resource = "\"Resource\":\"arn:aws:events:us-east-1:444455556666:event-bus/default\"";

        public static TheoryData<string, string> SameGrants => new TheoryData<string, string>
        {
            // The form PutPermission writes.
            { "account", "{\"Sid\":\"S\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":\"events:PutEvents\"," + Resource + "}" },
            // Other key order and whitespace.
            { "account", "{ \"Resource\" : \"arn:aws:events:us-east-1:444455556666:event-bus/default\",\n  \"Action\": \"events:PutEvents\",\n  \"Principal\": { \"AWS\": \"arn:aws:iam::111122223333:root\" },\n  \"Effect\": \"Allow\",\n  \"Sid\": \"S\" }" },
            // The bare account id, and a one-element array.
            { "account", "{\"Sid\":\"S\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"events:PutEvents\"," + Resource + "}" },
            { "account", "{\"Sid\":\"S\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"arn:aws:iam::111122223333:root\"]},\"Action\":[\"events:PutEvents\"]," + Resource + "}" },
            // IAM matches actions ignoring case; another partition's root ARN is still the account.
            { "account", "{\"Sid\":\"S\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws-cn:iam::111122223333:root\"},\"Action\":\"events:putevents\"}" },
            { "everyone", "{\"Sid\":\"S\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"events:PutEvents\"," + Resource + "}" },
            { "everyone", "{\"Action\":\"events:PutEvents\",\"Principal\":{\"AWS\":\"*\"},\"Effect\":\"Allow\",\"Sid\":\"S\"}" },
            // How the moto emulator stores "*".
            { "everyone", "{\"Sid\":\"S\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::*:root\"},\"Action\":\"events:PutEvents\"," + Resource + "}" },
            { "organization", "{\"Sid\":\"S\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"events:PutEvents\"," + Resource + ",\"Condition\":{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-abc123def4\"}}}" },
            { "organization", "{\"Condition\" : { \"StringEquals\" : { \"aws:PrincipalOrgID\" : [ \"o-abc123def4\" ] } }, \"Sid\":\"S\",\"Principal\":\"*\",\"Effect\":\"Allow\",\"Action\":\"events:PutEvents\"}" },
        };

        public static TheoryData<string, string> DifferentGrants => new TheoryData<string, string>
        {
            { "another Sid", "{\"Sid\":\"T\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"events:PutEvents\"}" },
            { "Sid in another case", "{\"Sid\":\"s\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"events:PutEvents\"}" },
            { "no Sid", "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"events:PutEvents\"}" },
            { "another account", "{\"Sid\":\"S\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::999988887777:root\"},\"Action\":\"events:PutEvents\"}" },
            { "everyone", "{\"Sid\":\"S\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"events:PutEvents\"}" },
            // A shared statement: read as one permission per account, none of which is a grant to the account alone.
            { "two accounts", "{\"Sid\":\"S\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"111122223333\",\"999988887777\"]},\"Action\":\"events:PutEvents\"}" },
            { "two accounts, root ARNs, as written by the console", "{\"Sid\":\"S\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"arn:aws:iam::111122223333:root\",\"arn:aws:iam::999988887777:root\"]},\"Action\":\"events:PutEvents\"," + Resource + "}" },
            { "the account twice", "{\"Sid\":\"S\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"111122223333\",\"arn:aws:iam::111122223333:root\"]},\"Action\":\"events:PutEvents\"}" },
            { "a role", "{\"Sid\":\"S\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:role/Sender\"},\"Action\":\"events:PutEvents\"}" },
            { "NotPrincipal", "{\"Sid\":\"S\",\"Effect\":\"Allow\",\"NotPrincipal\":{\"AWS\":\"111122223333\"},\"Action\":\"events:PutEvents\"}" },
            { "Deny", "{\"Sid\":\"S\",\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"events:PutEvents\"}" },
            { "another action", "{\"Sid\":\"S\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"events:PutRule\"}" },
            { "two actions", "{\"Sid\":\"S\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":[\"events:PutEvents\",\"events:PutRule\"]}" },
            { "NotAction", "{\"Sid\":\"S\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111122223333\"},\"NotAction\":\"events:PutEvents\"}" },
            { "a condition", "{\"Sid\":\"S\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"events:PutEvents\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"true\"}}}" },
            { "NotResource", "{\"Sid\":\"S\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"events:PutEvents\",\"NotResource\":\"arn:aws:events:us-east-1:444455556666:event-bus/other\"}" },
        };

        public static TheoryData<string, string> DifferentFromEveryone => new TheoryData<string, string>
        {
            { "an organization", "{\"Sid\":\"S\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"events:PutEvents\",\"Condition\":{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-abc123def4\"}}}" },
            { "an account", "{\"Sid\":\"S\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"events:PutEvents\"}" },
            { "NOT *", "{\"Sid\":\"S\",\"Effect\":\"Allow\",\"NotPrincipal\":\"*\",\"Action\":\"events:PutEvents\"}" },
            { "a service", "{\"Sid\":\"S\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"events.amazonaws.com\"},\"Action\":\"events:PutEvents\"}" },
            { "* shared with an account", "{\"Sid\":\"S\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"*\",\"111122223333\"]},\"Action\":\"events:PutEvents\"}" },
        };

        public static TheoryData<string, string> DifferentFromOrganization => new TheoryData<string, string>
        {
            { "another organization", "{\"Sid\":\"S\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"events:PutEvents\",\"Condition\":{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-zzzzzzzzzz\"}}}" },
            { "no condition", "{\"Sid\":\"S\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"events:PutEvents\"}" },
            { "a further condition key", "{\"Sid\":\"S\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"events:PutEvents\",\"Condition\":{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-abc123def4\",\"aws:SourceAccount\":\"111122223333\"}}}" },
            { "a further operator", "{\"Sid\":\"S\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"events:PutEvents\",\"Condition\":{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-abc123def4\"},\"Bool\":{\"aws:SecureTransport\":\"true\"}}}" },
            { "two organizations", "{\"Sid\":\"S\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"events:PutEvents\",\"Condition\":{\"StringEquals\":{\"aws:PrincipalOrgID\":[\"o-abc123def4\",\"o-zzzzzzzzzz\"]}}}" },
            { "StringLike", "{\"Sid\":\"S\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"events:PutEvents\",\"Condition\":{\"StringLike\":{\"aws:PrincipalOrgID\":\"o-abc123def4\"}}}" },
            { "one account of it", "{\"Sid\":\"S\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"events:PutEvents\",\"Condition\":{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-abc123def4\"}}}" },
            { "* and an account of it, shared", "{\"Sid\":\"S\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"*\",\"111122223333\"]},\"Action\":\"events:PutEvents\",\"Condition\":{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-abc123def4\"}}}" },
        };

        [Theory]
        [MemberData(nameof(SameGrants))]
        public void The_same_grant_however_written_holds(string kind, string statement)
        {
            Assert.True(GrantMatcher.Holds(Read(statement), Grant(kind)));
        }

        [Theory]
        [MemberData(nameof(DifferentGrants))]
        public void A_different_statement_does_not_hold_an_account_grant(string difference, string statement)
        {
            Assert.All(ReadAll(statement), p => Assert.False(GrantMatcher.Holds(p, Grant("account")), difference));
        }

        [Theory]
        [MemberData(nameof(DifferentFromEveryone))]
        public void A_different_statement_does_not_hold_a_grant_to_everyone(string difference, string statement)
        {
            Assert.All(ReadAll(statement), p => Assert.False(GrantMatcher.Holds(p, Grant("everyone")), difference));
        }

        [Theory]
        [MemberData(nameof(DifferentFromOrganization))]
        public void A_different_statement_does_not_hold_an_organization_grant(string difference, string statement)
        {
            Assert.All(ReadAll(statement), p => Assert.False(GrantMatcher.Holds(p, Grant("organization")), difference));
        }

        private static GrantRequest Grant(string kind)
        {
            switch (kind)
            {
                case "account": return Buses.Account("111122223333", "S");
                case "everyone": return Buses.Account("*", "S");
                default: return Buses.Organization("o-abc123def4", "S");
            }
        }

        private static EventBusPermission Read(string statement) => ReadAll(statement).Single();

        /// <summary>Every permission the statement is read as: one per principal of a shared statement.</summary>
        private static EventBusPermission[] ReadAll(string statement)
        {
            var bus = Buses.WithPolicy("{\"Version\":\"2012-10-17\",\"Statement\":[" + statement + "]}");
            Assert.Null(bus.PolicyParseError);
            Assert.NotEmpty(bus.Permissions);
            return bus.Permissions;
        }
    }
}
