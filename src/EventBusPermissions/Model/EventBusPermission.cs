namespace EventBusPermissions
{
    /// <summary>One statement of an event bus policy, flattened into text a PowerShell user can read and filter on.</summary>
    public sealed class EventBusPermission
    {
        // A constructor rather than init accessors: init needs a polyfill type on netstandard2.0,
        // and a second copy of it elsewhere in the assembly would not compile.
        internal EventBusPermission(
            string? statementId,
            string eventBusName,
            string? region,
            string? principal,
            string? accountId,
            string? organizationId,
            string? action,
            string? effect,
            string? resource,
            string? condition,
            string statementJson,
            string? eventBusArn = null)
        {
            StatementId = statementId;
            EventBusName = eventBusName;
            Region = region;
            Principal = principal;
            AccountId = accountId;
            OrganizationId = organizationId;
            Action = action;
            Effect = effect;
            Resource = resource;
            Condition = condition;
            StatementJson = statementJson;
            EventBusArn = eventBusArn;
        }

        public string? StatementId { get; }

        public string EventBusName { get; }

        public string? Region { get; }

        public string? Principal { get; }

        /// <summary>Set only when the principal is exactly one whole AWS account.</summary>
        public string? AccountId { get; }

        public string? OrganizationId { get; }

        public string? Action { get; }

        public string? Effect { get; }

        public string? Resource { get; }

        /// <summary>The statement's Condition object as compact JSON.</summary>
        public string? Condition { get; }

        /// <summary>The whole statement as compact JSON, so that nothing the flattened properties leave out is lost.</summary>
        public string StatementJson { get; }

        /// <summary>
        /// The ARN of the bus this statement was read from (account and region included). Revoke compares it with the
        /// bus it reaches now, so that a permission read in one account is never removed in another.
        /// </summary>
        public string? EventBusArn { get; }

        /// <summary>Null for a permission that was only read.</summary>
        public PermissionStatus? Status { get; set; }

        public override string ToString() => StatementId ?? Principal ?? StatementJson;
    }
}
