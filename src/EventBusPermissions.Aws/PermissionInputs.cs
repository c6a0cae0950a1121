namespace EventBusPermissions.Aws
{
    /// <summary>The members of PutPermission; null members are not sent.</summary>
    public sealed class PutPermissionInput
    {
        public string? EventBusName { get; set; }
        public string? Action { get; set; }
        public string? Principal { get; set; }
        public string? StatementId { get; set; }
        /// <summary>The organization id for the only supported condition (StringEquals aws:PrincipalOrgID).</summary>
        public string? PrincipalOrgId { get; set; }
        /// <summary>A whole policy document; replaces the bus policy.</summary>
        public string? Policy { get; set; }
    }

    /// <summary>The members of RemovePermission; null members are not sent.</summary>
    public sealed class RemovePermissionInput
    {
        public string? EventBusName { get; set; }
        public string? StatementId { get; set; }
        public bool RemoveAllPermissions { get; set; }
    }
}
