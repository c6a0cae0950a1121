namespace EventBusPermissions.Tests.Model
{
    /// <summary>
    /// What a user should see for one permission: every property they would filter or sort on. A statement that
    /// names several AWS principals is one permission per principal, each with the statement's PrincipalCount.
    /// </summary>
    internal sealed record ExpectedPermission(
        string? StatementId,
        string? Principal,
        string? AccountId,
        string? OrganizationId,
        string? Action,
        string? Effect,
        string? Resource,
        string? Condition,
        int PrincipalCount = 1);
}
