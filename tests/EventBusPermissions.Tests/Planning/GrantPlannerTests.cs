using System;
using System.Linq;
using EventBusPermissions.Planning;
using Xunit;

namespace EventBusPermissions.Tests.Planning
{
    public sealed class GrantPlannerTests
    {
        private static readonly GrantRequest A = Buses.Account("111122223333");
        private static readonly GrantRequest B = Buses.Account("222233334444");
        private static readonly GrantRequest Everyone = Buses.Account("*");
        private static readonly GrantRequest Org = Buses.Organization("o-abc123def4");

        [Fact]
        public void On_a_bus_without_a_policy_everything_is_written()
        {
            var plan = Plan(null, A, B, Everyone, Org);

            Assert.All(plan.Decisions, d => Assert.Equal(GrantDecisionKind.Write, d.Kind));
            Assert.Equal(new[] { 0, 1, 2, 3 }, plan.Decisions.Select(d => d.Index));
            Assert.Equal(4, plan.Writes.Count());
            Assert.All(plan.Decisions, d => Assert.Null(d.Existing));
            Assert.All(plan.Decisions, d => Assert.Null(d.ErrorId));
            Assert.Equal(ExpectedStatement.Json(A, Buses.Arn), plan.Decisions[0].StatementJson);
            Assert.Equal("default", plan.EventBusName);
            Assert.Equal(Buses.Policy(plan.Decisions.Select(d => d.StatementJson).ToArray()).Length, plan.PredictedPolicyLength);
        }

        [Fact]
        public void An_identical_statement_is_AlreadyGranted()
        {
            var bus = Buses.Holding(A, Org);

            var plan = Plan(bus, A, Org, B);

            Assert.Equal(new[] { GrantDecisionKind.AlreadyGranted, GrantDecisionKind.AlreadyGranted, GrantDecisionKind.Write }, Kinds(plan));
            Assert.Same(bus.Permissions[0], plan.Decisions[0].Existing);
            Assert.False(plan.Decisions[0].Writes);
            Assert.Equal(new[] { B }, plan.Writes.Select(d => d.Request));
        }

        [Fact]
        public void A_Sid_holding_a_different_grant_is_a_Conflict_that_explains_itself()
        {
            var bus = Buses.Holding(Buses.Account("999988887777", "Partner"));

            var plan = Plan(bus, Buses.Account("111122223333", "Partner"));

            var decision = Assert.Single(plan.Decisions);
            Assert.Equal(GrantDecisionKind.Conflict, decision.Kind);
            Assert.False(decision.Writes);
            Assert.Equal(PlanningErrorIds.StatementIdConflict, decision.ErrorId);
            Assert.Same(bus.Permissions[0], decision.Existing);
            Assert.Equal(
                "The statement 'Partner' on event bus 'default' in us-east-1 already holds a different grant: events:PutEvents for account 999988887777."
                + " Asked: events:PutEvents for account 111122223333. It was not written; use -Force to replace the statement, or give another -StatementId to add a second one.",
                decision.Message);
        }

        [Fact]
        public void A_conflict_with_a_hand_written_statement_shows_what_it_holds()
        {
            var bus = Buses.WithPolicy(Buses.Policy("{\"Sid\":\"AllAccounts\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"events:PutEvents\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}"));

            var decision = Plan(bus, Everyone).Decisions.Single();

            Assert.Equal(GrantDecisionKind.Conflict, decision.Kind);
            Assert.Contains("Deny: events:PutEvents for every account (*) with the condition {\"Bool\":{\"aws:SecureTransport\":\"false\"}}", decision.Message);
        }

        [Fact]
        public void With_force_a_different_grant_is_Replaced()
        {
            var bus = Buses.Holding(Buses.Account("999988887777", "Partner"));

            var plan = GrantPlanner.Plan(bus, Buses.Arn, new[] { Buses.Account("111122223333", "Partner") }, force: true, quota: PolicyQuota.DefaultCharacters);

            var decision = Assert.Single(plan.Decisions);
            Assert.Equal(GrantDecisionKind.Replace, decision.Kind);
            Assert.True(decision.Writes);
            Assert.Null(decision.Message);
            Assert.Null(decision.ErrorId);
            Assert.Equal("999988887777", decision.Existing!.AccountId);
        }

        [Fact]
        public void Force_leaves_identical_statements_alone()
        {
            var plan = GrantPlanner.Plan(Buses.Holding(A), Buses.Arn, new[] { A }, force: true, quota: PolicyQuota.DefaultCharacters);

            Assert.Equal(GrantDecisionKind.AlreadyGranted, plan.Decisions.Single().Kind);
        }

        [Fact]
        public void The_same_grant_twice_is_written_once()
        {
            var plan = Plan(null, A, B, Buses.Account("1111-2222-3333"));

            Assert.Equal(new[] { GrantDecisionKind.Write, GrantDecisionKind.Write, GrantDecisionKind.Duplicate }, Kinds(plan));
            Assert.Equal(0, plan.Decisions[2].DuplicateOf);
            Assert.Null(plan.Decisions[2].ErrorId);
            Assert.Equal(2, plan.Writes.Count());
        }

        [Fact]
        public void A_granted_statement_asked_twice_is_AlreadyGranted_then_Duplicate()
        {
            var plan = Plan(Buses.Holding(A), A, A);

            Assert.Equal(new[] { GrantDecisionKind.AlreadyGranted, GrantDecisionKind.Duplicate }, Kinds(plan));
            Assert.NotNull(plan.Decisions[1].Existing);
        }

        [Fact]
        public void One_Sid_for_two_grants_in_one_batch_is_a_Conflict_even_with_force()
        {
            var first = Buses.Account("111122223333", "Shared");
            var second = Buses.Account("222233334444", "Shared");

            var plan = GrantPlanner.Plan(null, Buses.Arn, new[] { first, second, first }, force: true, quota: PolicyQuota.DefaultCharacters);

            Assert.Equal(new[] { GrantDecisionKind.Write, GrantDecisionKind.Conflict, GrantDecisionKind.Duplicate }, Kinds(plan));
            Assert.Contains("'Shared' is asked for two different grants", plan.Decisions[1].Message);
            Assert.Contains("own -StatementId", plan.Decisions[1].Message);
        }

        [Fact]
        public void A_Sid_kept_by_an_earlier_request_is_not_replaced_by_a_later_one()
        {
            var bus = Buses.Holding(A);
            var other = Buses.Account("999988887777", A.StatementId);

            var plan = GrantPlanner.Plan(bus, Buses.Arn, new[] { A, other }, force: true, quota: PolicyQuota.DefaultCharacters);

            Assert.Equal(new[] { GrantDecisionKind.AlreadyGranted, GrantDecisionKind.Conflict }, Kinds(plan));
            Assert.Contains("asked for two different grants", plan.Decisions[1].Message);
            Assert.Empty(plan.Writes);
        }

        [Fact]
        public void A_Sid_whose_earlier_request_conflicted_is_judged_against_the_bus()
        {
            var bus = Buses.Holding(A);
            var other = Buses.Account("999988887777", A.StatementId);

            var plan = Plan(bus, other, A);

            Assert.Equal(new[] { GrantDecisionKind.Conflict, GrantDecisionKind.AlreadyGranted }, Kinds(plan));
            Assert.Contains("-Force", plan.Decisions[0].Message);
        }

        [Fact]
        public void A_mixed_batch_gets_one_decision_per_request_in_order()
        {
            var bus = Buses.Holding(A, Buses.Account("999988887777", "Partner"));
            var requests = new[]
            {
                B,                                             // new
                A,                                             // already there
                Buses.Account("111122223333", "Partner"),      // Sid taken by another account
                Buses.Account("2222 3333 4444"),               // B again
                Org,                                           // new
                Buses.Account("999988887777", "Partner"),      // already there
            };

            var plan = GrantPlanner.Plan(bus, Buses.Arn, requests, force: false, quota: PolicyQuota.DefaultCharacters);

            Assert.Equal(
                new[]
                {
                    GrantDecisionKind.Write, GrantDecisionKind.AlreadyGranted, GrantDecisionKind.Conflict,
                    GrantDecisionKind.Duplicate, GrantDecisionKind.Write, GrantDecisionKind.AlreadyGranted,
                },
                Kinds(plan));
            Assert.Equal(requests, plan.Decisions.Select(d => d.Request));
            Assert.Equal(new[] { B, Org }, plan.Writes.Select(d => d.Request));
            Assert.Equal(Buses.Policy(bus.Permissions.Select(p => p.StatementJson).Concat(new[] { Json(B), Json(Org) }).ToArray()).Length, plan.PredictedPolicyLength);
        }

        [Fact]
        public void Invalid_arguments_throw()
        {
            Assert.Throws<ArgumentException>(() => GrantPlanner.Plan(null, "default", new[] { A }, false, PolicyQuota.DefaultCharacters));
            Assert.Throws<ArgumentOutOfRangeException>(() => GrantPlanner.Plan(null, Buses.Arn, new[] { A }, false, 0));
            Assert.Throws<ArgumentNullException>(() => GrantPlanner.Plan(null, Buses.Arn, null!, false, PolicyQuota.DefaultCharacters));
            Assert.Throws<ArgumentException>(() => GrantPlanner.Plan(null, Buses.Arn, new GrantRequest[] { null! }, false, PolicyQuota.DefaultCharacters));
        }

        private static GrantPlan Plan(EventBus? bus, params GrantRequest[] requests) =>
            GrantPlanner.Plan(bus, Buses.Arn, requests, force: false, quota: PolicyQuota.DefaultCharacters);

        private static GrantDecisionKind[] Kinds(GrantPlan plan) => plan.Decisions.Select(d => d.Kind).ToArray();

        private static string Json(GrantRequest grant) => ExpectedStatement.Json(grant, Buses.Arn);
    }
}
