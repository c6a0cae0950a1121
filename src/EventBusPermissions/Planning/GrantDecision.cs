namespace EventBusPermissions.Planning
{
    /// <summary>The plan for one requested grant.</summary>
    internal sealed class GrantDecision
    {
        internal GrantDecision(int index, GrantRequest request, GrantDecisionKind kind, string statementJson, EventBusPermission? existing, int? duplicateOf, string? message)
        {
            Index = index;
            Request = request;
            Kind = kind;
            StatementJson = statementJson;
            Existing = existing;
            DuplicateOf = duplicateOf;
            Message = message;
        }

        /// <summary>The request's position in the batch.</summary>
        public int Index { get; }

        public GrantRequest Request { get; }

        /// <summary>Changes only through <see cref="GrantPlan.StopWritesFrom"/>.</summary>
        public GrantDecisionKind Kind { get; internal set; }

        /// <summary>True when the cmdlet must call PutPermission for this request.</summary>
        public bool Writes => Kind == GrantDecisionKind.Write || Kind == GrantDecisionKind.Replace;

        /// <summary>The statement the service stores when this grant is written.</summary>
        public string StatementJson { get; }

        /// <summary>The bus's statement with the request's Sid before the plan, if any.</summary>
        public EventBusPermission? Existing { get; }

        /// <summary>For <see cref="GrantDecisionKind.Duplicate"/>: the index of the earlier request for the same grant.</summary>
        public int? DuplicateOf { get; }

        /// <summary>For a Conflict or QuotaExceeded, the text for the user's error; null otherwise.</summary>
        public string? Message { get; internal set; }

        /// <summary>The ErrorId for the user's error, null when the decision is not one.</summary>
        public string? ErrorId
        {
            get
            {
                switch (Kind)
                {
                    case GrantDecisionKind.Conflict: return PlanningErrorIds.StatementIdConflict;
                    case GrantDecisionKind.QuotaExceeded: return PlanningErrorIds.PolicyQuotaExceeded;
                    default: return null;
                }
            }
        }

        public override string ToString() => Kind + " " + Request;
    }
}
