using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EventBusPermissions.Engine;
using Xunit;

namespace EventBusPermissions.Tests.Engine
{
    /// <summary>The concurrent engine, with work that stands in for requests: order, the limit, and one failure among many.</summary>
    public sealed class OrderedWorkTests
    {
        [Fact]
        public void Results_come_in_item_order_whatever_order_the_work_finishes_in()
        {
            var items = Enumerable.Range(0, 20).ToList();
            var results = OrderedWork.Run(items, 8,
                async (i, ct) => { await Task.Delay((20 - i) * 3, ct); return i * 10; },
                (i, e) => -1, CancellationToken.None).ToList();

            Assert.Equal(items.Select(i => i * 10), results);
        }

        [Theory]
        [InlineData(1)]
        [InlineData(3)]
        [InlineData(8)]
        public void No_more_than_the_limit_are_in_flight_and_the_limit_is_used(int limit)
        {
            var inFlight = 0;
            var most = 0;
            var results = OrderedWork.Run(Enumerable.Range(0, 24).ToList(), limit, async (i, ct) =>
            {
                var now = Interlocked.Increment(ref inFlight);
                lock (this) most = Math.Max(most, now);
                await Task.Delay(15, ct);
                Interlocked.Decrement(ref inFlight);
                return i;
            }, (i, e) => -1, CancellationToken.None).ToList();

            Assert.Equal(24, results.Count);
            Assert.True(most <= limit, $"{most} in flight, limit {limit}");
            Assert.Equal(limit, most);
        }

        [Fact]
        public void With_a_limit_of_one_the_work_runs_one_after_another_in_order()
        {
            var started = new System.Collections.Concurrent.ConcurrentQueue<int>();
            OrderedWork.Run(Enumerable.Range(0, 10).ToList(), 1, async (i, ct) => { started.Enqueue(i); await Task.Yield(); return i; },
                (i, e) => -1, CancellationToken.None).ToList();

            Assert.Equal(Enumerable.Range(0, 10), started);
        }

        [Fact]
        public void A_failure_is_that_item_s_result_and_the_others_go_on()
        {
            var results = OrderedWork.Run(Enumerable.Range(0, 5).ToList(), 4,
                (i, ct) => i == 2 ? throw new InvalidOperationException("boom") : Task.FromResult(i.ToString()),
                (i, e) => "failed: " + e.Message, CancellationToken.None).ToList();

            Assert.Equal(new[] { "0", "1", "failed: boom", "3", "4" }, results);
        }

        [Fact]
        public void Cancelling_stops_the_run()
        {
            using (var cancel = new CancellationTokenSource())
            {
                var run = OrderedWork.Run(Enumerable.Range(0, 50).ToList(), 2, async (i, ct) => { await Task.Delay(50, ct); return i; },
                    (i, e) => -1, cancel.Token);
                cancel.CancelAfter(60);
                Assert.ThrowsAny<OperationCanceledException>(() => run.ToList());
            }
        }
    }
}
