using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using EventBusPermissions.Commands;
using EventBusPermissions.Planning;
using EventBusPermissions.Validation;

namespace EventBusPermissions.Engine
{
    /// <summary>
    /// The revokes of <c>Grant -Exclusive</c> on one bus, asked for on the pipeline thread from the policy as read
    /// before the grants, and made after them. Only what the user approved is revoked, and only while it is still the
    /// statement that was shown: an account granted by someone else in the meantime was never asked about, so it is
    /// named in a warning, not revoked.
    /// </summary>
    internal sealed class ExclusiveRevocation
    {
        private readonly IReadOnlyList<string> _wanted;
        private readonly IReadOnlyList<EventBusPermission> _approved;
        private readonly IReadOnlyList<string> _approvedShared;
        private readonly HashSet<string> _asked;

        /// <param name="wanted">The accounts of the list.</param>
        /// <param name="asked">Every account the user was asked about (approved or not).</param>
        public ExclusiveRevocation(IReadOnlyList<string> wanted, IReadOnlyList<EventBusPermission> approved, IReadOnlyList<string> approvedShared, IEnumerable<string> asked)
        {
            _wanted = wanted;
            _approved = approved;
            _approvedShared = approvedShared;
            _asked = new HashSet<string>(asked, StringComparer.Ordinal);
        }

        public async Task RunAsync(BusSession session, EventBus latest)
        {
            var report = session.Report;
            var later = ExclusiveList.OthersToRevoke(latest, _wanted).Select(p => p.AccountId).Where(a => a != null).Select(a => a!)
                .Concat(ExclusiveList.OthersInSharedGrants(latest, _wanted)).Where(a => !_asked.Contains(a)).Distinct().ToList();
            if (later.Count > 0)
            {
                report.Warning($"Account(s) {string.Join(", ", later)} were granted on event bus '{session.Bus}' in {session.Region} after it was read, " +
                    "so nobody was asked about them and they were not revoked. Run the command again to make the bus allow exactly the list.");
            }

            foreach (var permission in _approved)
            {
                // By its text first: a statement without a Sid (removed with a whole-policy write) has nothing else to be found by.
                var now = latest.Permissions.FirstOrDefault(p => p.StatementJson == permission.StatementJson)
                    ?? (permission.StatementId == null ? null : latest.Permissions.FirstOrDefault(p => p.StatementId == permission.StatementId));
                if (now == null)
                {
                    report.Verbose($"Statement '{permission.StatementId}' on event bus '{session.Bus}' is gone already: nothing to revoke.");
                    continue;
                }
                if (!string.Equals(now.StatementJson, permission.StatementJson, StringComparison.Ordinal))
                {
                    report.Error(new ErrorRecord(new InvalidOperationException(
                        $"The statement '{permission.StatementId}' on event bus '{session.Bus}' in {session.Region} changed after the revoke was approved: it was " +
                        $"{permission.StatementJson}, it is now {now.StatementJson}. Nothing was revoked for it; run the command again."),
                        ErrorIds.StatementChanged, ErrorCategory.InvalidOperation, permission));
                    continue;
                }
                await session.RevokeStatementAsync(permission, permission).ConfigureAwait(false);
            }
            if (_approvedShared.Count == 0) return;

            // Read right before the whole-policy write: the removals above changed the policy.
            const string what = "revoke the accounts not in the list";
            var fresh = await session.ReadForChangeAsync(what, new object?[] { session.Bus }).ConfigureAwait(false);
            if (fresh == null || fresh.Arn == null) return;
            var busArn = fresh.Arn;
            var edits = AccountRemoval.SharedEdits(fresh.Policy, _approvedShared).Where(e => ExclusiveList.IsPlainShared(e.Before, busArn)).ToList();
            var takeBacks = edits.SelectMany(e => e.Accounts.Select(a => TakeBacks.OfAccountTakenOut(session, busArn, e.StatementId, a, e.Before, e.Accounts))).ToList();
            var after = await session.WriteWholePolicyAsync(fresh,
                read => AccountRemoval.Change(read, _approvedShared, e => ExclusiveList.IsPlainShared(e.Before, busArn)), what, session.Bus, takeBacks).ConfigureAwait(false);
            if (after == null) return;
            report.ReleaseHeld();
            var stillHeld = PackPlanner.HeldAccounts(after.Policy, busArn);
            foreach (var edit in AccountRemoval.SharedEdits(fresh.Policy, _approvedShared).Where(e => ExclusiveList.IsPlainShared(e.Before, busArn)))
                foreach (var account in edit.Accounts.Where(a => !stillHeld.Contains(a)))
                    report.Change(PermissionObjects.FromStatementJson(edit.Before, session.Bus, session.Region, busArn, PermissionStatus.Revoked, account),
                        TakeBacks.OfAccountTakenOut(session, busArn, edit.StatementId, account, edit.Before, edit.Accounts));
        }
    }
}
