using System.Collections.Generic;
using Xunit;

namespace EventBusPermissions.Tests.Model
{
    /// <summary>
    /// Bus policies as they are found in the wild: what PutPermission writes in each partition, and what
    /// the whole-document form of PutPermission lets people store.
    /// </summary>
    internal static class PolicyCases
    {
        internal static readonly IReadOnlyDictionary<string, PolicyCase> All = Build();

        internal static TheoryData<string> Names()
        {
            var names = new TheoryData<string>();
            foreach (var name in All.Keys)
            {
                names.Add(name);
            }

            return names;
        }

        private static Dictionary<string, PolicyCase> Build()
        {
            var cases = new Dictionary<string, PolicyCase>();
            foreach (var (partition, region) in new[] { ("aws", "us-east-1"), ("aws-cn", "cn-north-1"), ("aws-us-gov", "us-gov-west-1") })
            {
                AddPutPermissionCases(cases, partition, region);
            }

            AddReformatted(cases);
            AddWholeDocument(cases);
            AddShapes(cases);
            AddConditionVariants(cases);
            AddSharedStatements(cases);
            return cases;
        }

        private static void AddPutPermissionCases(Dictionary<string, PolicyCase> cases, string partition, string region)
        {
            var resource = $"arn:{partition}:events:{region}:444455556666:event-bus/default";
            // Templates rather than interpolation: the JSON's closing braces would otherwise need escaping.
            var account = """{"Sid":"Acct111122223333","Effect":"Allow","Principal":{"AWS":"arn:PARTITION:iam::111122223333:root"},"Action":"events:PutEvents","Resource":"RESOURCE"}"""
                .Replace("PARTITION", partition).Replace("RESOURCE", resource);
            var everyone = """{"Sid":"Everyone","Effect":"Allow","Principal":"*","Action":"events:PutEvents","Resource":"RESOURCE"}"""
                .Replace("RESOURCE", resource);
            var organization = """{"Sid":"OrgAccess","Effect":"Allow","Principal":"*","Action":"events:PutEvents","Resource":"RESOURCE","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-1234567890"}}}"""
                .Replace("RESOURCE", resource);

            var expectedAccount = new ExpectedPermission("Acct111122223333", "111122223333", "111122223333", null, "events:PutEvents", "Allow", resource, null);
            var expectedEveryone = new ExpectedPermission("Everyone", "*", null, null, "events:PutEvents", "Allow", resource, null);
            var expectedOrganization = new ExpectedPermission(
                "OrgAccess", "*", null, "o-1234567890", "events:PutEvents", "Allow", resource,
                """{"StringEquals":{"aws:PrincipalOrgID":"o-1234567890"}}""");

            cases[$"put-account-{partition}"] = new PolicyCase(Document(account), "default", region, [expectedAccount]);
            cases[$"put-everyone-{partition}"] = new PolicyCase(Document(everyone), "default", region, [expectedEveryone]);
            cases[$"put-organization-{partition}"] = new PolicyCase(Document(organization), "default", region, [expectedOrganization]);
            cases[$"put-all-three-{partition}"] = new PolicyCase(
                Document(account, everyone, organization), "default", region,
                [expectedAccount, expectedEveryone, expectedOrganization]);
        }

        private static string Document(params string[] statements) =>
            """{"Version":"2012-10-17","Statement":[""" + string.Join(",", statements) + "]}";

        private static void AddReformatted(Dictionary<string, PolicyCase> cases)
        {
            // The three PutPermission statements again, with keys reordered, tabs, CRLF and spaces.
            const string policy = "{\r\n\t\"Statement\" : [\r\n"
                + "\t\t{ \"Resource\" : \"arn:aws:events:us-east-1:444455556666:event-bus/default\", \"Action\" : \"events:PutEvents\",\r\n"
                + "\t\t  \"Principal\" : { \"AWS\" : \"arn:aws:iam::111122223333:root\" }, \"Effect\" : \"Allow\", \"Sid\" : \"Acct111122223333\" },\r\n"
                + "\t\t{\"Principal\":\"*\",\n\"Sid\":\"Everyone\",\"Resource\":\"arn:aws:events:us-east-1:444455556666:event-bus/default\",\"Effect\":\"Allow\",\"Action\":\"events:PutEvents\"},\n"
                + "    {\n      \"Condition\": {\n        \"StringEquals\": { \"aws:PrincipalOrgID\": \"o-1234567890\" }\n      },\n"
                + "      \"Action\": \"events:PutEvents\", \"Effect\": \"Allow\", \"Principal\": \"*\",\n"
                + "      \"Resource\": \"arn:aws:events:us-east-1:444455556666:event-bus/default\", \"Sid\": \"OrgAccess\"\n    }\r\n"
                + "\t],\r\n  \"Version\" : \"2012-10-17\"\r\n}\r\n";
            const string resource = "arn:aws:events:us-east-1:444455556666:event-bus/default";
            cases["put-all-three-reformatted"] = new PolicyCase(policy, "default", "us-east-1",
            [
                new("Acct111122223333", "111122223333", "111122223333", null, "events:PutEvents", "Allow", resource, null),
                new("Everyone", "*", null, null, "events:PutEvents", "Allow", resource, null),
                new("OrgAccess", "*", null, "o-1234567890", "events:PutEvents", "Allow", resource,
                    """{"StringEquals":{"aws:PrincipalOrgID":"o-1234567890"}}"""),
            ]);
        }

        private static void AddWholeDocument(Dictionary<string, PolicyCase> cases)
        {
            const string bus = "arn:aws:events:eu-west-1:444455556666:event-bus/orders";
            const string rule = "arn:aws:events:eu-west-1:444455556666:rule/orders/*";
            const string policy = """
                {
                  "Version": "2012-10-17",
                  "Id": "orders-bus-policy",
                  "Statement": [
                    {
                      "Sid": "AllowEventsService",
                      "Effect": "Allow",
                      "Principal": { "Service": "events.amazonaws.com" },
                      "Action": "events:PutEvents",
                      "Resource": "arn:aws:events:eu-west-1:444455556666:event-bus/orders"
                    },
                    {
                      "Sid": "TwoAccounts",
                      "Effect": "Allow",
                      "Principal": { "AWS": ["arn:aws:iam::111122223333:root", "222233334444"] },
                      "Action": ["events:PutEvents", "events:PutRule"],
                      "Resource": "*"
                    },
                    {
                      "Sid": "DenyOutsider",
                      "Effect": "Deny",
                      "Principal": { "AWS": "arn:aws:iam::999988887777:root" },
                      "Action": "events:PutEvents",
                      "Resource": [
                        "arn:aws:events:eu-west-1:444455556666:event-bus/orders",
                        "arn:aws:events:eu-west-1:444455556666:rule/orders/*"
                      ]
                    },
                    {
                      "Sid": "FromSourceAccount",
                      "Effect": "Allow",
                      "Principal": { "Service": "sns.amazonaws.com" },
                      "Action": "events:PutEvents",
                      "Resource": "arn:aws:events:eu-west-1:444455556666:event-bus/orders",
                      "Condition": { "StringEquals": { "aws:SourceAccount": "444455556666" } }
                    },
                    {
                      "Sid": "RoleWriter",
                      "Effect": "Allow",
                      "Principal": { "AWS": "arn:aws:iam::111122223333:role/EventWriter" },
                      "Action": "events:PutEvents",
                      "Resource": "arn:aws:events:eu-west-1:444455556666:event-bus/orders"
                    },
                    {
                      "Sid": "DenyAllButOne",
                      "Effect": "Deny",
                      "NotPrincipal": { "AWS": "arn:aws:iam::111122223333:root" },
                      "Action": "events:PutEvents",
                      "Resource": "*"
                    },
                    {
                      "Effect": "Allow",
                      "Principal": { "AWS": "arn:aws:iam::555566667777:root" },
                      "Action": "events:PutEvents",
                      "Resource": "arn:aws:events:eu-west-1:444455556666:event-bus/orders"
                    },
                    {
                      "Sid": "OrgWithTag",
                      "Effect": "Allow",
                      "Principal": "*",
                      "Action": "events:PutEvents",
                      "Resource": "arn:aws:events:eu-west-1:444455556666:event-bus/orders",
                      "Condition": {
                        "StringEquals": { "aws:PrincipalOrgID": ["o-abcdefghij"], "aws:PrincipalTag/team": "payments" }
                      }
                    }
                  ]
                }
                """;
            cases["whole-document"] = new PolicyCase(policy, "orders", "eu-west-1",
            [
                new("AllowEventsService", "Service:events.amazonaws.com", null, null, "events:PutEvents", "Allow", bus, null),
                // One statement, two principals: one permission each, in the order written.
                new("TwoAccounts", "111122223333", "111122223333", null, "events:PutEvents, events:PutRule", "Allow", "*", null, 2),
                new("TwoAccounts", "222233334444", "222233334444", null, "events:PutEvents, events:PutRule", "Allow", "*", null, 2),
                new("DenyOutsider", "999988887777", "999988887777", null, "events:PutEvents", "Deny", bus + ", " + rule, null),
                new("FromSourceAccount", "Service:sns.amazonaws.com", null, null, "events:PutEvents", "Allow", bus,
                    """{"StringEquals":{"aws:SourceAccount":"444455556666"}}"""),
                new("RoleWriter", "arn:aws:iam::111122223333:role/EventWriter", null, null, "events:PutEvents", "Allow", bus, null),
                new("DenyAllButOne", "NOT 111122223333", null, null, "events:PutEvents", "Deny", "*", null),
                new(null, "555566667777", "555566667777", null, "events:PutEvents", "Allow", bus, null),
                new("OrgWithTag", "*", null, "o-abcdefghij", "events:PutEvents", "Allow", bus,
                    """{"StringEquals":{"aws:PrincipalOrgID":["o-abcdefghij"],"aws:PrincipalTag/team":"payments"}}"""),
            ]);
        }

        private static void AddShapes(Dictionary<string, PolicyCase> cases)
        {
            const string bus = "arn:aws:events:us-east-1:444455556666:event-bus/default";

            cases["single-statement-object"] = new PolicyCase(
                """{"Version":"2012-10-17","Statement":{"Sid":"Only","Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"events:PutEvents","Resource":"arn:aws:events:us-east-1:444455556666:event-bus/default"}}""",
                "default", "us-east-1",
                [new("Only", "111122223333", "111122223333", null, "events:PutEvents", "Allow", bus, null)]);

            cases["empty-statement-array"] = new PolicyCase("""{"Version":"2012-10-17","Statement":[]}""", "default", "us-east-1", []);
            cases["no-statement"] = new PolicyCase("""{"Version":"2012-10-17"}""", "default", "us-east-1", []);
            cases["null-statement"] = new PolicyCase("""{"Version":"2012-10-17","Statement":null}""", "default", "us-east-1", []);
            cases["empty-object"] = new PolicyCase("{}", "default", null, []);

            cases["aws-star-object"] = new PolicyCase(
                """{"Version":"2012-10-17","Statement":[{"Sid":"AnyAccount","Effect":"Allow","Principal":{"AWS":"*"},"Action":"events:PutEvents","Resource":"arn:aws:events:us-east-1:444455556666:event-bus/default"}]}""",
                "default", "us-east-1",
                [new("AnyAccount", "*", null, null, "events:PutEvents", "Allow", bus, null)]);

            cases["keys-in-other-case"] = new PolicyCase(
                """{"version":"2012-10-17","statement":[{"sid":"Lower","effect":"Allow","PRINCIPAL":{"AWS":"arn:aws:iam::111122223333:root"},"action":"events:PutEvents","resource":"arn:aws:events:us-east-1:444455556666:event-bus/default","condition":{"StringEquals":{"aws:SourceAccount":"111122223333"}}}]}""",
                "default", "us-east-1",
                [new("Lower", "111122223333", "111122223333", null, "events:PutEvents", "Allow", bus,
                    """{"StringEquals":{"aws:SourceAccount":"111122223333"}}""")]);

            cases["not-action-not-resource"] = new PolicyCase(
                """{"Statement":[{"Sid":"AllButPutRule","Effect":"Deny","Principal":"*","NotAction":["events:PutRule","events:DeleteRule"],"NotResource":"arn:aws:events:us-east-1:444455556666:event-bus/default"}]}""",
                "default", "us-east-1",
                [new("AllButPutRule", "*", null, null, "NOT events:PutRule, events:DeleteRule", "Deny", "NOT " + bus, null)]);

            cases["several-principal-types"] = new PolicyCase(
                """{"Statement":[{"Sid":"Mixed","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root","Service":["events.amazonaws.com","sns.amazonaws.com"],"Federated":"cognito-identity.amazonaws.com"},"Action":"events:PutEvents","Resource":"*"}]}""",
                "default", "us-east-1",
                [new("Mixed", "111122223333, Service:events.amazonaws.com, Service:sns.amazonaws.com, Federated:cognito-identity.amazonaws.com",
                    null, null, "events:PutEvents", "Allow", "*", null)]);

            cases["one-account-in-array"] = new PolicyCase(
                """{"Statement":[{"Sid":"OneInArray","Effect":"Allow","Principal":{"AWS":["arn:aws-us-gov:iam::111122223333:root"]},"Action":["events:PutEvents"],"Resource":["*"]}]}""",
                "default", "us-gov-east-1",
                [new("OneInArray", "111122223333", "111122223333", null, "events:PutEvents", "Allow", "*", null)]);

            cases["user-principal-and-extra-keys"] = new PolicyCase(
                """{"Statement":[{"Sid":"UserWriter","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/ci"},"Action":"events:PutEvents","Resource":"*","Comment":"added by hand","Extra":{"nested":[1,2]}}]}""",
                "default", "us-east-1",
                [new("UserWriter", "arn:aws:iam::111122223333:user/ci", null, null, "events:PutEvents", "Allow", "*", null)]);

            cases["statement-that-is-not-an-object"] = new PolicyCase(
                """{"Statement":["oops",{"Sid":"Real","Effect":"Allow","Principal":"*","Action":"events:PutEvents","Resource":"*"}]}""",
                "default", "us-east-1",
                [
                    new(null, null, null, null, null, null, null, null),
                    new("Real", "*", null, null, "events:PutEvents", "Allow", "*", null),
                ]);

            cases["no-principal-at-all"] = new PolicyCase(
                """{"Statement":[{"Sid":"Bare","Effect":"Allow","Action":"events:PutEvents"}]}""",
                "default", "us-east-1",
                [new("Bare", null, null, null, "events:PutEvents", "Allow", null, null)]);
        }

        private static void AddConditionVariants(Dictionary<string, PolicyCase> cases)
        {
            cases["organization-operator-and-key-case"] = new PolicyCase(
                """{"Statement":[{"Sid":"Org","Effect":"Allow","Principal":"*","Action":"events:PutEvents","Resource":"*","Condition":{"stringequals":{"AWS:PrincipalOrgId":"o-lowercase1"}}}]}""",
                "default", "us-east-1",
                [new("Org", "*", null, "o-lowercase1", "events:PutEvents", "Allow", "*",
                    """{"stringequals":{"AWS:PrincipalOrgId":"o-lowercase1"}}""")]);

            cases["organization-two-values-is-not-one-organization"] = new PolicyCase(
                """{"Statement":[{"Sid":"TwoOrgs","Effect":"Allow","Principal":"*","Action":"events:PutEvents","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalOrgID":["o-first00001","o-second0002"]}}}]}""",
                "default", "us-east-1",
                [new("TwoOrgs", "*", null, null, "events:PutEvents", "Allow", "*",
                    """{"StringEquals":{"aws:PrincipalOrgID":["o-first00001","o-second0002"]}}""")]);

            cases["organization-under-another-operator"] = new PolicyCase(
                """{"Statement":[{"Sid":"OrgLike","Effect":"Allow","Principal":"*","Action":"events:PutEvents","Resource":"*","Condition":{"StringLike":{"aws:PrincipalOrgID":"o-*"}}}]}""",
                "default", "us-east-1",
                [new("OrgLike", "*", null, null, "events:PutEvents", "Allow", "*",
                    """{"StringLike":{"aws:PrincipalOrgID":"o-*"}}""")]);

            // Condition text is shown as written: no \u escapes for '&', '+', '<' or non-ASCII letters.
            cases["condition-text-shown-as-written"] = new PolicyCase(
                """{"Statement":[{"Sid":"Tagged","Effect":"Allow","Principal":"*","Action":"events:PutEvents","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"R&D+<ops> équipe"},"Bool":{"aws:SecureTransport":true}}}]}""",
                "default", "us-east-1",
                [new("Tagged", "*", null, null, "events:PutEvents", "Allow", "*",
                    """{"StringEquals":{"aws:PrincipalTag/team":"R&D+<ops> équipe"},"Bool":{"aws:SecureTransport":true}}""")]);
        }

        /// <summary>
        /// Statements whose Principal lists several AWS principals, as the console, Terraform, a policy document or a
        /// packed grant write them: one permission per principal. Other lists of principals stay one permission.
        /// </summary>
        private static void AddSharedStatements(Dictionary<string, PolicyCase> cases)
        {
            const string bus = "arn:aws:events:us-east-1:444455556666:event-bus/default";
            const string put = "events:PutEvents";

            cases["shared-three-accounts"] = new PolicyCase(
                """{"Version":"2012-10-17","Statement":[{"Sid":"Packed-1","Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:root","arn:aws:iam::222233334444:root","arn:aws:iam::333344445555:root"]},"Action":"events:PutEvents","Resource":"arn:aws:events:us-east-1:444455556666:event-bus/default"},{"Sid":"Account-999988887777","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::999988887777:root"},"Action":"events:PutEvents","Resource":"arn:aws:events:us-east-1:444455556666:event-bus/default"}]}""",
                "default", "us-east-1",
                [
                    new("Packed-1", "111122223333", "111122223333", null, put, "Allow", bus, null, 3),
                    new("Packed-1", "222233334444", "222233334444", null, put, "Allow", bus, null, 3),
                    new("Packed-1", "333344445555", "333344445555", null, put, "Allow", bus, null, 3),
                    new("Account-999988887777", "999988887777", "999988887777", null, put, "Allow", bus, null),
                ]);

            // A root ARN and a bare id are whole accounts; a role is not.
            cases["shared-root-arn-bare-id-and-role"] = new PolicyCase(
                """{"Statement":[{"Sid":"Writers","Effect":"Allow","Principal":{"AWS":["arn:aws-cn:iam::111122223333:root","444455556666","arn:aws-cn:iam::777788889999:role/EventWriter"]},"Action":"events:PutEvents","Resource":"*"}]}""",
                "default", "cn-north-1",
                [
                    new("Writers", "111122223333", "111122223333", null, put, "Allow", "*", null, 3),
                    new("Writers", "444455556666", "444455556666", null, put, "Allow", "*", null, 3),
                    new("Writers", "arn:aws-cn:iam::777788889999:role/EventWriter", null, null, put, "Allow", "*", null, 3),
                ]);

            cases["shared-deny"] = new PolicyCase(
                """{"Statement":[{"Sid":"Outsiders","Effect":"Deny","Principal":{"AWS":["arn:aws:iam::999988887777:root","888877776666"]},"Action":"events:PutEvents","Resource":"arn:aws:events:us-east-1:444455556666:event-bus/default"}]}""",
                "default", "us-east-1",
                [
                    new("Outsiders", "999988887777", "999988887777", null, put, "Deny", bus, null, 2),
                    new("Outsiders", "888877776666", "888877776666", null, put, "Deny", bus, null, 2),
                ]);

            // The condition, and the organization it names, belong to every principal of the statement.
            cases["shared-with-a-condition"] = new PolicyCase(
                """{"Statement":[{"Sid":"InOrg","Effect":"Allow","Principal":{"AWS":["111122223333","222233334444"]},"Action":"events:PutEvents","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abc123def4"}}}]}""",
                "default", "us-east-1",
                [
                    new("InOrg", "111122223333", "111122223333", "o-abc123def4", put, "Allow", "*", """{"StringEquals":{"aws:PrincipalOrgID":"o-abc123def4"}}""", 2),
                    new("InOrg", "222233334444", "222233334444", "o-abc123def4", put, "Allow", "*", """{"StringEquals":{"aws:PrincipalOrgID":"o-abc123def4"}}""", 2),
                ]);

            // A list of one is one principal: not shared.
            cases["list-of-one-root-arn-is-not-shared"] = new PolicyCase(
                """{"Statement":[{"Sid":"One","Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:root"]},"Action":"events:PutEvents","Resource":"arn:aws:events:us-east-1:444455556666:event-bus/default"}]}""",
                "default", "us-east-1",
                [new("One", "111122223333", "111122223333", null, put, "Allow", bus, null)]);

            // '*' in a list is one of its principals; the AWS key in another case and repeats are taken as written.
            cases["shared-star-and-repeats"] = new PolicyCase(
                """{"Statement":[{"Sid":"Odd","Effect":"Allow","Principal":{"aws":["*","111122223333","arn:aws:iam::111122223333:root"]},"Action":"events:PutEvents"}]}""",
                "default", "us-east-1",
                [
                    new("Odd", "*", null, null, put, "Allow", null, null, 3),
                    new("Odd", "111122223333", "111122223333", null, put, "Allow", null, null, 3),
                    new("Odd", "111122223333", "111122223333", null, put, "Allow", null, null, 3),
                ]);

            // Not split: NotPrincipal (everyone except all of them), service lists, and AWS mixed with another type.
            cases["not-principal-list-is-one-permission"] = new PolicyCase(
                """{"Statement":[{"Sid":"AllBut","Effect":"Deny","NotPrincipal":{"AWS":["111122223333","222233334444"]},"Action":"events:PutEvents","Resource":"*"}]}""",
                "default", "us-east-1",
                [new("AllBut", "NOT 111122223333, 222233334444", null, null, put, "Deny", "*", null)]);

            cases["service-list-is-one-permission"] = new PolicyCase(
                """{"Statement":[{"Sid":"Services","Effect":"Allow","Principal":{"Service":["events.amazonaws.com","sns.amazonaws.com"]},"Action":"events:PutEvents","Resource":"*"}]}""",
                "default", "us-east-1",
                [new("Services", "Service:events.amazonaws.com, Service:sns.amazonaws.com", null, null, put, "Allow", "*", null)]);

            cases["aws-list-mixed-with-a-service-is-one-permission"] = new PolicyCase(
                """{"Statement":[{"Sid":"Mixed","Effect":"Allow","Principal":{"AWS":["111122223333","arn:aws:iam::222233334444:root"],"Service":"events.amazonaws.com"},"Action":"events:PutEvents","Resource":"*"}]}""",
                "default", "us-east-1",
                [new("Mixed", "111122223333, 222233334444, Service:events.amazonaws.com", null, null, put, "Allow", "*", null)]);
        }
    }
}
