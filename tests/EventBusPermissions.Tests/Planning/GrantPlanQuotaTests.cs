using System;
using System.Linq;
using EventBusPermissions.Planning;
using Xunit;

namespace EventBusPermissions.Tests.Planning
{
    public sealed class GrantPlanQuotaTests
    {
        [Fact]
        public void About_fifty_account_grants_fit_on_an_empty_bus_and_the_rest_are_stopped()
        {
            var requests = Enumerable.Range(0, 60).Select(i => Buses.Account(Buses.AccountNumber(i))).ToArray();
            var statements = requests.Select(Json).ToArray();
            var fitting = Enumerable.Range(0, statements.Length + 1).Last(n => Buses.Policy(statements.Take(n).ToArray()).Length <= PolicyQuota.DefaultCharacters);
            Assert.InRange(fitting, 45, 55);

            var plan = GrantPlanner.Plan(null, Buses.Arn, requests, force: false, quota: PolicyQuota.DefaultCharacters);

            Assert.All(plan.Decisions.Take(fitting), d => Assert.Equal(GrantDecisionKind.Write, d.Kind));
            Assert.All(plan.Decisions.Skip(fitting), d => Assert.Equal(GrantDecisionKind.QuotaExceeded, d.Kind));
            Assert.Equal(fitting, plan.Writes.Count());
            Assert.Equal(Buses.Policy(statements.Take(fitting).ToArray()).Length, plan.PredictedPolicyLength);

            var stopped = plan.Decisions[fitting];
            Assert.False(stopped.Writes);
            Assert.Equal(PlanningErrorIds.PolicyQuotaExceeded, stopped.ErrorId);
            var predicted = Buses.Policy(statements.Take(fitting + 1).ToArray()).Length;
            Assert.Equal(
                "The policy of event bus 'default' in us-east-1 would grow to about " + predicted.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)
                + " characters, past its quota of 10,240: only " + fitting + " of the 60 grants to write fit."
                + " The first that did not fit (events:PutEvents for account " + Buses.AccountNumber(fitting) + ") and the " + (59 - fitting) + " grants after it were not written."
                + " To let many accounts in, add -Pack (their grants share one statement, about 33 characters an account: this bus would hold "
                + PackPlanner.Capacity(null, Buses.Arn) + " accounts that way),"
                + " grant their organization with -OrganizationId (one statement for all of its accounts), or revoke grants that are no longer needed.",
                stopped.Message);
            Assert.InRange(PackPlanner.Capacity(null, Buses.Arn), 250, 320);
            Assert.All(plan.Decisions.Skip(fitting), d => Assert.Equal(stopped.Message, d.Message));
        }

        [Fact]
        public void Every_later_write_is_stopped_even_one_that_would_fit()
        {
            var small = Buses.Account("111122223333", "S");
            var big = Buses.Organization("o-" + new string('a', 32), "Organization-with-a-rather-long-statement-id-for-this-test");
            var third = Buses.Account("222233334444", "T");
            var quota = Buses.Policy(Json(small), Json(third)).Length;

            // The first fits; the big one does not; the third would fit on its own but must not jump the queue.
            var plan = GrantPlanner.Plan(null, Buses.Arn, new[] { small, big, third }, force: false, quota: quota);

            Assert.Equal(new[] { GrantDecisionKind.Write, GrantDecisionKind.QuotaExceeded, GrantDecisionKind.QuotaExceeded }, plan.Decisions.Select(d => d.Kind));
            Assert.Contains("only 1 of the 3 grants to write fit", plan.Decisions[1].Message);
            Assert.Contains("and the 1 grant after it were not written", plan.Decisions[1].Message);
        }

        [Fact]
        public void Decisions_that_write_nothing_keep_their_kind_past_the_quota()
        {
            var a = Buses.Account("111122223333");
            var bus = Buses.Holding(a);
            var quota = bus.Policy!.Length;

            var plan = GrantPlanner.Plan(bus, Buses.Arn, new[] { Buses.Account("222233334444"), a, Buses.Account("1111-2222-3333") }, force: false, quota: quota);

            Assert.Equal(new[] { GrantDecisionKind.QuotaExceeded, GrantDecisionKind.AlreadyGranted, GrantDecisionKind.Duplicate }, plan.Decisions.Select(d => d.Kind));
            Assert.Contains("only 0 of the 1 grant to write fit. It (events:PutEvents for account 222233334444) was not written.", plan.Decisions[0].Message);
        }

        [Fact]
        public void A_replace_adds_nothing_net()
        {
            var bus = Buses.Holding(Buses.Account("111122223333"), Buses.Account("222233334444"));
            var quota = bus.Policy!.Length;
            var replacement = Buses.Account("999988887777", "Account-111122223333");

            var plan = GrantPlanner.Plan(bus, Buses.Arn, new[] { replacement, Buses.Account("333344445555") }, force: true, quota: quota);

            Assert.Equal(new[] { GrantDecisionKind.Replace, GrantDecisionKind.QuotaExceeded }, plan.Decisions.Select(d => d.Kind));
            Assert.Equal(quota, plan.PredictedPolicyLength);
        }

        [Fact]
        public void The_quota_is_settable_per_plan()
        {
            var requests = Enumerable.Range(0, 60).Select(i => Buses.Account(Buses.AccountNumber(i))).ToArray();

            var raised = GrantPlanner.Plan(null, Buses.Arn, requests, force: false, quota: 20480);

            Assert.All(raised.Decisions, d => Assert.Equal(GrantDecisionKind.Write, d.Kind));
            Assert.Equal(20480, raised.Quota);
        }

        [Fact]
        public void The_current_policy_counts_with_its_real_whitespace()
        {
            var a = Buses.Account("111122223333");
            var indented = "{\n    \"Version\": \"2012-10-17\",\n    \"Statement\": [\n        " + Json(a) + "\n    ]\n}";
            var bus = Buses.WithPolicy(indented);
            var b = Buses.Account("222233334444");
            var compactTotal = Buses.Policy(Json(a), Json(b)).Length;

            // Compact, both would fit; the whitespace the service keeps makes the second too many.
            var plan = GrantPlanner.Plan(bus, Buses.Arn, new[] { b }, force: false, quota: compactTotal);

            Assert.Equal(GrantDecisionKind.QuotaExceeded, plan.Decisions.Single().Kind);
            Assert.Equal(GrantDecisionKind.Write, GrantPlanner.Plan(bus, Buses.Arn, new[] { b }, force: false, quota: indented.Length + 1 + Json(b).Length).Decisions.Single().Kind);
        }

        [Fact]
        public void StopWritesFrom_stops_the_refused_write_and_every_later_one()
        {
            var bus = Buses.Holding(Buses.Account("999988887777"));
            var requests = new[]
            {
                Buses.Account(Buses.AccountNumber(0)),
                Buses.Account("999988887777"),
                Buses.Account(Buses.AccountNumber(1)),
                Buses.Account(Buses.AccountNumber(2)),
                Buses.Account(Buses.AccountNumber(3)),
            };
            var plan = GrantPlanner.Plan(bus, Buses.Arn, requests, force: false, quota: PolicyQuota.DefaultCharacters);
            Assert.Equal(4, plan.Writes.Count());

            plan.StopWritesFrom(2, "Policy length exceeded. ");

            Assert.Equal(
                new[] { GrantDecisionKind.Write, GrantDecisionKind.AlreadyGranted, GrantDecisionKind.QuotaExceeded, GrantDecisionKind.QuotaExceeded, GrantDecisionKind.QuotaExceeded },
                plan.Decisions.Select(d => d.Kind));
            var message = plan.Decisions[2].Message;
            Assert.Equal(
                "The service refused a longer policy for event bus 'default' in us-east-1 (Policy length exceeded.): only 1 of the 4 grants to write fit."
                + " The first that did not fit (events:PutEvents for account " + Buses.AccountNumber(1) + ") and the 2 grants after it were not written."
                + " To let many accounts in, add -Pack (their grants share one statement, about 33 characters an account),"
                + " grant their organization with -OrganizationId (one statement for all of its accounts), or revoke grants that are no longer needed.",
                message);
            Assert.All(plan.Decisions.Skip(2), d => Assert.Equal(message, d.Message));
            Assert.All(plan.Decisions.Skip(2), d => Assert.Equal(PlanningErrorIds.PolicyQuotaExceeded, d.ErrorId));
            Assert.Null(plan.Decisions[1].Message);
        }

        [Fact]
        public void StopWritesFrom_past_the_writes_changes_nothing_and_a_bad_index_throws()
        {
            var plan = GrantPlanner.Plan(Buses.Holding(Buses.Account("111122223333")), Buses.Arn, new[] { Buses.Account("222233334444"), Buses.Account("111122223333") }, force: false, quota: PolicyQuota.DefaultCharacters);

            plan.StopWritesFrom(1, "too long");

            Assert.Equal(new[] { GrantDecisionKind.Write, GrantDecisionKind.AlreadyGranted }, plan.Decisions.Select(d => d.Kind));
            Assert.Throws<ArgumentOutOfRangeException>(() => plan.StopWritesFrom(2, "too long"));
            Assert.Throws<ArgumentOutOfRangeException>(() => plan.StopWritesFrom(-1, "too long"));
        }

        private static string Json(GrantRequest grant) => ExpectedStatement.Json(grant, Buses.Arn);
    }
}
