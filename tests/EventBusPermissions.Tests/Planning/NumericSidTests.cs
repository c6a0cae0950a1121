using System.Linq;
using EventBusPermissions.Planning;
using Xunit;

namespace EventBusPermissions.Tests.Planning
{
    /// <summary>A policy written by hand may hold a Sid that is a number; nothing that reads the bus may fail on it.</summary>
    public sealed class NumericSidTests
    {
        private const string Numeric = """{"Sid":7,"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"events:PutEvents","Resource":"arn:aws:events:us-east-1:444455556666:event-bus/default"}""";
        private const string Boolean = """{"Sid":true,"Effect":"Allow","Principal":"*","Action":"events:PutEvents","Resource":"*"}""";

        private static EventBus Bus() => Buses.WithPolicy(Buses.Policy(Numeric, Boolean));

        [Fact]
        public void The_bus_reads_with_the_Sids_as_text()
        {
            var bus = Bus();

            Assert.Null(bus.PolicyParseError);
            Assert.Equal(new string?[] { "7", "true" }, bus.Permissions.Select(p => p.StatementId));
        }

        [Fact]
        public void Revoke_by_statement_id_finds_it_by_its_digits()
        {
            var decision = Assert.Single(RevokePlanner.ByStatementIds(Bus(), new[] { "7" }));

            Assert.Equal(RevokeDecisionKind.Remove, decision.Kind);
        }

        [Fact]
        public void Revoke_by_account_finds_it()
        {
            var decision = Assert.Single(RevokePlanner.ByAccounts(Bus(), new[] { "111122223333" }));

            Assert.Equal(RevokeDecisionKind.Remove, decision.Kind);
            Assert.Equal("7", decision.Permission!.StatementId);
        }

        [Fact]
        public void Grant_plans_and_predicts_the_size()
        {
            var bus = Bus();

            var plan = GrantPlanner.Plan(bus, Buses.Arn, new[] { Buses.Account("222233334444") }, force: false);

            Assert.Equal(GrantDecisionKind.Write, Assert.Single(plan.Decisions).Kind);
            Assert.True(plan.PredictedPolicyLength > bus.Policy!.Length);
        }

        [Fact]
        public void Read_back_reads_past_it()
        {
            Assert.Empty(ReadBack.Missing(Bus(), Enumerable.Empty<GrantRequest>()));
        }

        [Fact]
        public void Check_refuses_it_in_a_document_to_send_and_Risks_reads_past_it()
        {
            var policy = Buses.Policy(Numeric);

            Assert.Empty(PolicyDocuments.Risks(policy));
            PolicyDocuments.Check(policy, PolicyQuota.DefaultCharacters, out var errorId);
            Assert.Equal(PlanningErrorIds.InvalidPolicyStatementId, errorId);
        }
    }
}
