using System.Linq;
using System.Text.Json;
using EventBusPermissions.Planning;
using Xunit;

namespace EventBusPermissions.Tests.Planning
{
    /// <summary>Grant -Pack's plan and Revoke's rewrite of shared statements, on policies as the service returns them.</summary>
    public sealed class PackPlannerTests
    {
        private const string Deny =
            "{\"Sid\":\"DenyCompromised\",\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"arn:aws:iam::999988887777:root\"},\"Action\":\"events:PutEvents\",\"Resource\":\"*\"}";

        private const string Conditioned =
            "{\"Sid\":\"PartnersSecure\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"arn:aws:iam::555566667777:root\",\"666677778888\"]},"
            + "\"Action\":\"events:PutEvents\",\"Resource\":\"*\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"true\"}}}";

        private static string Single(string account) => ExpectedStatement.Json(Buses.Account(account), Buses.Arn);

        private static string[] Statements(string policy)
        {
            using (var document = JsonDocument.Parse(policy))
                return document.RootElement.GetProperty("Statement").EnumerateArray().Select(s => s.GetRawText()).ToArray();
        }

        [Fact]
        public void Folds_single_account_grants_and_the_new_accounts_into_one_statement_and_keeps_the_rest_byte_for_byte()
        {
            var bus = Buses.WithPolicy(Buses.Policy(Single("111122223333"), Deny, Conditioned));

            var plan = PackPlanner.Plan(bus, Buses.Arn, new[] { "333344445555", "111122223333" });

            Assert.Equal(new[] { "111122223333", "333344445555" }, plan.Accounts);
            Assert.Equal(new[] { PackOutcome.Granted, PackOutcome.AlreadyGranted }, plan.Decisions.Select(d => d.Outcome));
            Assert.Equal(new[] { "Account-111122223333" }, plan.Absorbed);
            var statements = Statements(plan.NewPolicy!);
            Assert.Equal(new[] { Deny, Conditioned, plan.PackedStatement }, statements);
            Assert.Contains("\"arn:aws:iam::111122223333:root\",\"arn:aws:iam::333344445555:root\"", plan.PackedStatement);
        }

        [Fact]
        public void The_partition_of_the_root_arns_follows_the_bus()
        {
            const string china = "arn:aws-cn:events:cn-north-1:444455556666:event-bus/default";
            var plan = PackPlanner.Plan(Buses.WithPolicy(null, china), china, new[] { "111122223333" });
            Assert.Contains("arn:aws-cn:iam::111122223333:root", plan.PackedStatement);
        }

        [Fact]
        public void The_same_accounts_again_write_nothing()
        {
            var first = PackPlanner.Plan(Buses.WithPolicy(null), Buses.Arn, new[] { "111122223333", "222233334444" });
            var again = PackPlanner.Plan(Buses.WithPolicy(first.NewPolicy), Buses.Arn, new[] { "222233334444", "111122223333" });

            Assert.Null(again.NewPolicy);
            Assert.All(again.Decisions, d => Assert.Equal(PackOutcome.AlreadyGranted, d.Outcome));
        }

        [Fact]
        public void Past_the_quota_nothing_is_written_and_each_account_is_told_how_many_fit()
        {
            var accounts = Enumerable.Range(0, 400).Select(Buses.AccountNumber).ToList();
            var bus = Buses.WithPolicy(Buses.Policy(Deny, Conditioned));
            var plan = PackPlanner.Plan(bus, Buses.Arn, accounts);

            Assert.InRange(plan.Capacity, 250, 320);
            Assert.Null(plan.NewPolicy);
            Assert.All(plan.Decisions, d => Assert.Equal(PackOutcome.QuotaExceeded, d.Outcome));
            Assert.StartsWith("Account " + Buses.AccountNumber(7) + " was not granted: packed, event bus 'default' in us-east-1 holds at most " + plan.Capacity, plan.Decisions[7].Message);
            Assert.Contains("only " + plan.Capacity + " of the 400 new accounts asked for fit", plan.Decisions[7].Message);

            var fits = PackPlanner.Plan(bus, Buses.Arn, accounts.Take(plan.Capacity).ToList());
            Assert.All(fits.Decisions, d => Assert.Equal(PackOutcome.Granted, d.Outcome));
            Assert.InRange(fits.NewPolicy!.Length, 10240 - 40, 10240);
        }

        [Fact]
        public void With_exclusive_the_plain_grants_not_asked_for_are_dropped_and_others_statements_stay()
        {
            var bus = Buses.WithPolicy(Buses.Policy(Single("111122223333"), Single("222233334444"), Conditioned));

            var plan = PackPlanner.Plan(bus, Buses.Arn, new[] { "222233334444" }, exclusive: true);

            Assert.Equal(new[] { "111122223333" }, plan.Dropped);
            Assert.Equal(new[] { "222233334444" }, plan.Accounts);
            Assert.Contains(Conditioned, Statements(plan.NewPolicy!));
        }

        [Fact]
        public void A_revoke_takes_the_account_out_of_a_shared_statement_keeping_its_condition()
        {
            var edits = AccountRemoval.SharedEdits(Buses.Policy(Deny, Conditioned), new[] { "555566667777" });

            var edit = Assert.Single(edits);
            Assert.Equal("PartnersSecure", edit.StatementId);
            Assert.Equal(Conditioned.Replace("\"arn:aws:iam::555566667777:root\",", ""), edit.After);
        }

        [Fact]
        public void A_revoke_of_every_account_of_a_shared_statement_removes_it_and_never_touches_a_Deny()
        {
            var bus = Buses.WithPolicy(Buses.Policy(Deny, Conditioned));
            var change = AccountRemoval.Change(bus, new[] { "555566667777", "666677778888", "999988887777" });

            Assert.Equal(new[] { Deny }, Statements(change!.Policy));
            Assert.Equal(new[] { Deny }, change.Kept);
        }
    }
}
