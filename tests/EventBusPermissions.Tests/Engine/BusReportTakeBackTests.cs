using System;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using EventBusPermissions.Aws;
using EventBusPermissions.Engine;
using Xunit;

namespace EventBusPermissions.Tests.Engine
{
    /// <summary>Every reported change carries its take-back, and a stop undoes exactly the changes nobody heard of.</summary>
    public sealed class BusReportTakeBackTests
    {
        private static EventBusPermission Permission(string account, PermissionStatus status)
            => new EventBusPermission("Account-" + account, "default", "us-east-1", account, account, null, "events:PutEvents", "Allow", null, null, "{}") { Status = status };

        [Theory]
        [InlineData(PermissionStatus.Granted)]
        [InlineData(PermissionStatus.Replaced)]
        [InlineData(PermissionStatus.Revoked)]
        public void A_change_cannot_be_reported_without_its_take_back(PermissionStatus status)
        {
            var report = new BusReport();
            Assert.Throws<InvalidOperationException>(() => report.Object(Permission("111122223333", status)));
        }

        [Theory]
        [InlineData(PermissionStatus.AlreadyGranted)]
        [InlineData(PermissionStatus.NotGranted)]
        public void A_status_that_changed_nothing_is_an_ordinary_object(PermissionStatus status)
        {
            var report = new BusReport();
            report.Object(Permission("111122223333", status));
            Assert.Equal(1, report.Pending);
        }

        [Fact]
        public async Task A_stop_takes_back_the_changes_not_written_and_those_held_but_none_written()
        {
            var api = new FakeEventBridgeApi();
            api.AddBus("default");
            foreach (var account in new[] { "111122223333", "222233334444", "333344445555" })
                await api.PutPermissionAsync(new PutPermissionInput { EventBusName = "default", Principal = account, StatementId = "Account-" + account, Action = "events:PutEvents" }, CancellationToken.None);
            var report = new BusReport();
            var session = new BusSession(api, "default", report, CancellationToken.None);
            report.Change(Permission("111122223333", PermissionStatus.Granted), TakeBack.RemoveAddedStatement(session, "Account-111122223333"));
            report.WriteTo(new Sink());
            report.Change(Permission("222233334444", PermissionStatus.Granted), TakeBack.RemoveAddedStatement(session, "Account-222233334444"));
            report.Hold(new[] { TakeBack.RemoveAddedStatement(session, "Account-333344445555") });

            report.TakeBackUnwritten();

            Assert.Equal(new[] { "Account-111122223333" }, api.Sids("default"));
        }

        [Fact]
        public async Task Released_take_backs_are_not_run()
        {
            var api = new FakeEventBridgeApi();
            api.AddBus("default");
            await api.PutPermissionAsync(new PutPermissionInput { EventBusName = "default", Principal = "111122223333", StatementId = "Account-111122223333", Action = "events:PutEvents" }, CancellationToken.None);
            var report = new BusReport();
            var session = new BusSession(api, "default", report, CancellationToken.None);
            report.Hold(new[] { TakeBack.RemoveAddedStatement(session, "Account-111122223333") });
            report.ReleaseHeld();

            report.TakeBackUnwritten();

            Assert.Equal(new[] { "Account-111122223333" }, api.Sids("default"));
        }

        private sealed class Sink : IReportSink
        {
            public void WriteObject(object value) { }
            public void WriteError(ErrorRecord error) { }
            public void WriteWarning(string message) { }
            public void WriteVerbose(string message) { }
            public void WriteProgress(ProgressRecord progress) { }
        }
    }
}
