namespace EventBusPermissions.Planning
{
    /// <summary>What a grant plan does with one requested grant.</summary>
    internal enum GrantDecisionKind
    {
        /// <summary>A statement with this Sid already grants exactly this: no write.</summary>
        AlreadyGranted,

        /// <summary>No statement has this Sid: PutPermission adds one.</summary>
        Write,

        /// <summary>The Sid holds a different grant and -Force was given: PutPermission replaces it.</summary>
        Replace,

        /// <summary>The Sid holds a different grant (or the batch asks two grants of it) and nothing is written.</summary>
        Conflict,

        /// <summary>Writing would pass the policy quota, or an earlier write did: nothing is written.</summary>
        QuotaExceeded,

        /// <summary>An earlier request of the same batch asks the same grant: no second write; its outcome is the earlier one's.</summary>
        Duplicate,
    }
}
