using System.Linq;
using EventBusPermissions.Planning;
using EventBusPermissions.Tests.Model;
using Xunit;

namespace EventBusPermissions.Tests.Planning
{
    /// <summary>
    /// Every planner on the zoo's statements that repeat a member: such a statement may be a Deny (which copy of its
    /// Effect, Principal or Condition AWS applies is not documented), so nothing folds, rewrites, removes or counts it,
    /// and where the user asked for it the refusal names it, the bus and the region. Only -StatementId with -Force removes it.
    /// </summary>
    public sealed class AmbiguousStatementPlanningTests
    {
        public static TheoryData<string> Names => PolicyZoo.AmbiguousNames();

        private const string Bus = "event bus 'default' in us-east-1";

        /// <summary>The same statement as another tool may store it: spaces and a line break between its members.</summary>
        private static string Spaced(string json) => json.Replace("\",\"", "\",\n   \"").Replace("\":", "\" : ");

        /// <summary>The Sid a user reads in the policy and names the statement by.</summary>
        private static string SidOf(ZooStatement statement) => statement.Sid!;

        [Theory]
        [MemberData(nameof(Names))]
        public void Pack_neither_folds_nor_counts_it_and_writes_it_back_byte_for_byte_with_its_spacing(string name)
        {
            var statement = PolicyZoo.Ambiguous[name];
            var spaced = Spaced(statement.Json);
            var bus = PolicyZoo.Bus(PolicyZoo.Policy(PolicyZoo.Plain.Json, spaced));

            var plan = PackPlanner.Plan(bus, PolicyZoo.Arn, new[] { "999900000001", statement.Account });

            Assert.Contains(spaced, plan.NewPolicy);
            Assert.Equal(new[] { PolicyZoo.Plain.Sid! }, plan.Absorbed);
            Assert.Equal(new[] { statement.Account, PolicyZoo.Plain.Account, "999900000001" }.OrderBy(a => a), plan.Accounts);
            Assert.Equal(PackOutcome.Granted, plan.Decisions.Single(d => d.Account == statement.Account).Outcome);
            Assert.DoesNotContain(statement.Account, PackPlanner.HeldAccounts(bus.Policy, PolicyZoo.Arn));
        }

        [Theory]
        [MemberData(nameof(Names))]
        public void Revoke_by_account_keeps_it_and_says_so_naming_it_the_bus_and_the_region(string name)
        {
            var statement = PolicyZoo.Ambiguous[name];
            var bus = PolicyZoo.Bus();

            var decision = Assert.Single(RevokePlanner.ByAccounts(bus, new[] { statement.Account }));

            Assert.Equal(RevokeDecisionKind.Ambiguous, decision.Kind);
            Assert.Equal("AmbiguousStatement", decision.ErrorId);
            Assert.Equal(statement.Json, decision.Permission!.StatementJson);
            Assert.Contains(statement.Json, decision.Message);
            Assert.Contains(Bus, decision.Message);
            Assert.Contains("-StatementId and add -Force", decision.Message);
            Assert.Empty(AccountRemoval.SharedEdits(bus.Policy, new[] { statement.Account }));
            Assert.Null(AccountRemoval.Change(bus, new[] { statement.Account }));
        }

        [Fact]
        public void Revoke_by_account_still_removes_the_plain_grants_of_an_account_an_ambiguous_statement_names()
        {
            var ambiguous = PolicyZoo.Ambiguous["Effect Deny then Allow"];
            var plain = ExpectedStatement.Json(Buses.Account(ambiguous.Account), PolicyZoo.Arn);
            var bus = PolicyZoo.Bus(PolicyZoo.Policy(ambiguous.Json, plain));

            var decisions = RevokePlanner.ByAccounts(bus, new[] { ambiguous.Account });

            Assert.Equal(new[] { RevokeDecisionKind.Ambiguous, RevokeDecisionKind.Remove }, decisions.Select(d => d.Kind));
            Assert.Equal(plain, decisions[1].Permission!.StatementJson);
        }

        [Theory]
        [MemberData(nameof(Names))]
        public void Revoke_by_its_statement_id_keeps_it_without_Force_and_removes_it_with_Force(string name)
        {
            var statement = PolicyZoo.Ambiguous[name];
            var bus = PolicyZoo.Bus();

            var kept = Assert.Single(RevokePlanner.ByStatementIds(bus, new[] { SidOf(statement) }));
            var removed = Assert.Single(RevokePlanner.ByStatementIds(bus, new[] { SidOf(statement) }, removeDeny: true));

            Assert.Equal(RevokeDecisionKind.Ambiguous, kept.Kind);
            Assert.Contains(Bus, kept.Message);
            Assert.Contains("may be a Deny", kept.Message);
            Assert.Equal(RevokeDecisionKind.Remove, removed.Kind);
            Assert.Equal(statement.Json, removed.Permission!.StatementJson);
        }

        [Fact]
        public void A_statement_that_names_its_Sid_twice_is_found_by_either_copy()
        {
            var bus = PolicyZoo.Bus();

            var decisions = RevokePlanner.ByStatementIds(bus, new[] { "SidOne", "SidTwo" });

            Assert.All(decisions, d => Assert.Equal(PolicyZoo.Ambiguous["Sid twice"].Json, d.Permission!.StatementJson));
        }

        [Fact]
        public void Revoke_All_takes_none_of_them_for_an_Allow()
        {
            var allows = PolicyZoo.Bus().Permissions.Where(RevokePlanner.IsAllow).Select(p => p.StatementJson);

            Assert.Empty(allows.Intersect(PolicyZoo.Ambiguous.Values.Select(s => s.Json)));
        }

        [Fact]
        public void Exclusive_revokes_none_of_them_and_none_of_their_accounts()
        {
            var bus = PolicyZoo.Bus();

            var others = ExclusiveList.OthersToRevoke(bus, new string[0]);
            var shared = ExclusiveList.OthersInSharedGrants(bus, new string[0]);

            Assert.DoesNotContain(others, p => p.HasRepeatedMembers);
            Assert.Empty(shared.Intersect(PolicyZoo.Ambiguous.Values.Select(s => s.Account)));
            Assert.All(PolicyZoo.Ambiguous.Values, s => Assert.False(ExclusiveList.IsPlainShared(s.Json, PolicyZoo.Arn)));
        }

        [Theory]
        [MemberData(nameof(Names))]
        public void Grant_never_takes_it_for_a_grant_that_holds(string name)
        {
            var statement = PolicyZoo.Ambiguous[name];
            var bus = PolicyZoo.Bus();
            var underItsSid = Buses.Account(statement.Account, SidOf(statement));
            var underTheDefaultSid = Buses.Account(statement.Account);

            var plan = GrantPlanner.Plan(bus, PolicyZoo.Arn, new[] { underItsSid, underTheDefaultSid }, force: false);
            var forced = GrantPlanner.Plan(bus, PolicyZoo.Arn, new[] { underItsSid }, force: true);

            Assert.Equal(new[] { GrantDecisionKind.Conflict, GrantDecisionKind.Write }, plan.Decisions.Select(d => d.Kind));
            Assert.Contains("which copy AWS applies is not documented", plan.Decisions[0].Message);
            Assert.Contains(Bus, plan.Decisions[0].Message);
            Assert.Equal(GrantDecisionKind.Replace, Assert.Single(forced.Decisions).Kind);
            Assert.Equal(new[] { underItsSid }, ReadBack.Missing(bus, new[] { underItsSid }));
        }

        [Theory]
        [MemberData(nameof(Names))]
        public void A_Policy_document_holding_it_is_refused_before_it_is_sent(string name)
        {
            var problem = PolicyDocuments.Check(PolicyZoo.Policy(PolicyZoo.Ambiguous[name].Json), PolicyQuota.DefaultCharacters, out var errorId);

            Assert.Equal(PlanningErrorIds.InvalidPolicyDocument, errorId);
            Assert.Contains("which copy AWS applies is not documented", problem);
        }
    }
}
