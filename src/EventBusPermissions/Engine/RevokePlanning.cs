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
    /// Revoke's planning on one bus, on the pipeline thread once the bus is read: each record (by statement id, from a
    /// piped permission, by account, -All) is planned against the bus as read and as the removals planned before it
    /// leave it; each removal is asked for (<see cref="IApprovals"/>) and, once approved, becomes a step of
    /// <see cref="RevokeSteps"/>. What the plan says about a record (NotGranted, an error, a warning) is kept in its
    /// place among the bus's output.
    /// </summary>
    internal sealed class RevokePlanning
    {
        private readonly IApprovals _approvals;
        private readonly RevokeSteps _steps;

        public RevokePlanning(IApprovals approvals)
        {
            _approvals = approvals;
            _steps = new RevokeSteps(approvals);
        }

        /// <summary>
        /// On the pipeline thread: plans each record against the bus as read (and as the removals planned before it
        /// leave it), asking for each removal; returns the approved steps, which run off this thread, in record order.
        /// </summary>
        public Func<Task>? PlanBus(BusRevokes bus, EventBus? current, BusReport report)
        {
            if (current == null) return null;
            bus.Current = current;
            foreach (var request in bus.Requests) request.Plan(this, bus);
            if (bus.Steps.Count == 0) return null;
            var steps = bus.Steps.ToList();
            return async () =>
            {
                foreach (var step in steps) await step().ConfigureAwait(false);
            };
        }

        /// <summary>
        /// By statement id, or a piped permission: each statement found is removed whole, unless it is a piped
        /// permission of a shared statement (then only its account comes out) or it changed since it was read.
        /// </summary>
        public void Revoke(BusRevokes b, string? expectedArn, string? statementAsRead, bool fromObject, EventBusPermission? piped, object? inputTarget,
            Func<EventBus, IReadOnlyList<RevokeDecision>> plan)
        {
            var session = b.Session!;
            var bus = b.Bus;
            if (!b.SameBus(expectedArn, inputTarget)) return;

            foreach (var decision in plan(b.Current!))
            {
                var errorTarget = inputTarget ?? decision.Target;
                if (decision.Kind == RevokeDecisionKind.NotFound)
                {
                    // Already gone: what the revoke asks for holds. A status, not an error, so re-runs and runbooks go on.
                    var notGranted = piped != null ? PermissionObjects.NotGranted(piped) : PermissionObjects.NotGranted(b.Current!, decision.Target, null);
                    b.NotGranted(notGranted, decision.Message);
                    continue;
                }
                if (decision.Kind != RevokeDecisionKind.Remove || decision.Permission == null)
                {
                    var category = CommandErrors.Category(decision.Kind);
                    b.Later(r => r.Error(new ErrorRecord(new InvalidOperationException(decision.Message), decision.ErrorId, category, errorTarget)));
                    continue;
                }
                var permission = decision.Permission;
                // A piped permission of a shared statement stands for one principal: only that account comes out of
                // the statement (RemovePermission by its Sid would take away every principal of it).
                if (fromObject && (piped?.IsShared == true || permission.IsShared))
                {
                    var account = piped?.AccountId;
                    if (account == null)
                    {
                        b.Later(r => r.Error(new ErrorRecord(new InvalidOperationException(
                            $"The piped permission{Of(piped)} is one of the {permission.PrincipalCount} principals of the shared statement '{permission.StatementId}' " +
                            $"on event bus '{bus}' in {session.Region}, and not a whole account that could be taken out of it alone. Nothing was revoked. " +
                            $"To remove the whole statement, name it: -StatementId {permission.StatementId}; to change whom it names, edit the policy (Grant-CWEventBusPermission -Policy)."),
                            ErrorIds.SharedStatement, ErrorCategory.InvalidOperation, errorTarget)));
                        continue;
                    }
                    // This command may have taken other accounts out of the statement already: what must still hold is
                    // that the statement allows this account, as it did when read.
                    var holders = b.Current!.Permissions.Where(p => p.StatementId == permission.StatementId).ToList();
                    if (!holders.Any(p => p.AccountId == account))
                    {
                        b.NotGranted(PermissionObjects.NotGranted(piped!),
                            $"The statement '{permission.StatementId}' on event bus '{bus}' in {session.Region} no longer names account {account}.");
                        continue;
                    }
                    if (!holders.Any(p => p.AccountId == account && RevokePlanner.IsAllow(p)))
                    {
                        b.Later(r => r.Error(new ErrorRecord(new InvalidOperationException(
                            $"The statement '{permission.StatementId}' on event bus '{bus}' in {session.Region} no longer allows account {account} as it did when read. Nothing was revoked."),
                            ErrorIds.StatementChanged, ErrorCategory.InvalidOperation, errorTarget)));
                        continue;
                    }
                    if (holders.Count == 1)
                        _steps.RemoveOne(b, permission, errorTarget); // the account is all that is left of it
                    else
                        _steps.RevokeFromShared(b, new[] { account }, errorTarget, permission.StatementId);
                    continue;
                }
                if (statementAsRead != null && !string.Equals(permission.StatementJson, statementAsRead, StringComparison.Ordinal))
                {
                    b.Later(r => r.Error(new ErrorRecord(new InvalidOperationException(
                        $"The statement '{permission.StatementId}' on event bus '{bus}' in {session.Region} has changed since it was read: it was {statementAsRead}, " +
                        $"it is now {permission.StatementJson}. Nothing was revoked; read the bus again and decide on what is there now."),
                        ErrorIds.StatementChanged, ErrorCategory.InvalidOperation, errorTarget)));
                    continue;
                }
                _steps.RemoveOne(b, permission, errorTarget);
            }
        }

        /// <summary>
        /// By account: each statement that names the account alone goes with RemovePermission; each Allow that names it
        /// among other principals is rewritten without it (one whole-policy write, read right before, read back).
        /// </summary>
        public void RevokeAccounts(BusRevokes b, string? expectedArn, object? inputTarget, IReadOnlyList<string> accounts)
        {
            if (!b.SameBus(expectedArn, inputTarget)) return;
            var shared = AccountRemoval.SharedEdits(b.Current!.Policy, accounts);

            foreach (var decision in RevokePlanner.ByAccounts(b.Current, accounts))
            {
                // An account found only among the principals of shared statements is revoked there, below.
                if (decision.Kind == RevokeDecisionKind.NotFound && shared.Any(e => e.Accounts.Contains(decision.Target))) continue;
                var errorTarget = inputTarget ?? decision.Target;
                if (decision.Kind == RevokeDecisionKind.NotFound)
                {
                    b.NotGranted(PermissionObjects.NotGranted(b.Current!, null, decision.Target), decision.Message);
                    continue;
                }
                if (decision.Kind != RevokeDecisionKind.Remove || decision.Permission == null)
                {
                    var category = CommandErrors.Category(decision.Kind);
                    b.Later(r => r.Error(new ErrorRecord(new InvalidOperationException(decision.Message), decision.ErrorId, category, errorTarget)));
                    continue;
                }
                _steps.RemoveOne(b, decision.Permission, errorTarget);
            }
            if (shared.Count > 0) _steps.RevokeFromShared(b, accounts, inputTarget ?? b.Bus);
        }

        private static string Of(EventBusPermission? piped)
            => piped?.Principal == null ? string.Empty : $" ({piped.Principal})";

        /// <summary>
        /// Every Allow statement, removed one by one by its id: never RemoveAllPermissions, which would also take the
        /// Deny statements (and any written meanwhile) and so widen access. Denies stay, and the user is told.
        /// </summary>
        public void RevokeAll(BusRevokes b, string? expectedArn, object? inputTarget)
        {
            var session = b.Session!;
            var bus = b.Bus;
            if (!b.SameBus(expectedArn, inputTarget ?? bus)) return;

            // Statements, not permissions: a shared statement (one permission per principal) is one RemovePermission.
            var allows = PermissionStatements.Distinct(b.Current!.Permissions.Where(RevokePlanner.IsAllow));
            var kept = PermissionStatements.Distinct(b.Current.Permissions.Where(p => !RevokePlanner.IsAllow(p)));
            if (kept.Count > 0)
            {
                b.Later(r => r.Warning($"-All keeps the {kept.Count} statement(s) of event bus '{bus}' in {session.Region} that are not an Allow " +
                    $"({string.Join(", ", kept.Select(p => p.StatementId ?? p.StatementJson))}): removing a Deny would allow again what it denies. " +
                    "Remove one with -StatementId and -Force if that is meant."));
            }
            if (allows.Count == 0)
            {
                b.Later(r => r.Verbose($"Event bus '{bus}' in {session.Region} has no Allow statement: nothing to revoke."));
                return;
            }

            var target = $"every Allow statement ({allows.Count}: {string.Join(", ", allows.Select(p => p.StatementId ?? "(no Sid)"))}) on event bus '{bus}' in {session.Region}";
            if (!_approvals.ShouldProcess(target, "Revoke all")) return;
            if (!_approvals.ConfirmHighImpact(
                    $"All {allows.Count} Allow statement(s) of event bus '{bus}' in {session.Region} will be removed. Continue?", "Revoke all permissions",
                    $"Revoking every permission on event bus '{bus}'", bus))
                return;

            b.Steps.Add(async () =>
            {
                foreach (var permission in allows) await session.RevokeStatementAsync(permission, bus).ConfigureAwait(false);
            });
            foreach (var permission in allows) b.Current = EventBusStates.WithoutStatement(b.Current!, permission.StatementId);
        }
    }
}
