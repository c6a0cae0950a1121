using System.Linq;
using EventBusPermissions.Planning;
using Xunit;

namespace EventBusPermissions.Tests.Planning
{
    /// <summary>
    /// The planning side of issue 9's promises: a revoke never removes a Deny unless named with -Force, -Exclusive
    /// touches only plain single-account grants, a -Policy preview names what goes, and permissions carry the bus
    /// they were read from.
    /// </summary>
    public sealed class SafetyPlanningTests
    {
        private static readonly string Mixed = Buses.Policy(
            ExpectedStatement.Json(Buses.Account("111122223333"), Buses.Arn),
            ExpectedStatement.Json(Buses.Account("222233334444"), Buses.Arn),
            ExpectedStatement.Json(Buses.Account("*"), Buses.Arn),
            ExpectedStatement.Json(Buses.Organization("o-abc123def4"), Buses.Arn),
            "{\"Sid\":\"Both\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"333344445555\",\"444455556666\"]},\"Action\":\"events:PutEvents\"}",
            "{\"Sid\":\"Blocked\",\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"999988887777\"},\"Action\":\"events:PutEvents\"}",
            "{\"Sid\":\"NoEffect\",\"Principal\":{\"AWS\":\"555566667777\"},\"Action\":\"events:PutEvents\"}",
            "{\"Sid\":\"Guarded\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"666677778888\"},\"Action\":\"events:PutEvents\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"true\"}}}");

        [Fact]
        public void A_Deny_named_by_statement_id_is_kept_with_an_error_that_says_why()
        {
            var decision = Assert.Single(RevokePlanner.ByStatementIds(Buses.WithPolicy(Mixed), new[] { "Blocked" }));

            Assert.Equal(RevokeDecisionKind.NotAnAllow, decision.Kind);
            Assert.Equal("DenyStatementKept", decision.ErrorId);
            Assert.Contains("allow again what it denies", decision.Message);
            Assert.Contains("-Force", decision.Message);
        }

        [Fact]
        public void A_statement_without_an_Effect_is_not_taken_for_an_Allow()
        {
            var decision = Assert.Single(RevokePlanner.ByStatementIds(Buses.WithPolicy(Mixed), new[] { "NoEffect" }));
            Assert.Equal(RevokeDecisionKind.NotAnAllow, decision.Kind);
        }

        [Fact]
        public void A_Deny_named_by_statement_id_with_force_is_removed()
        {
            var decision = Assert.Single(RevokePlanner.ByStatementIds(Buses.WithPolicy(Mixed), new[] { "Blocked" }, removeDeny: true));
            Assert.Equal(RevokeDecisionKind.Remove, decision.Kind);
        }

        [Fact]
        public void Revoking_the_denied_account_finds_no_grant_and_keeps_the_Deny()
        {
            var decision = Assert.Single(RevokePlanner.ByAccounts(Buses.WithPolicy(Mixed), new[] { "999988887777" }));
            Assert.Equal(RevokeDecisionKind.NotFound, decision.Kind);
        }

        [Fact]
        public void Exclusive_revokes_only_plain_single_account_allows_outside_the_list()
        {
            var others = ExclusiveList.OthersToRevoke(Buses.WithPolicy(Mixed), new[] { "111122223333" });

            Assert.Equal(new[] { "Account-222233334444" }, others.Select(p => p.StatementId));
        }

        [Fact]
        public void Exclusive_with_every_account_listed_revokes_nothing()
        {
            Assert.Empty(ExclusiveList.OthersToRevoke(Buses.WithPolicy(Mixed), new[] { "222233334444", "111122223333" }));
        }

        [Fact]
        public void A_policy_replacement_names_what_goes_and_what_comes()
        {
            var current = Buses.WithPolicy(Buses.Policy(
                ExpectedStatement.Json(Buses.Account("111122223333"), Buses.Arn),
                ExpectedStatement.Json(Buses.Account("222233334444"), Buses.Arn)));
            var next = Buses.Policy(
                ExpectedStatement.Json(Buses.Account("111122223333"), Buses.Arn),
                ExpectedStatement.Json(Buses.Account("333344445555"), Buses.Arn));

            var text = PolicyReplacement.Describe(current, next, "default", "us-east-1");

            Assert.Equal("1 of the 2 statement(s) on the bus are removed or changed (Account-222233334444); 1 statement(s) are new or changed (Account-333344445555)", text);
        }

        [Fact]
        public void A_policy_replacement_of_an_unreadable_policy_says_nobody_can_tell_what_is_lost()
        {
            var text = PolicyReplacement.Describe(Buses.WithPolicy("{not json"), Buses.Policy(), "default", "us-east-1");
            Assert.StartsWith("its present policy could not be read (", text);
        }

        [Fact]
        public void Every_permission_carries_the_arn_of_the_bus_it_was_read_from()
        {
            var bus = Buses.WithPolicy(Mixed);
            Assert.All(bus.Permissions, p => Assert.Equal(Buses.Arn, p.EventBusArn));
            Assert.Equal(bus.Name, bus.EventBusName);
        }
    }
}
