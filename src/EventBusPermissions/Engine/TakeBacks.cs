using System.Collections.Generic;
using EventBusPermissions.Planning;

namespace EventBusPermissions.Engine
{
    /// <summary>The take-back of each kind of change the write paths make (see <see cref="TakeBack"/> and <see cref="TakeBackEdits"/>).</summary>
    internal static class TakeBacks
    {
        /// <summary>A grant written with PutPermission: a new statement goes again; a replaced one gets its old text back.</summary>
        public static TakeBack OfGrant(BusSession session, GrantDecision decision)
        {
            var request = decision.Request;
            if (decision.Kind != GrantDecisionKind.Replace || decision.Existing == null)
                return TakeBack.RemoveAddedStatement(session, request.StatementId);
            var before = decision.Existing.StatementJson;
            return TakeBack.EditPolicy(session,
                policy => TakeBackEdits.Restore(policy, request.StatementId, before,
                    s => GrantMatcher.Holds(PolicyStatementReader.Read(s, session.Bus, session.Region), request)),
                $"restore statement '{request.StatementId}'");
        }

        /// <summary>An account -Pack added to its statement: out of it again.</summary>
        public static TakeBack OfPackedAccount(BusSession session, string account)
            => TakeBack.EditPolicy(session, policy => TakeBackEdits.WithoutAccount(policy, AccountStatements.PackedSid, account),
                $"take account {account} out of statement '{AccountStatements.PackedSid}'");

        /// <summary>A statement removed whole (RemovePermission, or a whole-policy write): its text back.</summary>
        public static TakeBack OfRemovedStatement(BusSession session, string? statementId, string statementJson)
            => TakeBack.EditPolicy(session, policy => TakeBackEdits.PutBack(policy, statementId, statementJson),
                $"put statement '{statementId}' back");

        /// <summary>An account taken out of a statement it shared with others (<paramref name="takenOut"/>: all the accounts taken out of it).</summary>
        public static TakeBack OfAccountTakenOut(BusSession session, string busArn, string? statementId, string account, string before, IReadOnlyCollection<string> takenOut)
        {
            EventBusArn.TryParse(busArn, out var partition, out _, out _, out _);
            return TakeBack.EditPolicy(session, policy => TakeBackEdits.PutAccountBack(policy, statementId, account, before, takenOut, partition),
                $"put account {account} back into statement '{statementId}'");
        }

        /// <summary>A whole policy replaced (-Policy): the old one back, while the bus still holds the one written.</summary>
        public static TakeBack OfReplacedPolicy(BusSession session, string? before, string written)
            => TakeBack.EditPolicy(session, policy => TakeBackEdits.SameDocument(policy, written) ? before ?? "{\"Version\":\"2012-10-17\",\"Statement\":[]}" : policy,
                "restore the policy replaced");
    }
}
