using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Management.Automation;
using EventBusPermissions.Aws;
using EventBusPermissions.Planning;

namespace EventBusPermissions.Commands
{
    public abstract partial class PolicyChangingCmdlet
    {
        /// <summary>Read-back rounds of a whole-policy write, to repair what a concurrent writer's update lost.</summary>
        private const int WholePolicyRounds = 8;

        /// <summary>
        /// Writes a whole policy planned from <paramref name="read"/> (read right before), reads it back and checks it:
        /// what the change meant must hold, and every statement it kept must still be there. What a concurrent writer
        /// lost is planned again from the policy as it is then, never from the old one, so nothing someone else wrote
        /// meanwhile is overwritten; a kept statement that is gone is reported, not written back (it may have been
        /// removed on purpose). Returns the policy as last read, or null when the change could not be made.
        /// </summary>
        /// <param name="plan">The change for a policy as read; null when nothing needs writing.</param>
        protected EventBus? WriteWholePolicy(IEventBridgeApi api, string bus, EventBus read, Func<EventBus, WholePolicyChange?> plan, string what, object? target)
        {
            // The plan was made (and confirmed) from an earlier read; planning once more from a read made right now keeps
            // the window in which another writer's change could be overwritten as short as one request.
            if (plan(read) == null) return read;
            var current = ReadForChange(api, bus, what, new[] { target });
            if (current == null) return null;
            for (var round = 1; round <= WholePolicyRounds; round++)
            {
                var change = plan(current);
                if (change == null) return current;
                if (!PutPolicy(api, bus, change.Policy, what, target)) return null;

                var readBack = ReadForChange(api, bus, what, new[] { target });
                if (readBack == null) return null;
                var lost = change.LostFrom(readBack);
                if (lost.Count > 0)
                {
                    WriteWarning($"After this command wrote the policy of event bus '{bus}' in {api.Region}, {lost.Count} statement(s) it kept are gone " +
                        $"(another writer replaced or removed them since): {string.Join(" ", lost)}. They were not written back: decide whether the bus should hold them.");
                }
                var missing = change.MissingAfter(readBack);
                if (missing.Count == 0) return readBack;
                if (round == WholePolicyRounds)
                {
                    foreach (var problem in missing)
                        WriteError(new ErrorRecord(new InvalidOperationException(
                            $"To {what} on event bus '{bus}' in {api.Region}: {problem} after {WholePolicyRounds} rounds of writing and reading back; another writer keeps replacing the policy."),
                            PlanningErrorIds.GrantNotConfirmed, ErrorCategory.WriteError, target));
                    return readBack;
                }
                WriteWarning($"Read-back of event bus '{bus}' in {api.Region}: {string.Join("; ", missing)} (a concurrent writer's update?); planning again from the policy as it is now.");
                current = readBack;
            }
            return current;
        }

        /// <summary>PutPermission with a whole policy, with the same patience as the other writes; an error when it fails.</summary>
        private bool PutPolicy(IEventBridgeApi api, string bus, string policy, string what, object? target)
        {
            var retries = new ConcurrentQueue<string>();
            try
            {
                var input = new PutPermissionInput { EventBusName = bus, Policy = policy };
                // Never abandoned in flight: the same document written twice is the same policy.
                Await(TransientRetry.RunAsync(() => api.PutPermissionAsync(input, System.Threading.CancellationToken.None), retries.Enqueue, CancelToken));
                return true;
            }
            catch (EventBridgeApiException e)
            {
                WriteError(ServiceError(e, $"Cannot {what} on event bus '{bus}' in {api.Region}", target));
                return false;
            }
            finally
            {
                foreach (var message in retries) WriteVerbose(message);
            }
        }
    }
}
