using System;
using System.Collections.Generic;
using System.Text.Json;
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

        /// <summary>
        /// True when the bus holds exactly the statements of <paramref name="policy"/> (key order and spacing aside; a
        /// repeated member counts, see <see cref="StatementText"/>). Never throws: it runs after a write.
        /// </summary>
        public static bool SameStatements(EventBus bus, string policy)
        {
            var written = Statements(policy);
            var held = Statements(bus.Policy);
            if (written == null || held == null || written.Count != held.Count) return false;
            foreach (var statement in written)
            {
                if (!held.Remove(statement)) return false;
            }
            return true;
        }

        /// <summary>The canonical text of each statement; null when the text is not a JSON policy.</summary>
        private static List<string>? Statements(string? policy)
        {
            var statements = new List<string>();
            if (string.IsNullOrEmpty(policy)) return statements;
            try
            {
                using (var document = JsonDocument.Parse(policy!))
                {
                    if (document.RootElement.ValueKind != JsonValueKind.Object) return null;
                    if (!PolicyJson.TryGetMember(document.RootElement, "Statement", out var all)) return statements;
                    foreach (var statement in PolicyJson.Values(all)) statements.Add(StatementText.Canonical(statement));
                    return statements;
                }
            }
            catch (Exception e) when (e is JsonException || e is ArgumentException)
            {
                return null;
            }
        }
    }
}
