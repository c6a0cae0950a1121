namespace EventBusPermissions.Tests.Model
{
    /// <summary>What a user should see for one statement: every property they would filter or sort on.</summary>
    internal sealed record ExpectedPermission(
        string? StatementId,
        string? Principal,
        string? AccountId,
        string? OrganizationId,
        string? Action,
        string? Effect,
        string? Resource,
        string? Condition);
}
