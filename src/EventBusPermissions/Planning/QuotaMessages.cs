namespace EventBusPermissions.Planning
{
    /// <summary>The wording shared by quota errors found in planning and reported by the service.</summary>
    internal static class QuotaMessages
    {
        /// <summary>A grant refused in planning because the grants asked for on its bus do not all fit.</summary>
        /// <param name="asked">Writes the batch asked for on the bus.</param>
        /// <param name="fitting">How many of them, in order, would fit.</param>
        /// <param name="predicted">The policy length with all of them.</param>
        internal static string Refused(GrantRequest refused, string busArn, int asked, int fitting, int predicted, int quota, int packCapacity)
            => refused.Describe() + " was not granted: the " + asked + (asked == 1 ? " grant" : " grants") + " asked for on event bus " + Bus(busArn)
               + " would take its policy to about " + InputText.Number(predicted) + " characters, past its quota of " + InputText.Number(quota)
               + ", and only " + fitting + " of them fit. Nothing was granted on this bus, so that it is not left holding part of the list. " + Remedies(packCapacity);

        /// <summary>A grant not written because the service refused a longer policy (PolicyLengthExceeded) at it or before it.</summary>
        /// <param name="written">Writes of the batch that were made before the refusal.</param>
        /// <param name="asked">Writes the batch asked for.</param>
        internal static string RefusedByService(GrantRequest notWritten, string busArn, string reason, int written, int asked)
            => notWritten.Describe() + " was not granted: the service refused a longer policy for event bus " + Bus(busArn)
               + (string.IsNullOrWhiteSpace(reason) ? "" : " (" + reason.Trim() + ")") + " after " + written + " of the " + asked
               + (asked == 1 ? " grant" : " grants") + " asked for were written. " + Remedies(null);

        private static string Remedies(int? packCapacity)
            => "To let many accounts in, add -Pack (their grants share one statement, about 33 characters an account"
               + (packCapacity == null ? "" : ": this bus would hold " + packCapacity + " accounts that way") + "),"
               + " grant their organization with -OrganizationId (one statement for all of its accounts),"
               + " or revoke grants that are no longer needed.";

        private static string Bus(string busArn)
            => EventBusArn.TryParse(busArn, out _, out var region, out _, out var name) ? "'" + name + "' in " + region : "'" + ExpectedStatement.BusNameOf(busArn) + "'";
    }
}
