using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using EventBusPermissions.Aws;

namespace EventBusPermissions.Tests.Engine
{
    /// <summary>
    /// An in-process stand-in for EventBridge, for the engine's fault and timing cases: buses with policies in memory,
    /// a delay per request, the most requests ever in flight, a log of what was sent and when, and failures on demand.
    /// Only the shapes the engine needs: single-account grants by Sid, removal by Sid, whole policies.
    /// </summary>
    internal sealed class FakeEventBridgeApi : IEventBridgeApi
    {
        public const string Account = "123456789012";
        private readonly object _lock = new object();
        private readonly Dictionary<string, JsonObject> _policies = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        private int _inFlight;

        public FakeEventBridgeApi(string region = "us-east-1", int delayMs = 0)
        {
            Region = region;
            DelayMs = delayMs;
        }

        public string Region { get; }
        public string? EndpointUrl => null;
        public string CredentialSource => "fake";
        public int DelayMs { get; set; }

        public int MostInFlight { get; private set; }

        /// <summary>Every request as "Operation bus", in the order they were answered.</summary>
        public ConcurrentQueue<string> Log { get; } = new ConcurrentQueue<string>();

        /// <summary>Requests started, as "Operation bus", in the order they started.</summary>
        public ConcurrentQueue<string> Started { get; } = new ConcurrentQueue<string>();

        /// <summary>
        /// Another writer: called with each request ("Operation bus") and the bus policies, under the lock, right before the
        /// request is answered; it may change the policies as a concurrent writer would.
        /// </summary>
        public Action<string, IDictionary<string, JsonObject>>? Meddle { get; set; }

        /// <summary>Decides, per request ("Operation bus"), an error to answer with instead; null lets it through.</summary>
        public Func<string, EventBridgeApiException?>? Fail { get; set; }

        public void AddBus(string name)
        {
            lock (_lock) _policies[name] = new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = new JsonArray() };
        }

        public string ArnOf(string bus) => $"arn:aws:events:{Region}:{Account}:event-bus/{bus}";

        /// <summary>The Sids on a bus now.</summary>
        public IReadOnlyList<string> Sids(string bus)
        {
            lock (_lock) return ((JsonArray)_policies[bus]["Statement"]!).Select(s => (string)s!["Sid"]!).ToList();
        }

        public Task<EventBusDescription> DescribeEventBusAsync(string? nameOrArn, CancellationToken cancellationToken)
            => Call("DescribeEventBus", nameOrArn ?? "default", cancellationToken, bus =>
            {
                var statements = (JsonArray)_policies[bus]["Statement"]!;
                return new EventBusDescription
                {
                    Name = bus,
                    Arn = ArnOf(bus),
                    Policy = statements.Count == 0 ? null : _policies[bus].ToJsonString(),
                };
            });

        public Task PutPermissionAsync(PutPermissionInput input, CancellationToken cancellationToken)
            => Call("PutPermission", input.EventBusName!, cancellationToken, bus =>
            {
                if (input.Policy != null)
                {
                    _policies[bus] = (JsonObject)JsonNode.Parse(input.Policy)!;
                    return true;
                }
                var statements = (JsonArray)_policies[bus]["Statement"]!;
                foreach (var existing in statements.Where(s => (string)s!["Sid"]! == input.StatementId).ToList()) statements.Remove(existing);
                statements.Add(new JsonObject
                {
                    ["Sid"] = input.StatementId,
                    ["Effect"] = "Allow",
                    ["Principal"] = new JsonObject { ["AWS"] = $"arn:aws:iam::{input.Principal}:root" },
                    ["Action"] = input.Action,
                    ["Resource"] = ArnOf(bus),
                });
                return true;
            });

        public Task RemovePermissionAsync(RemovePermissionInput input, CancellationToken cancellationToken)
            => Call("RemovePermission", input.EventBusName!, cancellationToken, bus =>
            {
                var statements = (JsonArray)_policies[bus]["Statement"]!;
                var found = statements.Where(s => (string)s!["Sid"]! == input.StatementId).ToList();
                if (found.Count == 0) throw new EventBridgeApiException("Statement with the provided id does not exist.", "ResourceNotFoundException", 400, null, false, isStatementNotFound: true);
                foreach (var statement in found) statements.Remove(statement);
                return true;
            });

        public Task<IReadOnlyList<string>> ListEventBusNamesAsync(string? namePrefix, CancellationToken cancellationToken)
            => Call<IReadOnlyList<string>>("ListEventBuses", namePrefix ?? "", cancellationToken,
                _ => _policies.Keys.Where(k => namePrefix == null || k.StartsWith(namePrefix, StringComparison.Ordinal)).OrderBy(k => k, StringComparer.Ordinal).ToList());

        private async Task<T> Call<T>(string operation, string bus, CancellationToken cancellationToken, Func<string, T> answer)
        {
            var request = operation + " " + bus;
            Started.Enqueue(request);
            var now = Interlocked.Increment(ref _inFlight);
            lock (_lock) MostInFlight = Math.Max(MostInFlight, now);
            try
            {
                if (DelayMs > 0) await Task.Delay(DelayMs, cancellationToken).ConfigureAwait(false);
                else await Task.Yield();
                var failure = Fail?.Invoke(request);
                if (failure != null) throw failure;
                lock (_lock)
                {
                    if (!_policies.ContainsKey(bus)) throw new EventBridgeApiException($"Event bus {bus} does not exist.", "ResourceNotFoundException", 400, null, false);
                    Meddle?.Invoke(request, _policies);
                    return answer(bus);
                }
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
                Log.Enqueue(request);
            }
        }

        public static EventBridgeApiException Throttling()
            => new EventBridgeApiException("Rate exceeded", "ThrottlingException", 400, null, isThrottling: true);
    }
}
