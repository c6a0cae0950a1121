namespace EventBusPermissions
{
    /// <summary>What a Grant or Revoke did to one statement of a bus policy.</summary>
    public enum PermissionStatus
    {
        Granted,
        AlreadyGranted,
        Replaced,
        Revoked,

        /// <summary>
        /// A revoke found nothing to remove: the bus does not (or no longer does) hold the statement or the account
        /// asked for. What the revoke asks for already holds, so a re-run or an offboarding over many buses goes on.
        /// </summary>
        NotGranted,
    }
}
