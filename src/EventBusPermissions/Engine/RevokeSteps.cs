using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using EventBusPermissions.Commands;
using EventBusPermissions.Planning;

namespace EventBusPermissions.Engine
{
    /// <summary>
    /// The two ways <see cref="RevokePlanning"/> takes something off a bus, asked for on the pipeline thread and queued as
    /// steps that run off it: a statement removed whole (RemovePermission, or a whole-policy write for a Sid it cannot
    /// take), and accounts taken out of shared statements (one whole-policy write). Once approved, the bus is planned on
    /// as the step leaves it.
    /// </summary>
    internal sealed class RevokeSteps
    {
        private readonly IApprovals _approvals;

        public RevokeSteps(IApprovals approvals) => _approvals = approvals;

        /// <summary>Asks for one statement's removal; once approved, it is a step, and the bus is planned on as if it were gone.</summary>
        public void RemoveOne(BusRevokes b, EventBusPermission permission, object? errorTarget)
        {
            var session = b.Session!;
            var target = $"statement '{permission.StatementId}' ({PermissionText.Describe(permission)}) on event bus '{b.Bus}' in {session.Region}";
            var isAllow = RevokePlanner.IsAllow(permission);
            if (!_approvals.ShouldProcess(target, isAllow ? "Revoke" : "Remove a statement that is not an Allow; what it denies is allowed again")) return;
            b.Steps.Add(async () =>
            {
                if (!isAllow) session.Report.Warning($"Removing {target}: what it denied is allowed again.");
                await session.RevokeStatementAsync(permission, errorTarget).ConfigureAwait(false);
            });
            b.Current = EventBusStates.WithoutStatement(b.Current!, permission.StatementId);
        }

        /// <param name="onlyStatementId">Take the accounts out of this statement only (a piped permission's own); all when null.</param>
        public void RevokeFromShared(BusRevokes b, IReadOnlyList<string> accounts, object? target, string? onlyStatementId = null)
        {
            var session = b.Session!;
            var bus = b.Bus;
            bool Wanted(SharedStatementEdit e) => onlyStatementId == null || e.StatementId == onlyStatementId;
            var approved = new HashSet<string>(StringComparer.Ordinal);
            foreach (var edit in AccountRemoval.SharedEdits(b.Current!.Policy, accounts).Where(Wanted))
            {
                var name = edit.StatementId ?? edit.Before;
                var action = edit.After == null
                    ? $"Revoke account(s) {string.Join(", ", edit.Accounts)}: no other principal is left in it, so the statement goes"
                    : $"Revoke account(s) {string.Join(", ", edit.Accounts)} out of it; it keeps its other principals, action and condition: {edit.After}";
                if (_approvals.ShouldProcess($"statement '{name}' on event bus '{bus}' in {session.Region}", action)) approved.Add(name);
            }
            if (approved.Count == 0) return;
            bool Approved(SharedStatementEdit e) => approved.Contains(e.StatementId ?? e.Before);

            b.Steps.Add(async () =>
            {
                // Read right before the write: the removals before it changed the policy.
                const string what = "revoke out of shared statements";
                var fresh = await session.ReadForChangeAsync("revoke", new[] { target }).ConfigureAwait(false);
                if (fresh == null) return;
                var edits = AccountRemoval.SharedEdits(fresh.Policy, accounts).Where(e => Wanted(e) && Approved(e)).ToList();
                var takeBacks = edits.SelectMany(e => e.Accounts.Select(a => TakeBacks.OfAccountTakenOut(session, fresh.Arn!, e.StatementId, a, e.Before, e.Accounts))).ToList();
                var latest = await session.WriteWholePolicyAsync(fresh, read => AccountRemoval.Change(read, accounts, Approved), what, target, takeBacks).ConfigureAwait(false);
                if (latest == null) return;
                session.Report.ReleaseHeld();
                foreach (var edit in edits)
                {
                    foreach (var account in edit.Accounts)
                    {
                        session.Report.Verbose($"Revoked account {account} out of statement '{edit.StatementId}' on event bus '{bus}' in {session.Region}.");
                        session.Report.Change(PermissionObjects.FromStatementJson(edit.Before, bus, session.Region, fresh.Arn, PermissionStatus.Revoked, account),
                            TakeBacks.OfAccountTakenOut(session, fresh.Arn!, edit.StatementId, account, edit.Before, edit.Accounts));
                    }
                }
            });
            var change = AccountRemoval.Change(b.Current, accounts, Approved);
            if (change != null) b.Current = EventBusStates.WithPolicy(b.Current, change.Policy);
        }
    }
}
