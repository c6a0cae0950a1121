using System;
using System.Collections.Generic;
using System.Linq;

namespace EventBusPermissions.Planning
{
    /// <summary>The decisions for one batch of grants on one bus, in request order.</summary>
    internal sealed class GrantPlan
    {
        internal GrantPlan(string busArn, int quota, IReadOnlyList<GrantDecision> decisions, int predictedPolicyLength)
        {
            BusArn = busArn;
            EventBusName = ExpectedStatement.BusNameOf(busArn);
            Quota = quota;
            Decisions = decisions;
            PredictedPolicyLength = predictedPolicyLength;
        }

        public string BusArn { get; }

        public string EventBusName { get; }

        /// <summary>The policy size quota, in characters, the plan kept to.</summary>
        public int Quota { get; }

        /// <summary>One per request, in request order.</summary>
        public IReadOnlyList<GrantDecision> Decisions { get; }

        /// <summary>The predicted policy length after every planned write.</summary>
        public int PredictedPolicyLength { get; }

        /// <summary>The decisions that call PutPermission, in order.</summary>
        public IEnumerable<GrantDecision> Writes => Decisions.Where(d => d.Writes);

        /// <summary>
        /// Marks the write at <paramref name="index"/> and every later write QuotaExceeded: the service refused the
        /// policy as too long (PolicyLengthExceeded), so the writes after it would fail alike.
        /// </summary>
        /// <param name="reason">The service's message, quoted in the users' errors.</param>
        public void StopWritesFrom(int index, string reason)
        {
            if (index < 0 || index >= Decisions.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(index), index, "No decision has this index.");
            }

            var written = Decisions.Take(index).Count(d => d.Writes);
            var stopped = Decisions.Skip(index).Where(d => d.Writes).ToList();
            if (stopped.Count == 0)
            {
                return;
            }

            var message = "The service refused a longer policy for " + BusText.OfArn(BusArn)
                + (string.IsNullOrWhiteSpace(reason) ? "" : " (" + reason.Trim() + ")") + ": "
                + QuotaMessages.Outcome(written, written + stopped.Count, stopped[0].Request, stopped.Count - 1);
            foreach (var decision in stopped)
            {
                decision.Kind = GrantDecisionKind.QuotaExceeded;
                decision.Message = message;
            }
        }
    }
}
