using System;
using EventBusPermissions.Planning;

namespace EventBusPermissions.Input
{
    /// <summary>Grant's -Action, -StatementId and -Pack, checked for each record before anything is queued or sent.</summary>
    internal static class GrantOptions
    {
        /// <returns>Null when the options hold; else the first rule broken, with <paramref name="target"/> the value that breaks it.</returns>
        public static InputRefusal? Check(string action, string? statementId, bool pack, out object? target)
        {
            target = action;
            var actionProblem = Actions.Check(action);
            if (actionProblem != null) return new InputRefusal(PlanningErrorIds.InvalidAction, actionProblem);
            target = statementId;
            var idProblem = statementId == null ? null : StatementIds.Check(statementId);
            if (idProblem != null) return new InputRefusal(PlanningErrorIds.InvalidStatementId, idProblem);

            // -Pack writes one statement of its own, for events:PutEvents: a Sid or another action of the user's has no place in it.
            if (!pack) return null;
            if (statementId != null)
                return new InputRefusal(PlanningErrorIds.InvalidStatementId,
                    $"-Pack writes the accounts into its own statement '{AccountStatements.PackedSid}'; leave out -StatementId.");
            target = action;
            if (!string.Equals(action, Actions.PutEvents, StringComparison.Ordinal))
                return new InputRefusal(PlanningErrorIds.InvalidAction, $"-Pack grants {Actions.PutEvents} only; leave out -Action.");
            return null;
        }
    }
}
