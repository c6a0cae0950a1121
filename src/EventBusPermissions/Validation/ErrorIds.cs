namespace EventBusPermissions.Validation
{
    /// <summary>The ErrorIds of the cmdlets' own errors, one per rule; users match on them in FullyQualifiedErrorId.</summary>
    internal static class ErrorIds
    {
        public const string InvalidEventBusName = "InvalidEventBusName";
        public const string InvalidRegion = "InvalidRegion";

        /// <summary>An event bus ARN whose region is not the -Region given.</summary>
        public const string RegionMismatch = "RegionMismatch";
        public const string StatementIdWithManyAccounts = "StatementIdWithManyAccounts";
        public const string ConfirmationRequired = "ConfirmationRequired";

        /// <summary>A bus object piped into Grant without -AccountId or -OrganizationId: it says where, not whom.</summary>
        public const string AccountIdRequired = "AccountIdRequired";

        /// <summary>A bus object piped into Revoke without -All, -StatementId or -AccountId.</summary>
        public const string RevokeTargetRequired = "RevokeTargetRequired";

        /// <summary>A pipeline object with no AccountId, Account, Id or Principal property (a CSV column named otherwise).</summary>
        public const string InputWithoutAccountId = "InputWithoutAccountId";

        /// <summary>A pipeline object whose grant cannot be written as it stands: a Deny, or a condition Grant would drop.</summary>
        public const string InputNotGrantable = "InputNotGrantable";

        /// <summary>A piped object whose bus, region or grantee cannot be read as one value (a list, a number where a name belongs, an empty string).</summary>
        public const string UnreadableInput = "UnreadableInput";

        /// <summary>The command line names another bus or region than the piped object came from.</summary>
        public const string EventBusMismatch = "EventBusMismatch";

        /// <summary>The bus reached now is not the bus (account, region) the piped object was read from.</summary>
        public const string AccountMismatch = "AccountMismatch";

        /// <summary>The statement under the piped permission's id is no longer the statement that was read.</summary>
        public const string StatementChanged = "StatementChanged";

        /// <summary>
        /// A piped permission of a shared statement (several AWS principals in one statement): removing the statement
        /// by its id would take away the other principals too.
        /// </summary>
        public const string SharedStatement = "SharedStatement";

        /// <summary>The bus policy could not be parsed, so no change to it can be planned safely.</summary>
        public const string UnreadablePolicy = "UnreadablePolicy";

        /// <summary>A Deny statement that a revoke would remove: removing it allows again what it denies.</summary>
        public const string DenyStatementKept = "DenyStatementKept";

        /// <summary>-Exclusive would revoke, but part of the list was refused, so the list is not the one meant.</summary>
        public const string ExclusiveListIncomplete = "ExclusiveListIncomplete";
    }
}
