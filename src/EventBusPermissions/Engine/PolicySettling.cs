using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace EventBusPermissions.Engine
{
    /// <summary>
    /// EventBridge has no conditional write: a whole-policy write another writer planned from a read made before this
    /// command's write landed replaces it, even after this command read it back once. When the read-back shows that
    /// others are writing to the bus, the writers read again after a short pause until the policy stands still, so
    /// such a write is seen and repaired rather than reported as done. When nobody else wrote, nothing is added.
    /// </summary>
    internal static class PolicySettling
    {
        /// <summary>Further reads of a busy bus after a clean read-back, each after a pause.</summary>
        public const int MaxSettleReads = 3;

        private static readonly Random Jitter = new Random();

        /// <summary>Longer than the read-to-write window of another writer's whole-policy write (one request), with jitter so that writers do not read in step.</summary>
        public static Task PauseAsync(CancellationToken cancellationToken)
        {
            int ms;
            lock (Jitter) ms = 150 + Jitter.Next(100);
            return Task.Delay(ms, cancellationToken);
        }

        /// <summary>True when the bus holds exactly the statements of <paramref name="policy"/> (key order and spacing aside).</summary>
        public static bool SameStatements(EventBus bus, string policy)
        {
            var written = Statements(policy);
            var held = Statements(bus.Policy);
            if (written == null || held == null || written.Count != held.Count) return false;
            var unmatched = held.ToList();
            foreach (var statement in written)
            {
                var match = unmatched.FindIndex(h => JsonNode.DeepEquals(h, statement));
                if (match < 0) return false;
                unmatched.RemoveAt(match);
            }
            return true;
        }

        private static System.Collections.Generic.List<JsonNode?>? Statements(string? policy)
        {
            if (string.IsNullOrEmpty(policy)) return new System.Collections.Generic.List<JsonNode?>();
            try
            {
                var statements = JsonNode.Parse(policy!)?["Statement"];
                return statements is JsonArray array ? array.ToList() : statements == null ? new System.Collections.Generic.List<JsonNode?>() : new System.Collections.Generic.List<JsonNode?> { statements };
            }
            catch (System.Text.Json.JsonException)
            {
                return null;
            }
        }
    }
}
