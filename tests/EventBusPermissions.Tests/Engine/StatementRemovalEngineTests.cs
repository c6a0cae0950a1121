using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using EventBusPermissions.Engine;
using EventBusPermissions.Tests.Model;
using Xunit;

namespace EventBusPermissions.Tests.Engine
{
    /// <summary>
    /// BusSession.RevokeStatementAsync on the zoo: a statement RemovePermission cannot name is removed with a whole-policy
    /// write (never a RemovePermission, which AWS would refuse), every other statement stays byte for byte, and the
    /// statement is reported Revoked; a plain one still goes with RemovePermission.
    /// </summary>
    public sealed class StatementRemovalEngineTests
    {
        public static TheoryData<string> Names => PolicyZoo.UnnameableNames();

        private static async Task<(TextPolicyApi Api, Sink Sink, bool Removed)> RevokeAsync(string policy, ZooStatement statement)
        {
            var api = new TextPolicyApi(PolicyZoo.Arn, policy);
            var report = new BusReport();
            var session = new BusSession(api, "default", report, CancellationToken.None);
            var permission = PolicyZoo.Bus(policy).Permissions.Single(p => p.StatementJson == statement.Json);

            var removed = await session.RevokeStatementAsync(permission, "target");

            var sink = new Sink();
            report.WriteTo(sink);
            return (api, sink, removed);
        }

        private static string PolicyWithout(ZooStatement statement)
            => PolicyZoo.Policy(PolicyZoo.All.Where(s => s != statement).Select(s => s.Json).ToArray());

        [Theory]
        [MemberData(nameof(Names))]
        public async Task A_statement_RemovePermission_cannot_name_goes_with_one_whole_policy_write(string name)
        {
            var statement = PolicyZoo.Unnameable[name];

            var (api, sink, removed) = await RevokeAsync(PolicyZoo.Whole, statement);

            Assert.True(removed);
            Assert.Empty(sink.Errors);
            Assert.DoesNotContain(api.Log, r => r.StartsWith("RemovePermission"));
            Assert.Equal(1, api.Log.Count(r => r == "PutPermission Policy"));
            Assert.Equal(PolicyWithout(statement), api.Policy);
            var revoked = Assert.Single(sink.Objects.Cast<EventBusPermission>());
            Assert.Equal(PermissionStatus.Revoked, revoked.Status);
            Assert.Equal(statement.Json, revoked.StatementJson);
        }

        [Fact]
        public async Task A_plain_statement_still_goes_with_RemovePermission()
        {
            var (api, sink, removed) = await RevokeAsync(PolicyZoo.Whole, PolicyZoo.Plain);

            Assert.True(removed);
            Assert.Empty(sink.Errors);
            Assert.Equal(new[] { "RemovePermission " + PolicyZoo.Plain.Sid }, api.Log.Where(r => !r.StartsWith("Describe")));
            Assert.Equal(PolicyWithout(PolicyZoo.Plain), api.Policy);
        }

        [Fact]
        public async Task A_statement_gone_since_it_was_read_is_revoked_without_a_write()
        {
            var statement = PolicyZoo.Unnameable["Sid with a dot"];
            var api = new TextPolicyApi(PolicyZoo.Arn, PolicyWithout(statement));
            var report = new BusReport();
            var session = new BusSession(api, "default", report, CancellationToken.None);
            var asRead = PolicyZoo.Bus().Permissions.Single(p => p.StatementJson == statement.Json);

            Assert.True(await session.RevokeStatementAsync(asRead, "target"));

            Assert.All(api.Log, r => Assert.Equal("DescribeEventBus", r));
        }

        private sealed class Sink : IReportSink
        {
            public List<object> Objects { get; } = new List<object>();
            public List<ErrorRecord> Errors { get; } = new List<ErrorRecord>();
            public void WriteObject(object value) => Objects.Add(value);
            public void WriteError(ErrorRecord error) => Errors.Add(error);
            public void WriteWarning(string message) { }
            public void WriteVerbose(string message) { }
            public void WriteProgress(ProgressRecord progress) { }
        }
    }
}
