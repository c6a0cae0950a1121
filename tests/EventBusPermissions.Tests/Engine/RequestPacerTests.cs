using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EventBusPermissions.Aws;
using EventBusPermissions.Engine;
using Xunit;

namespace EventBusPermissions.Tests.Engine
{
    /// <summary>The run-wide pacing of requests: the limit, one shared pause on throttling, and a bound on it.</summary>
    public sealed class RequestPacerTests
    {
        [Fact]
        public async Task No_more_requests_than_the_limit_are_in_flight()
        {
            var api = new FakeEventBridgeApi(delayMs: 10);
            api.AddBus("default");
            using (var pacer = new RequestPacer(3))
            {
                var paced = new PacedEventBridgeApi(api, pacer);
                await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => paced.DescribeEventBusAsync("default", CancellationToken.None)));
            }
            Assert.Equal(3, api.MostInFlight);
        }

        [Fact]
        public async Task A_throttled_request_makes_every_request_of_the_run_wait_and_then_goes_through()
        {
            var api = new FakeEventBridgeApi();
            api.AddBus("default");
            var first = 0;
            api.Fail = _ => Interlocked.Exchange(ref first, 1) == 0 ? FakeEventBridgeApi.Throttling() : null;
            using (var pacer = new RequestPacer(8, TimeSpan.FromMilliseconds(300)))
            {
                var paced = new PacedEventBridgeApi(api, pacer);
                await paced.DescribeEventBusAsync("default", CancellationToken.None); // throttled once, then answered

                api.AddBus("other");
                await paced.DescribeEventBusAsync("other", CancellationToken.None);
                Assert.Equal(1, pacer.ThrottledCount);
                Assert.True(pacer.Notices.TryDequeue(out var notice));
                Assert.Contains("was throttled", notice);
            }
            Assert.Equal(new[] { "DescribeEventBus default", "DescribeEventBus default", "DescribeEventBus other" }, api.Started);
        }

        [Fact]
        public async Task Requests_after_a_throttling_answer_start_only_once_the_pause_is_over()
        {
            var api = new FakeEventBridgeApi();
            api.AddBus("default");
            var once = 0;
            api.Fail = _ => Interlocked.Exchange(ref once, 1) == 0 ? FakeEventBridgeApi.Throttling() : null;
            using (var pacer = new RequestPacer(8, TimeSpan.FromMilliseconds(200)))
            {
                var paced = new PacedEventBridgeApi(api, pacer);
                var sinceFirst = Stopwatch.StartNew(); // started before the throttling answer, so never later than it
                var throttled = paced.DescribeEventBusAsync("default", CancellationToken.None);
                while (pacer.ThrottledCount == 0) await Task.Delay(1);
                // Another request, sent after the answer: it is answered only once the shared pause (at least 200 ms) is over.
                await paced.DescribeEventBusAsync("default", CancellationToken.None);
                Assert.True(sinceFirst.ElapsedMilliseconds >= 200, $"the next request was answered {sinceFirst.ElapsedMilliseconds} ms after the first was sent");
                await throttled;
            }
        }

        [Fact]
        public async Task A_request_throttled_every_time_fails_after_the_bounded_attempts_with_the_throttling_error()
        {
            var api = new FakeEventBridgeApi { Fail = _ => FakeEventBridgeApi.Throttling() };
            api.AddBus("default");
            using (var pacer = new RequestPacer(2, TimeSpan.FromMilliseconds(1)))
            {
                var paced = new PacedEventBridgeApi(api, pacer);
                var e = await Assert.ThrowsAsync<EventBridgeApiException>(() => paced.DescribeEventBusAsync("default", CancellationToken.None));
                Assert.True(e.IsThrottling);
                Assert.Equal(RequestPacer.MaxThrottledAttempts, api.Started.Count);
            }
        }

        [Fact]
        public async Task Ctrl_C_ends_the_wait_before_a_request_and_sends_nothing()
        {
            var api = new FakeEventBridgeApi();
            api.AddBus("default");
            var once = 0;
            api.Fail = _ => Interlocked.Exchange(ref once, 1) == 0 ? FakeEventBridgeApi.Throttling() : null;
            using (var pacer = new RequestPacer(1, TimeSpan.FromSeconds(30)))
            using (var stop = new CancellationTokenSource())
            {
                var paced = new PacedEventBridgeApi(api, pacer);
                var waiting = paced.DescribeEventBusAsync("default", stop.Token);
                while (pacer.ThrottledCount == 0) await Task.Delay(1);
                stop.Cancel();
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
                Assert.Single(api.Started);
            }
        }
    }
}
