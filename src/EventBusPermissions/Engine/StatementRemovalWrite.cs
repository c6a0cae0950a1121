using System.Threading.Tasks;
using EventBusPermissions.Planning;

namespace EventBusPermissions.Engine
{
    /// <summary>
    /// Removes a statement that RemovePermission cannot name (see <see cref="StatementRemoval"/>) with a whole-policy
    /// write: planned from a read made right before it, read back and checked, every other statement kept as written.
    /// </summary>
    internal static class StatementRemovalWrite
    {
        /// <summary>True when the bus no longer holds the statement; false, with an error written, when it could not be removed.</summary>
        public static async Task<bool> RunAsync(BusSession session, EventBusPermission statement, object? target)
        {
            var what = "remove " + StatementRemoval.Name(statement);
            var read = await session.ReadForChangeAsync(what, new[] { target }).ConfigureAwait(false);
            if (read == null) return false;
            if (StatementRemoval.Change(read, statement) == null)
            {
                // Removed since the command read the bus: what the revoke asked for holds, as when RemovePermission finds it gone.
                session.Report.Verbose($"{Capitalized(StatementRemoval.Name(statement))} on event bus '{session.Bus}' was already gone.");
                return true;
            }

            var after = await session.WriteWholePolicyAsync(read, current => StatementRemoval.Change(current, statement), what, target,
                new[] { TakeBacks.OfRemovedStatement(session, statement.StatementId, statement.StatementJson) }).ConfigureAwait(false);
            // The caller reports the removal (with the same take-back) right after this returns.
            session.Report.ReleaseHeld();
            // Still there after the rounds of writing: WriteWholePolicyAsync said so.
            return after != null && StatementRemoval.Change(after, statement) == null;
        }

        private static string Capitalized(string text) => char.ToUpperInvariant(text[0]) + text.Substring(1);
    }
}
