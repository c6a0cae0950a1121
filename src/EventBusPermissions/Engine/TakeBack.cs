using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EventBusPermissions.Aws;

namespace EventBusPermissions.Engine
{
    /// <summary>
    /// The inverse of one change a command made on a bus, carried as data by the object that reports the change (see
    /// <see cref="BusReport"/>). When that object can never be written (Ctrl+C, -ErrorAction Stop, a failure while
    /// writing), the change is undone, so that every bus holds exactly what was reported. A statement this command added
    /// goes with RemovePermission; every other inverse is an edit of the whole policy, planned against the policy as it
    /// stands then, and the edits of one bus are made in one write.
    /// </summary>
    internal sealed class TakeBack
    {
        private TakeBack(BusSession session, string? addedStatementId, Func<string?, string?>? edit, string description)
        {
            Session = session;
            AddedStatementId = addedStatementId;
            Edit = edit;
            Description = description;
        }

        public BusSession Session { get; }

        /// <summary>A statement this command added, removed again with RemovePermission; null for a policy edit.</summary>
        public string? AddedStatementId { get; }

        /// <summary>The edit of the policy as it then stands (its text, null for none): the new text, or the same text when nothing is left to undo.</summary>
        public Func<string?, string?>? Edit { get; }

        /// <summary>What is undone, in words (for tests and debugging).</summary>
        public string Description { get; }

        public static TakeBack RemoveAddedStatement(BusSession session, string statementId)
            => new TakeBack(session, statementId, null, $"remove statement '{statementId}'");

        public static TakeBack EditPolicy(BusSession session, Func<string?, string?> edit, string description)
            => new TakeBack(session, null, edit, description);

        /// <summary>
        /// Undoes every take-back given, bus by bus. Nothing more can be said once the command is stopping, so a
        /// take-back that fails is passed over: the others still run.
        /// </summary>
        public static void RunAll(IReadOnlyList<TakeBack> takeBacks)
        {
            foreach (var bus in takeBacks.GroupBy(t => t.Session))
            {
                try
                {
                    RunOnBusAsync(bus.Key, bus.ToList()).GetAwaiter().GetResult();
                }
                catch (Exception e) when (!(e is OutOfMemoryException))
                {
                }
            }
        }

        private static async Task RunOnBusAsync(BusSession session, IReadOnlyList<TakeBack> takeBacks)
        {
            var api = session.Api;
            foreach (var added in takeBacks.Where(t => t.AddedStatementId != null))
            {
                try
                {
                    await api.RemovePermissionAsync(new RemovePermissionInput { EventBusName = session.Bus, StatementId = added.AddedStatementId }, CancellationToken.None)
                        .ConfigureAwait(false);
                }
                catch (EventBridgeApiException)
                {
                    // Gone already, or the bus cannot be reached: nothing else to do for it.
                }
            }
            var edits = takeBacks.Where(t => t.Edit != null).ToList();
            if (edits.Count == 0) return;
            var read = await api.DescribeEventBusAsync(session.Bus, CancellationToken.None).ConfigureAwait(false);
            var before = read.Policy;
            var policy = before;
            foreach (var edit in edits) policy = edit.Edit!(policy);
            if (policy == null || string.Equals(policy, before, StringComparison.Ordinal)) return;
            await api.PutPermissionAsync(new PutPermissionInput { EventBusName = session.Bus, Policy = policy }, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
