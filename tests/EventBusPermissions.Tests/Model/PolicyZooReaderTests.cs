using System;
using System.Linq;
using Xunit;

namespace EventBusPermissions.Tests.Model
{
    /// <summary>
    /// How Get-CWEventBus shows the statements of the zoo: a repeated member reads as ambiguous, with every copy, never
    /// as the last (or first) copy; Sids RemovePermission cannot take are shown as written.
    /// </summary>
    public sealed class PolicyZooReaderTests
    {
        public static TheoryData<string> AmbiguousNames => PolicyZoo.AmbiguousNames();

        public static TheoryData<string> UnnameableNames => PolicyZoo.UnnameableNames();

        private static EventBusPermission Read(ZooStatement statement)
            => Assert.Single(PolicyParser.Parse(PolicyZoo.Policy(statement.Json), "default", "us-east-1", PolicyZoo.Arn));

        [Theory]
        [InlineData("Effect Deny then Allow", "DenyDup", "Ambiguous: Deny | Allow", "111100000001", "111100000001", null, "Effect")]
        [InlineData("Effect Allow then Deny", "AllowDup", "Ambiguous: Allow | Deny", "111100000002", "111100000002", null, "Effect")]
        [InlineData("Principal twice", "TwoPrincipals", "Allow", "Ambiguous: 111100000003 | 111100000013", null, null, "Principal")]
        [InlineData("AWS twice inside Principal", "TwoAws", "Allow", "Ambiguous: 111100000004, 111100000014", null, null, "Principal.AWS")]
        [InlineData("condition key twice", "VpcDup", "Allow", "111100000005", "111100000005",
            """Ambiguous: {"StringEquals":{"aws:SourceVpc":"vpc-1","aws:SourceVpc":"vpc-2"}}""", "Condition.StringEquals.aws:SourceVpc")]
        [InlineData("Effect and effect", "CaseDup", "Ambiguous: Allow | Deny", "111100000006", "111100000006", null, "effect")]
        [InlineData("Sid twice", "Ambiguous: SidOne | SidTwo", "Allow", "111100000007", "111100000007", null, "Sid")]
        [InlineData("Resource twice", "TwoResources", "Allow", "111100000008", "111100000008", null, "Resource")]
        public void A_repeated_member_reads_as_every_copy_and_never_as_one(
            string name, string statementId, string effect, string principal, string? accountId, string? condition, string repeated)
        {
            var permission = Read(PolicyZoo.Ambiguous[name]);

            Assert.True(permission.HasRepeatedMembers);
            Assert.Equal(new[] { repeated }, permission.RepeatedMemberPaths);
            Assert.Equal(statementId, permission.StatementId);
            Assert.Equal(effect, permission.Effect);
            Assert.Equal(principal, permission.Principal);
            Assert.Equal(accountId, permission.AccountId);
            Assert.Equal(condition, permission.Condition);
        }

        [Theory]
        [MemberData(nameof(AmbiguousNames))]
        public void A_statement_with_a_repeated_member_keeps_every_copy_in_its_text_and_is_never_split(string name)
        {
            var statement = PolicyZoo.Ambiguous[name];

            var permission = Read(statement);

            Assert.Equal(statement.Json, permission.StatementJson);
            Assert.Equal(1, permission.PrincipalCount);
            Assert.False(permission.IsShared);
            Assert.Null(permission.OrganizationId);
        }

        [Theory]
        [MemberData(nameof(UnnameableNames))]
        public void A_Sid_RemovePermission_cannot_take_is_shown_as_written(string name)
        {
            var statement = PolicyZoo.Unnameable[name];

            var permission = Read(statement);

            Assert.False(permission.HasRepeatedMembers);
            Assert.Equal(statement.Sid, permission.StatementId);
            Assert.Equal(statement.Account, permission.AccountId);
            Assert.Equal("Allow", permission.Effect);
            // Only a Sid written once as a JSON string may be sent as RemovePermission's StatementId.
            Assert.Equal(name != "numeric Sid" && name != "no Sid", permission.SidIsText);
        }

        [Fact]
        public void The_whole_zoo_reads_without_error_one_permission_a_statement()
        {
            var bus = PolicyZoo.Bus();

            Assert.Null(bus.PolicyParseError);
            Assert.Equal(PolicyZoo.All.Select(s => s.Json), bus.Permissions.Select(p => p.StatementJson));
        }

        [Theory]
        [InlineData("""{"Version":"2012-10-17","Statement":[],"Statement":[]}""", "Statement")]
        [InlineData("""{"Statement":[],"statement":[]}""", "statement")]
        [InlineData("""{"Version":"2012-10-17","Version":"2008-10-17","Statement":[]}""", "Version")]
        public void A_policy_that_names_a_top_level_member_twice_is_not_read(string policy, string member)
        {
            var error = Assert.Throws<FormatException>(() => PolicyParser.Parse(policy, "default", "us-east-1"));
            Assert.Contains("'" + member + "' twice", error.Message);

            var bus = PolicyZoo.Bus(policy);
            Assert.Empty(bus.Permissions);
            Assert.Equal(error.Message, bus.PolicyParseError);
        }
    }
}
