using System;
using System.Collections.Generic;
using System.Linq;

namespace EventBusPermissions.Planning
{
    /// <summary>Decides, from the bus as read, which statements a revoke removes.</summary>
    internal static class RevokePlanner
    {
        /// <summary>
        /// One decision per distinct statement id, in the order given; a shared statement (several AWS principals, read
        /// as one permission each) is one decision, whose permission is the statement's first, and removes them all.
        /// Any Sid the bus holds may be named, also one RemovePermission's rule forbids ('my.sid'; such a statement is
        /// removed with a whole-policy write); an id the bus does not hold that breaks the rule is bad input
        /// (<see cref="RevokeDecisionKind.InvalidId"/>), any other a <see cref="RevokeDecisionKind.NotFound"/>.
        /// </summary>
        /// <param name="removeDeny">
        /// Whether a statement that is not an Allow, or is ambiguous, may be removed (the user named it by id and gave
        /// -Force); otherwise it is a <see cref="RevokeDecisionKind.NotAnAllow"/> or <see cref="RevokeDecisionKind.Ambiguous"/>
        /// decision, since removing a Deny widens access, and an ambiguous statement may be one.
        /// </param>
        /// <param name="statementIds">The ids; null stands for a piped statement without a Sid, found by <paramref name="statementAsRead"/>.</param>
        /// <param name="statementAsRead">The text of the statement as read, for a piped permission; null otherwise.</param>
        public static IReadOnlyList<RevokeDecision> ByStatementIds(EventBus current, IReadOnlyList<string?> statementIds, bool removeDeny = false, string? statementAsRead = null)
        {
            if (current == null) throw new ArgumentNullException(nameof(current));
            if (statementIds == null) throw new ArgumentNullException(nameof(statementIds));

            var decisions = new List<RevokeDecision>();
            foreach (var id in statementIds.Distinct(StringComparer.Ordinal))
            {
                if (id == null)
                {
                    if (statementAsRead == null) throw new ArgumentException("A statement id is null, and no statement as read was given.", nameof(statementIds));
                    decisions.Add(WithoutSid(current, statementAsRead, removeDeny));
                    continue;
                }

                // Sids are unique within a policy; should a hand-written one repeat, one RemovePermission is all there is to send.
                // The same goes for the permissions of one shared statement: its Sid names all of them.
                var permission = current.Permissions.FirstOrDefault(p => string.Equals(p.StatementId, id, StringComparison.Ordinal))
                    ?? current.Permissions.FirstOrDefault(p => AmbiguousStatements.HasSid(p, id));
                var problem = permission == null ? StatementIds.Check(id) : null;
                if (problem != null)
                {
                    decisions.Add(new RevokeDecision(RevokeDecisionKind.InvalidId, id, null,
                        problem + " The " + BusText.Of(current) + " holds no statement with this Sid either, so nothing was sent."));
                }
                else if (permission == null)
                {
                    decisions.Add(new RevokeDecision(RevokeDecisionKind.NotFound, id, null, NotFound(current, "no statement with the id '" + id + "'")));
                }
                else if (permission.HasRepeatedMembers && !removeDeny)
                {
                    decisions.Add(new RevokeDecision(RevokeDecisionKind.Ambiguous, id, permission, AmbiguousStatements.KeptById(permission, current)));
                }
                else if (!IsAllow(permission) && !removeDeny)
                {
                    decisions.Add(new RevokeDecision(RevokeDecisionKind.NotAnAllow, id, permission,
                        "The statement '" + id + "' of " + BusText.Of(current) + " is " + EffectOf(permission) + ": " + PermissionText.Describe(permission)
                        + ". Removing it would allow again what it denies, so it was kept. To remove it all the same, name it with -StatementId and add -Force."));
                }
                else
                {
                    decisions.Add(new RevokeDecision(RevokeDecisionKind.Remove, id, permission, null));
                }
            }

            return decisions;
        }

        /// <summary>A piped permission of a statement without a Sid: the same statement, found by its text, or NotFound.</summary>
        private static RevokeDecision WithoutSid(EventBus current, string statementAsRead, bool removeDeny)
        {
            var permission = current.Permissions.FirstOrDefault(p => p.StatementId == null && StatementText.Same(p.StatementJson, statementAsRead));
            if (permission == null)
                return new RevokeDecision(RevokeDecisionKind.NotFound, statementAsRead, null, NotFound(current, "no statement without a Sid that reads " + statementAsRead));
            if (permission.HasRepeatedMembers && !removeDeny)
                return new RevokeDecision(RevokeDecisionKind.Ambiguous, statementAsRead, permission, AmbiguousStatements.KeptById(permission, current));
            if (!IsAllow(permission) && !removeDeny)
                return new RevokeDecision(RevokeDecisionKind.NotAnAllow, statementAsRead, permission,
                    "A statement without a Sid of " + BusText.Of(current) + " is " + EffectOf(permission) + ": " + PermissionText.Describe(permission)
                    + ". Removing it would allow again what it denies, so it was kept.");
            return new RevokeDecision(RevokeDecisionKind.Remove, statementAsRead, permission, null);
        }

        /// <summary>
        /// For each distinct account, every statement that allows that one account (* means the statements that allow
        /// every account without a condition). Statements for several principals, an organization, or a Deny are
        /// left alone: removing a Deny would widen access, the opposite of a revoke. A shared statement that names the
        /// account among others is not removed either (that would take away the others too): the account is
        /// NotFound, and the message names the statement. A statement that repeats a member and names the account is
        /// left as it is, with an <see cref="RevokeDecisionKind.Ambiguous"/> decision naming it.
        /// </summary>
        /// <param name="accountIds">Account ids in any form <see cref="AccountIds.TryNormalize"/> reads.</param>
        /// <exception cref="ArgumentException">An account id is not valid; check inputs first to give users the message as an error.</exception>
        public static IReadOnlyList<RevokeDecision> ByAccounts(EventBus current, IReadOnlyList<string> accountIds)
        {
            if (current == null) throw new ArgumentNullException(nameof(current));
            if (accountIds == null) throw new ArgumentNullException(nameof(accountIds));

            var accounts = new List<string>();
            foreach (var input in accountIds)
            {
                if (!AccountIds.TryNormalize(input, out var account, out var error))
                {
                    throw new ArgumentException(error, nameof(accountIds));
                }

                if (!accounts.Contains(account))
                {
                    accounts.Add(account);
                }
            }

            var decisions = new List<RevokeDecision>();
            var removed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var account in accounts)
            {
                var matches = current.Permissions.Where(p => AllowsOnly(p, account)).ToList();
                var ambiguous = PermissionStatements.Distinct(current.Permissions.Where(p => AmbiguousStatements.Names(p, account)));
                foreach (var permission in ambiguous)
                {
                    decisions.Add(new RevokeDecision(RevokeDecisionKind.Ambiguous, account, permission, AmbiguousStatements.KeptForAccount(permission, current, account)));
                }

                if (matches.Count == 0 && ambiguous.Count > 0)
                {
                    continue;
                }

                if (matches.Count == 0)
                {
                    var what = account == AccountIds.Everyone
                        ? "no statement that allows every account (*) without a condition"
                        : "no statement that allows account " + account + " alone";
                    decisions.Add(new RevokeDecision(RevokeDecisionKind.NotFound, account, null, NotFound(current, what) + SharedNote(current, account)));
                    continue;
                }

                foreach (var permission in matches)
                {
                    // One RemovePermission per Sid; a statement RemovePermission cannot name goes by its text (a whole-policy write).
                    var key = StatementRemoval.ByRemovePermission(permission) ? "Sid " + permission.StatementId : "Text " + permission.StatementJson;
                    if (removed.Add(key))
                    {
                        decisions.Add(new RevokeDecision(RevokeDecisionKind.Remove, account, permission, null));
                    }
                }
            }

            return decisions;
        }

        /// <summary>
        /// Only an exact "Allow" grants; anything else (Deny, a missing or odd Effect) is left alone by revokes, and so is
        /// a statement that repeats a member, whose Effect, principal or condition may read otherwise.
        /// </summary>
        public static bool IsAllow(EventBusPermission permission)
            => string.Equals(permission.Effect, "Allow", StringComparison.Ordinal) && !permission.HasRepeatedMembers;

        private static string EffectOf(EventBusPermission permission)
            => permission.Effect == null ? "a statement without an Effect" : "a " + permission.Effect + " statement";

        private static bool AllowsOnly(EventBusPermission permission, string account)
        {
            if (!IsAllow(permission))
            {
                return false;
            }

            // A permission of a shared statement is never a statement for this account alone.
            if (permission.IsShared)
            {
                return false;
            }

            if (account == AccountIds.Everyone)
            {
                return permission.AccountId == null && permission.Principal == AccountIds.Everyone && permission.Condition == null;
            }

            // The account itself, or a role, user or session of it: each could still put events for the account.
            return string.Equals(permission.AccountId, account, StringComparison.Ordinal)
                || (permission.AccountId == null && string.Equals(PrincipalAccounts.Of(permission.Principal), account, StringComparison.Ordinal));
        }

        /// <summary>Names the shared Allow statements that hold the account among other principals; empty when there are none.</summary>
        private static string SharedNote(EventBus bus, string account)
        {
            var shared = PermissionStatements.Distinct(bus.Permissions.Where(p => p.IsShared && IsAllow(p)
                && (account == AccountIds.Everyone ? p.Principal == AccountIds.Everyone : string.Equals(p.AccountId, account, StringComparison.Ordinal))));
            if (shared.Count == 0)
            {
                return string.Empty;
            }

            return " It is one of the principals of the shared statement(s) "
                + string.Join(", ", shared.Select(p => "'" + (p.StatementId ?? "(no Sid)") + "' (" + p.PrincipalCount + " principals)"))
                + ", which a revoke by account does not remove: that would take away the other principals too.";
        }

        private static string NotFound(EventBus bus, string what)
        {
            if (bus.PolicyParseError != null)
            {
                return "Found " + what + " on " + BusText.Of(bus) + ": its policy could not be read (" + bus.PolicyParseError + ").";
            }

            if (bus.Policy == null)
            {
                return "The " + BusText.Of(bus) + " has no policy, so " + what + ".";
            }

            return "The " + BusText.Of(bus) + " has " + what + ".";
        }
    }
}
