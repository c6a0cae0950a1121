using System;
using System.Collections.Generic;
using System.Linq;

namespace EventBusPermissions.Planning
{
    /// <summary>
    /// Grant -Exclusive: which statements stand between a bus and "exactly these accounts". Only statements of the
    /// kind the list speaks about are candidates: an Allow to exactly one account, with no condition. Organization
    /// grants, grants to everyone, Denies, and statements with conditions or several principals say something the
    /// list does not, so they stay.
    /// </summary>
    public static class ExclusiveList
    {
        /// <param name="wantedAccounts">Normalized 12-digit account ids (see <see cref="AccountIds.TryNormalize"/>).</param>
        public static IReadOnlyList<EventBusPermission> OthersToRevoke(EventBus current, IEnumerable<string> wantedAccounts)
        {
            if (current == null) throw new ArgumentNullException(nameof(current));
            if (wantedAccounts == null) throw new ArgumentNullException(nameof(wantedAccounts));
            var wanted = new HashSet<string>(wantedAccounts, StringComparer.Ordinal);
            // PrincipalCount == 1: a permission of a shared statement (several AWS principals in one statement) is not a
            // grant to its account alone; revoking it by its Sid would take away the other principals too, those of the
            // list included. Shared statements stay for now; -Exclusive will handle them on their own.
            return current.Permissions
                .Where(p => RevokePlanner.IsAllow(p) && p.PrincipalCount == 1 && p.AccountId != null && p.Condition == null && !wanted.Contains(p.AccountId))
                .ToList();
        }
    }
}
