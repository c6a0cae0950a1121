namespace EventBusPermissions
{
    /// <summary>What a Grant or Revoke did to one statement of a bus policy.</summary>
    public enum PermissionStatus
    {
        Granted,
        AlreadyGranted,
        Replaced,
        Revoked,
    }
}
