namespace EventBusPermissions.Planning
{
    /// <summary>
    /// The ErrorIds of the planning layer's errors, one per rule, so that users can match on them in
    /// FullyQualifiedErrorId. Kept apart from Validation.ErrorIds until they are merged.
    /// </summary>
    internal static class PlanningErrorIds
    {
        /// <summary>An account id that is not 12 digits (or *).</summary>
        public const string InvalidAccountId = "InvalidAccountId";

        /// <summary>A statement id outside 1-64 characters of [a-zA-Z0-9-_] (for Revoke: one the bus does not hold either).</summary>
        public const string InvalidStatementId = "InvalidStatementId";

        /// <summary>An action that is not events:&lt;letters&gt; of 1-64 characters.</summary>
        public const string InvalidAction = "InvalidAction";

        /// <summary>An organization id that is not o- and 10 to 32 lowercase letters or digits.</summary>
        public const string InvalidOrganizationId = "InvalidOrganizationId";

        /// <summary>A whole policy document that is not JSON.</summary>
        public const string InvalidPolicyJson = "InvalidPolicyJson";

        /// <summary>A whole policy document that is JSON but not a policy.</summary>
        public const string InvalidPolicyDocument = "InvalidPolicyDocument";

        /// <summary>A whole policy document with a Sid RemovePermission could not name (or not a string), or two statements with one Sid.</summary>
        public const string InvalidPolicyStatementId = "InvalidPolicyStatementId";

        /// <summary>A whole policy document naming an AWS principal that is not *, 12 digits, or an account's IAM or STS ARN.</summary>
        public const string InvalidPolicyPrincipal = "InvalidPolicyPrincipal";

        /// <summary>A whole policy document longer than the policy quota.</summary>
        public const string PolicyTooLarge = "PolicyTooLarge";

        /// <summary>A statement id that already holds a different grant (without -Force), or is asked for two grants at once.</summary>
        public const string StatementIdConflict = "StatementIdConflict";

        /// <summary>A grant not written because the bus policy would pass its size quota.</summary>
        public const string PolicyQuotaExceeded = "PolicyQuotaExceeded";

        /// <summary>A written grant that reading the policy back still did not show after the retries (a concurrent writer).</summary>
        public const string GrantNotConfirmed = "GrantNotConfirmed";

        /// <summary>A statement id or account to revoke that the bus policy does not hold.</summary>
        public const string PermissionNotFound = "PermissionNotFound";

        /// <summary>
        /// A statement that names a member twice ("Effect":"Deny","Effect":"Allow"), which a revoke or an -Exclusive
        /// would otherwise change: what it means is not known, so it is left as it is.
        /// </summary>
        public const string AmbiguousStatement = "AmbiguousStatement";
    }
}
