namespace EventBusPermissions.Tests.Model
{
    internal sealed record PolicyCase(string PolicyJson, string EventBusName, string? Region, ExpectedPermission[] Expected);
}
