using System.Linq;
using EventBusPermissions.Planning;
using Xunit;

namespace EventBusPermissions.Tests.Planning
{
    /// <summary>
    /// One run may work on 'default' in several regions: every planning message about a bus names the region its ARN
    /// gives, so the user can tell which bus it is about.
    /// </summary>
    public sealed class BusTextTests
    {
        private const string Ireland = "arn:aws:events:eu-west-1:444455556666:event-bus/default";

        [Fact]
        public void Revoke_names_the_region_when_the_bus_has_no_policy_or_not_the_statement()
        {
            var empty = Assert.Single(RevokePlanner.ByStatementIds(Buses.WithPolicy(null, Ireland), new[] { "Partner" }));
            var other = Assert.Single(RevokePlanner.ByAccounts(Buses.WithPolicy(Buses.Policy(ExpectedStatement.Json(Buses.Account("111122223333"), Ireland)), Ireland), new[] { "222233334444" }));

            Assert.StartsWith("The event bus 'default' in eu-west-1 has no policy", empty.Message);
            Assert.StartsWith("The event bus 'default' in eu-west-1 has no statement that allows account 222233334444", other.Message);
        }

        [Fact]
        public void Grant_names_the_region_in_a_conflict_and_past_the_quota()
        {
            var bus = Buses.WithPolicy(Buses.Policy(ExpectedStatement.Json(Buses.Account("999988887777", "Partner"), Ireland)), Ireland);

            var conflict = Assert.Single(GrantPlanner.Plan(bus, Ireland, new[] { Buses.Account("111122223333", "Partner") }, force: false).Decisions);
            var quota = Assert.Single(GrantPlanner.Plan(null, Ireland, new[] { Buses.Account("111122223333") }, force: false, quota: 50).Decisions);

            Assert.Contains("on event bus 'default' in eu-west-1 already holds", conflict.Message);
            Assert.Contains("asked for on event bus 'default' in eu-west-1 would take its policy", quota.Message);
        }

        [Fact]
        public void Pack_names_the_region_past_the_quota()
        {
            var plan = PackPlanner.Plan(Buses.WithPolicy(null, Ireland), Ireland, Enumerable.Range(0, 400).Select(Buses.AccountNumber).ToList());

            Assert.Contains("packed, event bus 'default' in eu-west-1 holds at most", plan.Decisions.Last().Message);
        }

        [Fact]
        public void A_bus_whose_ARN_says_no_region_is_named_without_one()
        {
            Assert.Equal("event bus 'default'", BusText.Of(EventBus.Create("default", null, null, null, null, null, null, null)));
        }
    }
}
