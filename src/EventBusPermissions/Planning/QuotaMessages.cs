namespace EventBusPermissions.Planning
{
    /// <summary>The wording shared by quota errors found in planning and reported by the service.</summary>
    internal static class QuotaMessages
    {
        /// <param name="written">Writes of the batch that fit (or were made).</param>
        /// <param name="asked">Writes the batch asked for.</param>
        /// <param name="first">The first grant not written.</param>
        /// <param name="laterCount">Writes after <paramref name="first"/>, not written either.</param>
        /// <param name="packCapacity">How many accounts the bus would hold with -Pack, when known.</param>
        internal static string Outcome(int written, int asked, GrantRequest first, int laterCount, int? packCapacity = null)
        {
            var after = laterCount == 0
                ? "It (" + first.Describe() + ") was not written."
                : "The first that did not fit (" + first.Describe() + ") and the " + laterCount
                  + (laterCount == 1 ? " grant" : " grants") + " after it were not written.";

            return "only " + written + " of the " + asked + (asked == 1 ? " grant" : " grants") + " to write fit. " + after
                + " To let many accounts in, add -Pack (their grants share one statement, about 33 characters an account"
                + (packCapacity == null ? "" : ": this bus would hold " + packCapacity + " accounts that way") + "),"
                + " grant their organization with -OrganizationId (one statement for all of its accounts),"
                + " or revoke grants that are no longer needed.";
        }
    }
}
