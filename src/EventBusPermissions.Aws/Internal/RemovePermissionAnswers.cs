using System.Text.RegularExpressions;
using Amazon.Runtime;

namespace EventBusPermissions.Aws.Internal
{
    /// <summary>
    /// Reads RemovePermission's ResourceNotFoundException, which the service gives both for a bus that does not exist
    /// and for a statement that is not on it; the error code is the same, only the words differ. A missing bus is said
    /// the same way by AWS, moto and the local endpoint, for all three operations ("Event bus orders does not exist.");
    /// the statement is said in more ways (AWS: "Statement with the provided id does not exist.", also on a bus without
    /// a policy; moto on such a bus: "EventBus does not have a policy."). So the bus's wording is the one recognised,
    /// and every other not-found answer of RemovePermission is about the statement.
    /// </summary>
    internal static class RemovePermissionAnswers
    {
        private static readonly Regex MissingBus = new Regex(
            @"^\s*Event\s?bus\b.*\bdoes not exist\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline);

        public static bool IsStatementNotFound(AmazonServiceException e)
            => e.ErrorCode == "ResourceNotFoundException" && !MissingBus.IsMatch(e.Message ?? "");
    }
}
