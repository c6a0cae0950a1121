using System;
using System.Linq;
using EventBusPermissions.Planning;
using Xunit;

namespace EventBusPermissions.Tests.Planning
{
    public sealed class RevokePlannerTests
    {
        private static readonly string Mixed = Buses.Policy(
            ExpectedStatement.Json(Buses.Account("111122223333"), Buses.Arn),
            ExpectedStatement.Json(Buses.Account("222233334444"), Buses.Arn),
            ExpectedStatement.Json(Buses.Account("*"), Buses.Arn),
            ExpectedStatement.Json(Buses.Organization("o-abc123def4"), Buses.Arn),
            "{\"Sid\":\"Legacy\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"events:PutEvents\"}",
            "{\"Sid\":\"Both\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"111122223333\",\"222233334444\"]},\"Action\":\"events:PutEvents\"}",
            "{\"Sid\":\"Blocked\",\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"events:PutEvents\"}",
            "{\"Sid\":\"Guarded\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"events:PutEvents\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"true\"}}}");

        [Fact]
        public void Statement_ids_that_exist_are_removed_once_and_the_others_are_not_found()
        {
            var bus = Buses.WithPolicy(Mixed);

            var decisions = RevokePlanner.ByStatementIds(bus, new[] { "Legacy", "Nope", "Legacy", "AllAccounts" });

            Assert.Equal(new[] { RevokeDecisionKind.Remove, RevokeDecisionKind.NotFound, RevokeDecisionKind.Remove }, decisions.Select(d => d.Kind));
            Assert.Equal(new[] { "Legacy", "Nope", "AllAccounts" }, decisions.Select(d => d.Target));
            Assert.Same(bus.Permissions[4], decisions[0].Permission);
            Assert.Null(decisions[0].Message);
            Assert.Null(decisions[0].ErrorId);
            Assert.Null(decisions[1].Permission);
            Assert.Equal(PlanningErrorIds.PermissionNotFound, decisions[1].ErrorId);
            Assert.Equal("The event bus 'default' in us-east-1 has no statement with the id 'Nope'.", decisions[1].Message);
        }

        [Fact]
        public void Statement_ids_are_compared_exactly()
        {
            var decisions = RevokePlanner.ByStatementIds(Buses.WithPolicy(Mixed), new[] { "legacy" });

            Assert.Equal(RevokeDecisionKind.NotFound, decisions.Single().Kind);
        }

        [Fact]
        public void A_bus_without_a_policy_says_so()
        {
            var decision = RevokePlanner.ByStatementIds(Buses.WithPolicy(null), new[] { "Partner" }).Single();

            Assert.Equal(RevokeDecisionKind.NotFound, decision.Kind);
            Assert.Equal("The event bus 'default' in us-east-1 has no policy, so no statement with the id 'Partner'.", decision.Message);
        }

        [Fact]
        public void A_bus_with_an_unreadable_policy_says_so()
        {
            var decision = RevokePlanner.ByAccounts(Buses.WithPolicy("{\"Statement\":["), new[] { "111122223333" }).Single();

            Assert.Equal(RevokeDecisionKind.NotFound, decision.Kind);
            Assert.Contains("its policy could not be read", decision.Message);
            Assert.Contains("account 111122223333", decision.Message);
        }

        [Fact]
        public void An_account_loses_every_statement_that_allows_it_alone()
        {
            var bus = Buses.WithPolicy(Mixed);

            var decisions = RevokePlanner.ByAccounts(bus, new[] { "111122223333", "1111-2222-3333", " 999988887777 " });

            Assert.Equal(new[] { RevokeDecisionKind.Remove, RevokeDecisionKind.Remove, RevokeDecisionKind.NotFound }, decisions.Select(d => d.Kind));
            Assert.Equal(new[] { "Account-111122223333", "Legacy", null }, decisions.Select(d => d.Permission?.StatementId));
            Assert.Equal(new[] { "111122223333", "111122223333", "999988887777" }, decisions.Select(d => d.Target));
            Assert.Equal("The event bus 'default' in us-east-1 has no statement that allows account 999988887777 alone.", decisions[2].Message);
        }

        [Fact]
        public void Everyone_means_the_unconditioned_grants_to_everyone()
        {
            var decision = RevokePlanner.ByAccounts(Buses.WithPolicy(Mixed), new[] { "*" }).Single();

            Assert.Equal(RevokeDecisionKind.Remove, decision.Kind);
            Assert.Equal("AllAccounts", decision.Permission!.StatementId);
        }

        [Fact]
        public void A_statement_without_a_Sid_is_removed_too_by_a_whole_policy_write()
        {
            var bus = Buses.WithPolicy(Buses.Policy("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"events:PutEvents\"}"));

            var decision = RevokePlanner.ByAccounts(bus, new[] { "111122223333" }).Single();

            Assert.Equal(RevokeDecisionKind.Remove, decision.Kind);
            Assert.False(StatementRemoval.ByRemovePermission(decision.Permission!));
        }

        [Fact]
        public void An_invalid_account_id_throws_with_the_rule_message()
        {
            var ex = Assert.Throws<ArgumentException>(() => RevokePlanner.ByAccounts(Buses.WithPolicy(Mixed), new[] { "12345" }));

            Assert.Contains("has 5 digits", ex.Message);
        }
    }
}
