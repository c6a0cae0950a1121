namespace EventBusPermissions.Planning
{
    /// <summary>What a revoke plan does with one statement or one asked-for target.</summary>
    internal enum RevokeDecisionKind
    {
        /// <summary>RemovePermission removes this statement.</summary>
        Remove,

        /// <summary>The bus holds no statement for the asked-for id or account: nothing to remove.</summary>
        NotFound,

        /// <summary>
        /// The statement id breaks RemovePermission's rule and the bus holds no statement with it: bad input, reported as
        /// such once the bus is read (a Sid the bus does hold may be named, whatever it looks like).
        /// </summary>
        InvalidId,

        /// <summary>
        /// The statement is not an Allow (a Deny, or no Effect IAM would apply): removing it would allow again what it
        /// denies, the opposite of a revoke, so it stays unless removed by its own statement id with -Force.
        /// </summary>
        NotAnAllow,

        /// <summary>
        /// The statement names a member twice (see <see cref="EventBusPermission.HasRepeatedMembers"/>): what it means is
        /// not known, it may be a Deny, so it stays unless removed by its own statement id with -Force.
        /// </summary>
        Ambiguous,
    }
}
