using System;
using System.Collections.Generic;
using System.Linq;

namespace EventBusPermissions.Planning
{
    /// <summary>Decides, before any request is sent, what a batch of grants does to one bus.</summary>
    internal static class GrantPlanner
    {
        /// <param name="current">The bus as read before the batch; null when it has no policy or could not be read.</param>
        /// <param name="busArn">The bus's ARN (Resource of new statements, partition of account ARNs).</param>
        /// <param name="force">Replace statements whose Sid holds a different grant.</param>
        /// <param name="quota">The policy size quota in characters.</param>
        public static GrantPlan Plan(EventBus? current, string busArn, IReadOnlyList<GrantRequest> requests, bool force, int quota = PolicyQuota.DefaultCharacters)
        {
            if (requests == null) throw new ArgumentNullException(nameof(requests));
            if (requests.Any(r => r == null)) throw new ArgumentException("A request is null.", nameof(requests));
            PolicyQuota.Require(quota, nameof(quota));
            var estimator = new PolicySizeEstimator(current?.Policy, busArn);

            var bus = BusText.OfArn(busArn);
            var existing = current?.Permissions ?? new EventBusPermission[0];
            // Accounts -Pack's statement (or one like it) already grants: asking again under the default id holds.
            var packed = current?.Policy == null ? new HashSet<string>() : PackPlanner.HeldAccounts(current.Policy, busArn);
            var decisions = new List<GrantDecision>(requests.Count);
            for (var i = 0; i < requests.Count; i++)
            {
                decisions.Add(Decide(i, requests, decisions, existing, busArn, bus, force, packed));
            }

            ApplyQuota(decisions, estimator, busArn, quota, () => PackPlanner.Capacity(current?.Policy, busArn, quota));
            return new GrantPlan(busArn, quota, decisions, estimator.Length);
        }

        private static GrantDecision Decide(int index, IReadOnlyList<GrantRequest> requests, IReadOnlyList<GrantDecision> earlierDecisions, IReadOnlyList<EventBusPermission> existing, string busArn, string bus, bool force, ISet<string> packed)
        {
            var request = requests[index];
            var json = ExpectedStatement.Json(request, busArn);
            // A statement that names its Sid twice may be the one PutPermission replaces under either copy.
            var holder = existing.FirstOrDefault(p => string.Equals(p.StatementId, request.StatementId, StringComparison.Ordinal))
                ?? existing.FirstOrDefault(p => AmbiguousStatements.HasSid(p, request.StatementId));

            for (var earlier = 0; earlier < index; earlier++)
            {
                if (request.Equals(requests[earlier]))
                {
                    return new GrantDecision(index, request, GrantDecisionKind.Duplicate, json, holder, earlier, null);
                }
            }

            for (var earlier = 0; earlier < index; earlier++)
            {
                var other = requests[earlier];

                // An earlier request that keeps or writes this Sid would be undone by this one, so only the first
                // can have it: -Force cannot help, only another Sid can. One that itself conflicted leaves the Sid as
                // it was, so this request is judged against the bus alone.
                if (string.Equals(other.StatementId, request.StatementId, StringComparison.Ordinal)
                    && earlierDecisions[earlier].Kind != GrantDecisionKind.Conflict)
                {
                    var message = "The statement id '" + request.StatementId + "' is asked for two different grants in one command: "
                        + other.Describe() + ", and " + request.Describe() + ". The second was not written; give each grant its own -StatementId.";
                    return new GrantDecision(index, request, GrantDecisionKind.Conflict, json, holder, null, message);
                }
            }

            if (holder == null)
            {
                var packedHolder = request.OrganizationId == null && packed.Contains(request.Principal)
                    && request.StatementId == StatementIds.ForAccount(request.Principal)
                    && string.Equals(request.Action, Actions.PutEvents, StringComparison.OrdinalIgnoreCase)
                    ? existing.FirstOrDefault(p => p.IsShared && p.AccountId == request.Principal && RevokePlanner.IsAllow(p) && p.Condition == null)
                    : null;
                return packedHolder != null
                    ? new GrantDecision(index, request, GrantDecisionKind.AlreadyGranted, json, packedHolder, null, null)
                    : new GrantDecision(index, request, GrantDecisionKind.Write, json, null, null, null);
            }

            if (GrantMatcher.Holds(holder, request))
            {
                return new GrantDecision(index, request, GrantDecisionKind.AlreadyGranted, json, holder, null, null);
            }

            if (force)
            {
                return new GrantDecision(index, request, GrantDecisionKind.Replace, json, holder, null, null);
            }

            var holds = holder.HasRepeatedMembers
                ? AmbiguousStatements.NotAGrant(holder, bus)
                : "The statement '" + request.StatementId + "' on " + bus + " already holds a different grant: " + PermissionText.Describe(holder) + ".";
            var conflict = holds + " Asked: " + request.Describe() + ". It was not written;"
                + " use -Force to replace the statement, or give another -StatementId to add a second one.";
            return new GrantDecision(index, request, GrantDecisionKind.Conflict, json, holder, null, conflict);
        }

        /// <summary>
        /// All or nothing per bus: when the writes asked for would not all fit, none is made, so the bus is never left
        /// with part of a list (an onboarding that granted 51 of 60 accounts looks done and is not). Each refused grant's
        /// error names its own account, says how many of the batch fit, and how many accounts -Pack would fit.
        /// </summary>
        private static void ApplyQuota(List<GrantDecision> decisions, PolicySizeEstimator estimator, string busArn, int quota, Func<int> packCapacity)
        {
            var writes = decisions.Where(d => d.Writes).ToList();
            int? fitting = null;
            for (var i = 0; i < writes.Count; i++)
            {
                if (fitting == null && estimator.LengthWith(writes[i].Request) > quota) fitting = i;
                estimator.Apply(writes[i].Request);
            }
            if (fitting == null) return;

            var predicted = estimator.Length;
            foreach (var refused in writes)
            {
                refused.Kind = GrantDecisionKind.QuotaExceeded;
                refused.Message = QuotaMessages.Refused(refused.Request, busArn, writes.Count, fitting.Value, predicted, quota, packCapacity());
            }
        }
    }
}
