namespace EventBusPermissions.Validation
{
    /// <summary>The ErrorIds of input errors, one per rule; users match on them in FullyQualifiedErrorId.</summary>
    public static class ErrorIds
    {
        public const string InvalidEventBusName = "InvalidEventBusName";
        public const string StatementIdWithManyAccounts = "StatementIdWithManyAccounts";
        public const string ConfirmationRequired = "ConfirmationRequired";
    }
}
