namespace EventBusPermissions.Planning
{
    /// <summary>What a revoke plan does with one statement or one asked-for target.</summary>
    public enum RevokeDecisionKind
    {
        /// <summary>RemovePermission removes this statement.</summary>
        Remove,

        /// <summary>The bus holds no statement for the asked-for id or account: nothing to remove.</summary>
        NotFound,

        /// <summary>The statement allows the account but has no Sid, so RemovePermission cannot name it.</summary>
        NoStatementId,
    }
}
