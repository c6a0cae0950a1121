using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace EventBusPermissions.Planning
{
    /// <summary>
    /// Grant -Exclusive: which statements stand between a bus and "exactly these accounts". Only statements of the
    /// kind the list speaks about are candidates: an Allow to exactly one account, with no condition. Organization
    /// grants, grants to everyone, Denies, and statements with conditions or several principals say something the
    /// list does not, so they stay.
    /// </summary>
    internal static class ExclusiveList
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

        /// <summary>
        /// The accounts outside the list that plain account grants listing several accounts (-Pack's statement, or
        /// one like it) name: they go out of those statements, which keep their other accounts.
        /// </summary>
        public static IReadOnlyList<string> OthersInSharedGrants(EventBus current, IEnumerable<string> wantedAccounts)
        {
            if (current == null) throw new ArgumentNullException(nameof(current));
            var wanted = new HashSet<string>(wantedAccounts, StringComparer.Ordinal);
            var others = new List<string>();
            if (current.Policy == null || current.Arn == null) return others;
            using (var document = PolicyParser.ParseDocument(current.Policy))
            {
                if (!PolicyJson.TryGetMember(document.RootElement, "Statement", out var statements)) return others;
                foreach (var statement in PolicyJson.Values(statements))
                {
                    var accounts = AccountStatements.PlainAccounts(statement, current.Arn);
                    if (accounts == null || accounts.Count < 2) continue;
                    others.AddRange(accounts.Where(a => !wanted.Contains(a) && !others.Contains(a)));
                }
            }
            return others;
        }

        /// <summary>True for a statement (JSON) that is a plain account grant listing several accounts.</summary>
        public static bool IsPlainShared(string statementJson, string busArn)
        {
            using (var document = JsonDocument.Parse(statementJson))
                return AccountStatements.PlainAccounts(document.RootElement, busArn)?.Count > 1;
        }
    }
}
