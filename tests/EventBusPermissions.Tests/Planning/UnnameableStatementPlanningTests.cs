using System.Linq;
using System.Text.Json;
using EventBusPermissions.Planning;
using EventBusPermissions.Tests.Model;
using Xunit;

namespace EventBusPermissions.Tests.Planning
{
    /// <summary>
    /// Statements whose Sid RemovePermission cannot take ('Sid with space', 'my.sid', 70 characters, '', a number, none):
    /// AWS answers ValidationException for such an id and the statement stays. They are named and planned like any
    /// other statement, and removed with a whole-policy write that keeps every other statement as written.
    /// </summary>
    public sealed class UnnameableStatementPlanningTests
    {
        public static TheoryData<string> Names => PolicyZoo.UnnameableNames();

        private static EventBusPermission Find(EventBus bus, ZooStatement statement)
            => bus.Permissions.Single(p => p.StatementJson == statement.Json);

        private static string[] Statements(string policy)
        {
            using (var document = JsonDocument.Parse(policy))
                return document.RootElement.GetProperty("Statement").EnumerateArray().Select(s => s.GetRawText()).ToArray();
        }

        [Theory]
        [MemberData(nameof(Names))]
        public void RemovePermission_is_never_asked_to_take_it(string name)
        {
            var bus = PolicyZoo.Bus();

            Assert.False(StatementRemoval.ByRemovePermission(Find(bus, PolicyZoo.Unnameable[name])));
            Assert.True(StatementRemoval.ByRemovePermission(Find(bus, PolicyZoo.Plain)));
        }

        [Theory]
        [MemberData(nameof(Names))]
        public void It_is_found_by_the_Sid_the_user_reads_by_account_and_as_a_piped_permission(string name)
        {
            var statement = PolicyZoo.Unnameable[name];
            var bus = PolicyZoo.Bus();

            var byId = Assert.Single(RevokePlanner.ByStatementIds(bus, new[] { statement.Sid }, statementAsRead: statement.Json));
            var byAccount = Assert.Single(RevokePlanner.ByAccounts(bus, new[] { statement.Account }));

            Assert.Equal(RevokeDecisionKind.Remove, byId.Kind);
            Assert.Equal(statement.Json, byId.Permission!.StatementJson);
            Assert.Equal(RevokeDecisionKind.Remove, byAccount.Kind);
            Assert.Equal(statement.Json, byAccount.Permission!.StatementJson);
            Assert.Contains(statement.Json, ExclusiveList.OthersToRevoke(bus, new string[0]).Select(p => p.StatementJson));
        }

        [Theory]
        [InlineData("not.there", "InvalidStatementId")]
        [InlineData("Sid with space ", "InvalidStatementId")]
        [InlineData("", "InvalidStatementId")]
        [InlineData("NotThere", "PermissionNotFound")]
        public void An_id_the_bus_does_not_hold_is_bad_input_when_it_breaks_the_rule(string id, string errorId)
        {
            var bus = PolicyZoo.Bus(PolicyZoo.Policy(PolicyZoo.Plain.Json));

            var decision = Assert.Single(RevokePlanner.ByStatementIds(bus, new[] { id }));

            Assert.Equal(errorId, decision.ErrorId);
            Assert.Null(decision.Permission);
            Assert.Contains("event bus 'default' in us-east-1", decision.Message);
        }

        [Theory]
        [MemberData(nameof(Names))]
        public void The_whole_policy_write_leaves_out_only_it_and_keeps_every_other_statement_byte_for_byte(string name)
        {
            var statement = PolicyZoo.Unnameable[name];
            // Another tool's spacing inside an ambiguous statement, which must come back as it was.
            var spaced = PolicyZoo.Ambiguous["Effect Deny then Allow"].Json.Replace(",", ",\n  ");
            var others = PolicyZoo.All.Where(s => s != statement && s != PolicyZoo.Ambiguous["Effect Deny then Allow"]).Select(s => s.Json).ToList();
            others.Insert(0, spaced);
            var bus = PolicyZoo.Bus(PolicyZoo.Policy(others.Take(3).Concat(new[] { statement.Json }).Concat(others.Skip(3)).ToArray()));

            var change = StatementRemoval.Change(bus, Find(bus, statement))!;

            Assert.Equal(others, Statements(change.Policy));
            Assert.Equal(others.Count, change.Kept.Count);
            Assert.NotEmpty(change.MissingAfter(bus));
            var after = PolicyZoo.Bus(change.Policy);
            Assert.Empty(change.MissingAfter(after));
            Assert.Empty(change.LostFrom(after));
            Assert.Null(StatementRemoval.Change(after, Find(bus, statement)));
        }

        [Fact]
        public void A_piped_statement_without_a_Sid_that_is_gone_is_not_found()
        {
            var statement = PolicyZoo.Unnameable["no Sid"];
            var bus = PolicyZoo.Bus(PolicyZoo.Policy(PolicyZoo.Plain.Json));

            var decision = Assert.Single(RevokePlanner.ByStatementIds(bus, new string?[] { null }, statementAsRead: statement.Json));

            Assert.Equal(RevokeDecisionKind.NotFound, decision.Kind);
            Assert.Contains(statement.Json, decision.Message);
        }
    }
}
