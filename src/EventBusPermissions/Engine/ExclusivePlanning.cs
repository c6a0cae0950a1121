using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using EventBusPermissions.Planning;
using EventBusPermissions.Validation;

namespace EventBusPermissions.Engine
{
    /// <summary>
    /// The questions of <c>Grant -Exclusive</c> on one bus, asked on the pipeline thread through <see cref="IApprovals"/>
    /// from the policy as read: what it would revoke, each confirmed, then all of it as High impact.
    /// </summary>
    internal sealed class ExclusivePlanning
    {
        private readonly IApprovals _approvals;

        public ExclusivePlanning(IApprovals approvals) => _approvals = approvals;

        /// <summary>
        /// -Exclusive, asked here from the policy as read: every single-account Allow (no condition) whose account is not
        /// in the list, and every such account in a plain shared statement, is confirmed (ShouldProcess each, then High
        /// impact for all); <see cref="ExclusiveRevocation"/> revokes them after the grants. Organization grants, grants
        /// to everyone, Denies and statements with conditions stay. Nothing is revoked when part of the list was refused.
        /// </summary>
        /// <param name="listIncomplete">True when part of the list for this bus was refused: then nothing is revoked, and the error says why.</param>
        /// <param name="approvedAll">False when any revoke was declined, could not be asked, or -WhatIf: then nothing of the list is written.</param>
        public ExclusiveRevocation? Plan(BusSession session, bool listIncomplete, EventBus current, List<PendingGrant> grants, out bool approvedAll)
        {
            var bus = session.Bus;
            approvedAll = true;
            if (listIncomplete)
            {
                session.Report.Error(ListIncomplete(bus, session.Region));
                return null;
            }
            var wanted = grants.Where(g => g.Request.OrganizationId == null).Select(g => g.Request.Principal).ToList();
            var others = ExclusiveList.OthersToRevoke(current, wanted);
            var sharedOthers = ExclusiveList.OthersInSharedGrants(current, wanted);
            var asked = others.Select(p => p.AccountId).Where(a => a != null).Select(a => a!).Concat(sharedOthers).ToList();
            if (asked.Count == 0)
                session.Report.Verbose($"Event bus '{bus}' in {session.Region} allows no account outside the list: nothing to revoke.");

            var approved = others.Where(p => _approvals.ShouldProcess(
                $"statement '{p.StatementId}' ({PermissionText.Describe(p)}) on event bus '{bus}' in {session.Region}",
                "Revoke: the account is not in the -Exclusive list")).ToList();
            var approvedShared = sharedOthers.Where(a => _approvals.ShouldProcess(
                $"account {a} in a statement shared with other accounts on event bus '{bus}' in {session.Region}",
                "Revoke out of that statement: the account is not in the -Exclusive list")).ToList();
            var accounts = approved.Select(p => p.AccountId).Concat(approvedShared).ToList();
            approvedAll = approved.Count == others.Count && approvedShared.Count == sharedOthers.Count;
            if (!approvedAll) return null;
            if (accounts.Count > 0 && !_approvals.ConfirmHighImpact(
                    $"{accounts.Count} account grant(s) not in the list will be revoked from event bus '{bus}' in {session.Region}: " +
                    $"{string.Join(", ", accounts)}. Continue?",
                    "Revoke the accounts not in the list",
                    $"Revoking the {accounts.Count} account grant(s) not in the -Exclusive list from event bus '{bus}'", bus))
            {
                approvedAll = false;
                return null;
            }
            return new ExclusiveRevocation(wanted, approved, approvedShared, asked);
        }

        /// <summary>Part of the list was refused: it is not the list meant, so nobody is revoked on the bus.</summary>
        public static ErrorRecord ListIncomplete(string bus, string region)
            => new ErrorRecord(new InvalidOperationException(
                    $"Part of the -Exclusive list for event bus '{bus}' in {region} was refused (see the errors above), so the list is not the one meant " +
                    "and no other account was revoked. Correct the list and run the command again."),
                ErrorIds.ExclusiveListIncomplete, ErrorCategory.InvalidData, bus);
    }
}
