using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using EventBusPermissions.Aws;
using EventBusPermissions.Engine;
using EventBusPermissions.Planning;
using Xunit;

namespace EventBusPermissions.Tests.Engine
{
    /// <summary>
    /// The engine Grant and Revoke drive, with the grant work of the module on a fake EventBridge: order, the limit,
    /// the calling thread, one bus's failure among many, Ctrl+C and a terminating error.
    /// </summary>
    public sealed class BusPipelineTests
    {
        private const string Grantee = "111122223333";

        private static List<string> Buses(FakeEventBridgeApi api, int count)
        {
            var names = Enumerable.Range(1, count).Select(i => $"bus-{i:00}").ToList();
            foreach (var name in names) api.AddBus(name);
            return names;
        }

        /// <summary>One account granted on each bus, as Grant-CWEventBusPermission plans and works it (every write approved).</summary>
        private static void Grant(FakeEventBridgeApi api, IReadOnlyList<string> buses, int limit, RecordingSink sink, CancellationToken stop,
            Action<string>? onPlan = null)
        {
            using (var pacer = new RequestPacer(limit))
            {
                var paced = new PacedEventBridgeApi(api, pacer);
                var sessions = new Dictionary<string, BusSession>();
                BusPipeline.Run(buses, limit,
                    (bus, report) =>
                    {
                        sessions[bus] = new BusSession(paced, bus, report, stop);
                        return sessions[bus].ReadForChangeAsync("grant", new object?[] { bus });
                    },
                    (bus, current, report) =>
                    {
                        sink.Threads.Add(Environment.CurrentManagedThreadId);
                        onPlan?.Invoke(bus);
                        if (current == null) return null;
                        var request = GrantRequest.ForAccount(Grantee, Actions.PutEvents);
                        var plan = GrantPlanner.Plan(current, current.Arn!, new[] { request }, force: false);
                        return new GrantWork(sessions[bus], current, new[] { new GrantTarget(request, bus) }, plan,
                            plan.Decisions.Select(d => d.Writes).ToList(), null).RunAsync;
                    },
                    sink, (bus, e) => CommandErrors.Unexpected(e, $"Cannot finish on {bus}", bus), null, stop);
            }
        }

        [Fact]
        public void Reports_come_bus_by_bus_in_input_order_while_the_buses_are_worked_on_at_once()
        {
            var api = new FakeEventBridgeApi(delayMs: 15);
            var buses = Buses(api, 24);
            // The later a bus, the faster its answers: finishing order is the reverse of input order.
            var sink = new RecordingSink();

            Grant(api, buses, 8, sink, CancellationToken.None);

            Assert.Empty(sink.Errors);
            Assert.Equal(buses, sink.Objects.Cast<EventBusPermission>().Select(p => p.EventBusName));
            Assert.All(sink.Objects.Cast<EventBusPermission>(), p => Assert.Equal(PermissionStatus.Granted, p.Status));
            Assert.All(buses, b => Assert.Single(api.Sids(b)));
            Assert.True(api.MostInFlight > 1, "the buses were worked on one at a time");
            Assert.True(api.MostInFlight <= 8, $"{api.MostInFlight} requests in flight, limit 8");
        }

        [Fact]
        public void Planning_and_every_write_to_the_sink_happen_on_the_calling_thread()
        {
            var api = new FakeEventBridgeApi(delayMs: 5);
            var sink = new RecordingSink();

            Grant(api, Buses(api, 12), 4, sink, CancellationToken.None);

            Assert.NotEmpty(sink.Threads);
            Assert.All(sink.Threads, t => Assert.Equal(Environment.CurrentManagedThreadId, t));
        }

        [Fact]
        public void With_a_limit_of_one_each_bus_is_read_written_and_read_back_before_the_next_is_read()
        {
            var api = new FakeEventBridgeApi();
            var buses = Buses(api, 5);
            var sink = new RecordingSink();

            Grant(api, buses, 1, sink, CancellationToken.None);

            var expected = buses.SelectMany(b => new[] { "DescribeEventBus " + b, "PutPermission " + b, "DescribeEventBus " + b });
            Assert.Equal(expected, api.Started);
            Assert.Equal(1, api.MostInFlight);
        }

        [Fact]
        public void One_bus_that_refuses_is_an_error_in_its_place_and_the_others_are_granted()
        {
            var api = new FakeEventBridgeApi(delayMs: 5)
            {
                Fail = request => request == "PutPermission bus-03"
                    ? new EventBridgeApiException("User is not authorized", "AccessDeniedException", 400, "req-1", false)
                    : null,
            };
            var buses = Buses(api, 6);
            var sink = new RecordingSink();

            Grant(api, buses, 4, sink, CancellationToken.None);

            var error = Assert.Single(sink.Errors);
            Assert.Equal("AccessDeniedException", error.FullyQualifiedErrorId);
            Assert.Equal("bus-03", error.TargetObject);
            Assert.Equal(2, sink.Events.IndexOf("error bus-03")); // after bus-01 and bus-02, before bus-04
            Assert.Equal(buses.Where(b => b != "bus-03"), sink.Objects.Cast<EventBusPermission>().Select(p => p.EventBusName));
            Assert.Empty(api.Sids("bus-03"));
        }

        [Fact]
        public void Ctrl_C_takes_back_every_grant_written_but_not_reported_and_starts_no_more()
        {
            var api = new FakeEventBridgeApi(delayMs: 10);
            var buses = Buses(api, 16);
            using (var stop = new CancellationTokenSource())
            {
                // The user presses Ctrl+C as the third bus is about to be reported.
                var sink = new RecordingSink { StopAtObject = 3, OnStop = stop.Cancel };

                Assert.Throws<PipelineStoppedException>(() => Grant(api, buses, 4, sink, stop.Token));

                var reported = sink.Objects.Cast<EventBusPermission>().Select(p => p.EventBusName).ToList();
                Assert.Equal(new[] { "bus-01", "bus-02" }, reported);
                var stillGranted = buses.Where(b => api.Sids(b).Count > 0).ToList();
                Assert.Equal(reported, stillGranted);
                // Nothing went on after the command returned.
                var sent = api.Log.Count;
                Thread.Sleep(100);
                Assert.Equal(sent, api.Log.Count);
                Assert.True(api.Started.Count(r => r.StartsWith("PutPermission", StringComparison.Ordinal)) < buses.Count, "writes went on after Ctrl+C");
            }
        }

        [Fact]
        public void An_error_the_caller_turns_into_a_stop_ends_the_writing_and_takes_back_what_was_not_reported()
        {
            // -ErrorAction Stop: PowerShell throws from WriteError. Buses worked on meanwhile are not reported, so their
            // new grants are taken back, as after Ctrl+C.
            var api = new FakeEventBridgeApi(delayMs: 5)
            {
                Fail = request => request == "PutPermission bus-02"
                    ? new EventBridgeApiException("User is not authorized", "AccessDeniedException", 400, "req-1", false)
                    : null,
            };
            var buses = Buses(api, 8);
            var sink = new RecordingSink { ThrowOnError = new ActionPreferenceStopException("stopped by -ErrorAction Stop") };

            Assert.Throws<ActionPreferenceStopException>(() => Grant(api, buses, 4, sink, CancellationToken.None));

            Assert.Equal(new[] { "bus-01" }, sink.Objects.Cast<EventBusPermission>().Select(p => p.EventBusName));
            Assert.Equal(new[] { "bus-01" }, buses.Where(b => api.Sids(b).Count > 0));
        }

        [Fact]
        public void A_terminating_error_reports_the_buses_done_before_it_and_changes_no_later_bus()
        {
            var api = new FakeEventBridgeApi(delayMs: 5);
            var buses = Buses(api, 8);
            var sink = new RecordingSink();

            var thrown = Assert.Throws<InvalidOperationException>(() =>
                Grant(api, buses, 3, sink, CancellationToken.None, onPlan: bus => { if (bus == "bus-04") throw new InvalidOperationException("no credentials"); }));

            Assert.Equal("no credentials", thrown.Message);
            Assert.Equal(new[] { "bus-01", "bus-02", "bus-03" }, sink.Objects.Cast<EventBusPermission>().Select(p => p.EventBusName));
            Assert.All(buses.Skip(3), b => Assert.Empty(api.Sids(b)));
        }

        [Fact]
        public void A_whole_policy_write_planned_before_the_grant_landed_is_seen_after_the_read_back_and_repaired()
        {
            var api = new FakeEventBridgeApi();
            var buses = Buses(api, 1);
            var foreign = new System.Text.Json.Nodes.JsonObject
            {
                ["Sid"] = "Foreign", ["Effect"] = "Allow", ["Principal"] = new System.Text.Json.Nodes.JsonObject { ["AWS"] = "arn:aws:iam::999999999999:root" },
                ["Action"] = "events:PutEvents", ["Resource"] = api.ArnOf("bus-01"),
            };
            var reads = 0;
            api.Meddle = (request, policies) =>
            {
                if (request != "DescribeEventBus bus-01") return;
                var statements = (System.Text.Json.Nodes.JsonArray)policies["bus-01"]["Statement"]!;
                reads++;
                if (reads == 2)
                    statements.Add(foreign.DeepClone()); // the first read-back: another writer is at work
                else if (reads == 3)
                {
                    // ... and its whole-policy write, planned from a read made before the grant landed, replaces the policy.
                    statements.Clear();
                    statements.Add(foreign.DeepClone());
                }
            };
            var sink = new RecordingSink();

            Grant(api, buses, 1, sink, CancellationToken.None);

            Assert.Contains("Foreign", api.Sids("bus-01"));
            Assert.Contains(api.Sids("bus-01"), sid => sid != "Foreign");
            Assert.Equal(2, api.Started.Count(r => r.StartsWith("PutPermission", StringComparison.Ordinal)));
            Assert.Contains(sink.Warnings, w => w.Contains("writing it again"));
        }

        [Fact]
        public void Without_another_writer_the_read_back_is_one_read()
        {
            var api = new FakeEventBridgeApi();
            var sink = new RecordingSink();

            Grant(api, Buses(api, 1), 1, sink, CancellationToken.None);

            Assert.Equal(new[] { "DescribeEventBus bus-01", "PutPermission bus-01", "DescribeEventBus bus-01" }, api.Started);
        }

        [Fact]
        public void Throttling_slows_the_run_down_and_fails_no_bus()
        {
            var throttled = 0;
            var api = new FakeEventBridgeApi(delayMs: 2)
            {
                // The first six requests to write are throttled, whichever buses they are for.
                Fail = request => request.StartsWith("PutPermission", StringComparison.Ordinal) && Interlocked.Increment(ref throttled) <= 6
                    ? FakeEventBridgeApi.Throttling()
                    : null,
            };
            var buses = Buses(api, 10);
            var sink = new RecordingSink();

            Grant(api, buses, 8, sink, CancellationToken.None);

            Assert.Empty(sink.Errors);
            Assert.Equal(buses, sink.Objects.Cast<EventBusPermission>().Select(p => p.EventBusName));
            Assert.All(buses, b => Assert.Single(api.Sids(b)));
        }

        /// <summary>Records what the engine writes, and can play the user pressing Ctrl+C.</summary>
        private sealed class RecordingSink : IReportSink
        {
            public List<object> Objects { get; } = new List<object>();
            public List<ErrorRecord> Errors { get; } = new List<ErrorRecord>();
            public List<string> Events { get; } = new List<string>();
            public List<int> Threads { get; } = new List<int>();
            public int StopAtObject { get; set; }
            public Action? OnStop { get; set; }

            public void WriteObject(object value)
            {
                Threads.Add(Environment.CurrentManagedThreadId);
                if (StopAtObject > 0 && Objects.Count + 1 == StopAtObject)
                {
                    OnStop?.Invoke();
                    throw new PipelineStoppedException();
                }
                Objects.Add(value);
                Events.Add("object " + ((EventBusPermission)value).EventBusName);
            }

            public Exception? ThrowOnError { get; set; }

            public void WriteError(ErrorRecord error)
            {
                Threads.Add(Environment.CurrentManagedThreadId);
                if (ThrowOnError != null) throw ThrowOnError;
                Errors.Add(error);
                Events.Add("error " + error.TargetObject);
            }

            public List<string> Warnings { get; } = new List<string>();

            public void WriteWarning(string message)
            {
                Threads.Add(Environment.CurrentManagedThreadId);
                Warnings.Add(message);
            }

            public void WriteVerbose(string message) => Threads.Add(Environment.CurrentManagedThreadId);

            public void WriteProgress(ProgressRecord progress) => Threads.Add(Environment.CurrentManagedThreadId);
        }
    }
}
