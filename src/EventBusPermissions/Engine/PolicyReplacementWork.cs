using System;
using System.Threading.Tasks;
using EventBusPermissions.Commands;
using EventBusPermissions.Planning;

namespace EventBusPermissions.Engine
{
    /// <summary>
    /// <c>Grant -Policy</c> on one bus: the whole-document form, High impact because every statement now on the bus
    /// that the new document lacks is gone afterwards. Read, then on the pipeline thread it says what the document
    /// drops and asks (<see cref="IApprovals"/>); the approved write runs off the thread and is read back and emitted.
    /// A bus whose policy cannot be read is replaced only with -Force, since nobody can see what would be lost.
    /// </summary>
    internal sealed class PolicyReplacementWork
    {
        private readonly IApprovals _approvals;
        private readonly string _policy;
        private readonly string? _expectedArn;
        private BusSession? _session;

        /// <param name="policy">The document, already checked (<see cref="PolicyDocuments.Check"/>).</param>
        /// <param name="expectedArn">The bus ARN of the piped object that named the bus; null when the user named it.</param>
        public PolicyReplacementWork(IApprovals approvals, string? region, string bus, string? expectedArn, string policy)
        {
            _approvals = approvals;
            Region = region;
            Bus = bus;
            _expectedArn = expectedArn;
            _policy = policy;
        }

        public string? Region { get; }
        public string Bus { get; }

        /// <summary>On the pipeline thread, with the session just connected: starts reading the bus.</summary>
        public Task<EventBus?> StartRead(BusSession session)
        {
            _session = session;
            return session.ReadAsync("replace the policy", new object?[] { _policy });
        }

        /// <summary>On the pipeline thread: says what the document drops, asks (High impact), and returns the write.</summary>
        public Func<Task>? Plan(EventBus? current)
        {
            var session = _session!;
            if (current == null || !session.IsSameBus(current, _expectedArn, Bus)) return null;
            var bus = session.Bus;
            var policy = _policy;
            if (current.PolicyParseError != null && !_approvals.Force)
            {
                session.Report.Error(CommandErrors.UnreadablePolicy(current, session.Region, "replace the policy", policy));
                return null;
            }

            var lost = PolicyReplacement.Describe(current, policy, bus, session.Region);
            var target = $"the whole policy of event bus '{bus}' in {session.Region}";
            if (!_approvals.ShouldProcess(target, $"Replace with the given policy document; {lost}")) return null;
            if (!_approvals.ConfirmHighImpact(
                    $"The policy of event bus '{bus}' in {session.Region} will be replaced; {lost}. Continue?",
                    "Replace the event bus policy", $"Replacing the whole policy of event bus '{bus}'", policy))
                return null;

            return async () =>
            {
                if (!await session.PutPolicyAsync(policy, "replace the policy", policy).ConfigureAwait(false)) return;
                session.Report.Verbose($"Replaced the policy of event bus '{bus}' ({lost}).");
                var readBack = await session.ReadAsync("read back the policy", new object?[] { policy }).ConfigureAwait(false);
                if (readBack == null) return;
                // The first object carries the take-back of the whole replacement: once it is written, the replacement was reported.
                var takeBack = TakeBacks.OfReplacedPolicy(session, current.Policy, policy);
                foreach (var permission in readBack.Permissions)
                {
                    permission.Status = PermissionStatus.Granted;
                    session.Report.Change(permission, takeBack);
                    takeBack = null;
                }
            };
        }
    }
}
