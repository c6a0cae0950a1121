using System.Linq;
using EventBusPermissions.Planning;

namespace EventBusPermissions.Tests.Planning
{
    /// <summary>Event buses and policies built the way the service returns them.</summary>
    internal static class Buses
    {
        internal const string Arn = "arn:aws:events:us-east-1:444455556666:event-bus/default";

        internal static EventBus WithPolicy(string? policy, string arn = Arn) =>
            EventBus.Create(arn.Substring(arn.IndexOf('/') + 1), arn, null, null, null, null, null, policy);

        /// <summary>A policy of the given statements, compact, as PutPermission leaves it.</summary>
        internal static string Policy(params string[] statements) =>
            "{\"Version\":\"2012-10-17\",\"Statement\":[" + string.Join(",", statements) + "]}";

        /// <summary>A bus whose policy holds exactly these grants, as the service would store them.</summary>
        internal static EventBus Holding(params GrantRequest[] grants) =>
            WithPolicy(Policy(grants.Select(g => ExpectedStatement.Json(g, Arn)).ToArray()));

        internal static GrantRequest Account(string accountId, string? statementId = null) =>
            GrantRequest.ForAccount(accountId, Actions.PutEvents, statementId);

        internal static GrantRequest Organization(string organizationId, string? statementId = null) =>
            GrantRequest.ForOrganization(organizationId, Actions.PutEvents, statementId);

        /// <summary>Distinct 12-digit accounts: 100000000000, 100000000001, ...</summary>
        internal static string AccountNumber(int n) => (100000000000L + n).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
