using System.Linq;
using EventBusPermissions.Planning;
using Xunit;

namespace EventBusPermissions.Tests.Planning
{
    /// <summary>
    /// A statement that names several AWS principals is read as one permission per principal. None of them is ever
    /// taken for a grant to its account alone: it holds no single-account grant, a revoke by account or -Exclusive
    /// does not remove it (that would take the others too), and a revoke by its Sid is one decision for the statement.
    /// </summary>
    public sealed class SharedStatementPlanningTests
    {
        private const string Packed =
            "{\"Sid\":\"Packed\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"arn:aws:iam::111122223333:root\",\"arn:aws:iam::222233334444:root\",\"333344445555\"]},"
            + "\"Action\":\"events:PutEvents\",\"Resource\":\"" + Buses.Arn + "\"}";

        private const string SharedDeny =
            "{\"Sid\":\"Outsiders\",\"Effect\":\"Deny\",\"Principal\":{\"AWS\":[\"999988887777\",\"888877776666\"]},\"Action\":\"events:PutEvents\"}";

        private const string StarAndAccount =
            "{\"Sid\":\"StarAndOne\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"*\",\"777788889999\"]},\"Action\":\"events:PutEvents\"}";

        private static readonly string Single222 = ExpectedStatement.Json(Buses.Account("222233334444"), Buses.Arn);

        private static EventBus Bus() => Buses.WithPolicy(Buses.Policy(Packed, Single222, SharedDeny, StarAndAccount));

        [Fact]
        public void The_bus_lists_one_permission_per_principal()
        {
            var bus = Bus();

            Assert.Equal(
                new[] { "111122223333", "222233334444", "333344445555", "222233334444", "999988887777", "888877776666", "*", "777788889999" },
                bus.Permissions.Select(p => p.Principal));
            Assert.Equal(new[] { 3, 3, 3, 1, 2, 2, 2, 2 }, bus.Permissions.Select(p => p.PrincipalCount));
            Assert.Equal(4, PermissionStatements.Count(bus.Permissions));
        }

        [Fact]
        public void A_revoke_by_the_Sid_of_a_shared_statement_is_one_decision_for_the_whole_statement()
        {
            var bus = Bus();

            var decision = Assert.Single(RevokePlanner.ByStatementIds(bus, new[] { "Packed" }));

            Assert.Equal(RevokeDecisionKind.Remove, decision.Kind);
            Assert.Same(bus.Permissions[0], decision.Permission);
            Assert.Equal(3, decision.Permission!.PrincipalCount);
        }

        [Fact]
        public void A_shared_Deny_named_by_its_Sid_is_one_decision_that_describes_the_statement()
        {
            var decision = Assert.Single(RevokePlanner.ByStatementIds(Bus(), new[] { "Outsiders" }));

            Assert.Equal(RevokeDecisionKind.NotAnAllow, decision.Kind);
            Assert.Contains("Deny: events:PutEvents for the 2 principals of one statement: 999988887777, 888877776666.", decision.Message);
        }

        [Fact]
        public void A_revoke_by_account_leaves_a_shared_statement_and_says_so()
        {
            var decision = Assert.Single(RevokePlanner.ByAccounts(Bus(), new[] { "111122223333" }));

            Assert.Equal(RevokeDecisionKind.NotFound, decision.Kind);
            Assert.Equal(
                "The event bus 'default' in us-east-1 has no statement that allows account 111122223333 alone. It is one of the principals of the shared statement(s)"
                + " 'Packed' (3 principals), which a revoke by account does not remove: that would take away the other principals too.",
                decision.Message);
        }

        [Fact]
        public void A_revoke_by_account_removes_the_account_s_own_statement_but_not_the_shared_one()
        {
            var decision = Assert.Single(RevokePlanner.ByAccounts(Bus(), new[] { "222233334444" }));

            Assert.Equal(RevokeDecisionKind.Remove, decision.Kind);
            Assert.Equal("Account-222233334444", decision.Permission!.StatementId);
            Assert.False(decision.Permission.IsShared);
        }

        [Fact]
        public void A_revoke_of_every_account_does_not_take_a_star_that_shares_its_statement()
        {
            var decision = Assert.Single(RevokePlanner.ByAccounts(Bus(), new[] { "*" }));

            Assert.Equal(RevokeDecisionKind.NotFound, decision.Kind);
            Assert.Contains("'StarAndOne' (2 principals)", decision.Message);
        }

        [Fact]
        public void Exclusive_does_not_list_the_permissions_of_shared_statements()
        {
            var others = ExclusiveList.OthersToRevoke(Bus(), new[] { "999999999999" });

            Assert.Equal(new[] { "Account-222233334444" }, others.Select(p => p.StatementId));
        }

        [Fact]
        public void A_shared_statement_never_holds_a_grant_of_its_Sid_even_for_one_of_its_accounts()
        {
            var bus = Bus();
            var request = Buses.Account("111122223333", "Packed");

            var decision = Assert.Single(GrantPlanner.Plan(bus, Buses.Arn, new[] { request }, force: false).Decisions);

            Assert.Equal(GrantDecisionKind.Conflict, decision.Kind);
            Assert.Same(bus.Permissions[0], decision.Existing);
            Assert.Contains(
                "already holds a different grant: events:PutEvents for the 3 principals of one statement: 111122223333, 222233334444, 333344445555.",
                decision.Message);
            Assert.Equal(new[] { request }, ReadBack.Missing(bus, new[] { request }));
        }

        [Fact]
        public void An_account_a_plain_shared_grant_allows_already_holds_and_is_reported_from_that_statement()
        {
            // Packed is a plain account grant (Allow, events:PutEvents, this bus, no condition), as -Pack writes it.
            var decision = Assert.Single(GrantPlanner.Plan(Bus(), Buses.Arn, new[] { Buses.Account("333344445555") }, force: false).Decisions);

            Assert.Equal(GrantDecisionKind.AlreadyGranted, decision.Kind);
            Assert.Equal("Packed", decision.Existing!.StatementId);
            Assert.Equal("333344445555", decision.Existing.AccountId);
        }

        [Fact]
        public void An_account_of_a_shared_statement_with_a_condition_granted_alone_is_a_new_statement()
        {
            var conditioned = Packed.Replace("\"Resource\":", "\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"true\"}},\"Resource\":");
            var bus = Buses.WithPolicy(Buses.Policy(conditioned));

            var decision = Assert.Single(GrantPlanner.Plan(bus, Buses.Arn, new[] { Buses.Account("333344445555") }, force: false).Decisions);

            Assert.Equal(GrantDecisionKind.Write, decision.Kind);
        }

        [Fact]
        public void A_policy_replacement_counts_statements_not_principals()
        {
            var current = Buses.WithPolicy(Buses.Policy(Packed, Single222));

            Assert.Equal("all 2 statement(s) on the bus are kept; nothing new is added",
                PolicyReplacement.Describe(current, Buses.Policy(Packed, Single222), "default", "us-east-1"));
            Assert.Equal("1 of the 2 statement(s) on the bus are removed or changed (Packed); 1 statement(s) are new or changed (Outsiders)",
                PolicyReplacement.Describe(current, Buses.Policy(Single222, SharedDeny), "default", "us-east-1"));
        }

        [Fact]
        public void A_long_shared_statement_is_described_by_its_first_principals_and_how_many_more()
        {
            var accounts = Enumerable.Range(0, 40).Select(Buses.AccountNumber).ToArray();
            var statement = "{\"Sid\":\"Forty\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[" + string.Join(",", accounts.Select(a => "\"" + a + "\"")) + "]},\"Action\":\"events:PutEvents\"}";
            var bus = Buses.WithPolicy(Buses.Policy(statement));

            Assert.Equal(40, bus.Permissions.Length);
            Assert.All(bus.Permissions, p => Assert.Equal(
                "events:PutEvents for the 40 principals of one statement: 100000000000, 100000000001, 100000000002 and 37 more",
                PermissionText.Describe(p)));
        }
    }
}
