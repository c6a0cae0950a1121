namespace EventBusPermissions.Planning
{
    /// <summary>The plan for one statement to revoke, or for a target that matched none.</summary>
    internal sealed class RevokeDecision
    {
        internal RevokeDecision(RevokeDecisionKind kind, string target, EventBusPermission? permission, string? message)
        {
            Kind = kind;
            Target = target;
            Permission = permission;
            Message = message;
        }

        public RevokeDecisionKind Kind { get; }

        /// <summary>The statement id or normalized account id the user asked to revoke (for a piped statement without a Sid, its text).</summary>
        public string Target { get; }

        /// <summary>The statement concerned; null for NotFound and InvalidId.</summary>
        public EventBusPermission? Permission { get; }

        /// <summary>The text for the user's error; null for Remove.</summary>
        public string? Message { get; }

        /// <summary>The ErrorId for the user's error, null for Remove.</summary>
        public string? ErrorId
        {
            get
            {
                switch (Kind)
                {
                    case RevokeDecisionKind.NotFound: return PlanningErrorIds.PermissionNotFound;
                    case RevokeDecisionKind.InvalidId: return PlanningErrorIds.InvalidStatementId;
                    case RevokeDecisionKind.NotAnAllow: return Validation.ErrorIds.DenyStatementKept;
                    case RevokeDecisionKind.Ambiguous: return PlanningErrorIds.AmbiguousStatement;
                    default: return null;
                }
            }
        }

        public override string ToString() => Kind + " " + Target;
    }
}
