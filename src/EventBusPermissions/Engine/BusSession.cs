using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using EventBusPermissions.Aws;
using EventBusPermissions.Commands;
using EventBusPermissions.Planning;
using EventBusPermissions.Validation;

namespace EventBusPermissions.Engine
{
    /// <summary>
    /// The requests a change makes on one bus (read, grant, remove a statement, write a whole policy and read it back),
    /// as plain async C# that runs on any thread: what happens is written to the bus's <see cref="BusReport"/>, never to
    /// the cmdlet. Writes in flight are never abandoned (Ctrl+C could not tell whether they happened); once the stop
    /// token is set, no further write starts.
    /// </summary>
    internal sealed class BusSession
    {
        /// <summary>Read-back rounds of a whole-policy write, to repair what a concurrent writer's update lost.</summary>
        public const int WholePolicyRounds = 8;

        public BusSession(IEventBridgeApi api, string bus, BusReport report, CancellationToken stop)
        {
            Api = api;
            Bus = bus;
            Report = report;
            Stop = stop;
        }

        public IEventBridgeApi Api { get; }
        public string Bus { get; }
        public BusReport Report { get; }
        public CancellationToken Stop { get; }
        public string Region => Api.Region;

        /// <summary>Reads the bus as it is (a policy that cannot be parsed included); an error for each target when it cannot be read.</summary>
        public async Task<EventBus?> ReadAsync(string what, IReadOnlyCollection<object?> targets)
        {
            try
            {
                return (await Api.DescribeEventBusAsync(Bus, Stop).ConfigureAwait(false)).ToEventBus(Bus);
            }
            catch (EventBridgeApiException e)
            {
                foreach (var target in targets)
                    Report.Error(CommandErrors.Service(e, $"Cannot {what} on event bus '{Bus}' in {Region}", target));
                return null;
            }
        }

        /// <summary>
        /// Reads the bus for a change: an error for each target when it cannot be read, or when its policy cannot be
        /// parsed (no change can be planned against a policy we cannot see; the parse problem is quoted).
        /// </summary>
        public async Task<EventBus?> ReadForChangeAsync(string what, IReadOnlyCollection<object?> targets)
        {
            var current = await ReadAsync(what, targets).ConfigureAwait(false);
            if (current == null || current.PolicyParseError == null) return current;
            foreach (var target in targets)
                Report.Error(CommandErrors.UnreadablePolicy(current, Region, what, target));
            return null;
        }

        /// <summary>
        /// True when the bus reached now is the bus the piped object was read from (or no object said). Otherwise the
        /// credentials or region in use reach another account's bus: an error naming both, and nothing is done.
        /// </summary>
        public bool IsSameBus(EventBus current, string? expectedArn, object? target)
        {
            var mismatch = Mismatch(current, expectedArn, target);
            if (mismatch != null) Report.Error(mismatch);
            return mismatch == null;
        }

        /// <summary>The error <see cref="IsSameBus"/> writes, or null when the bus is the one expected.</summary>
        public ErrorRecord? Mismatch(EventBus current, string? expectedArn, object? target)
        {
            if (expectedArn == null || string.Equals(current.Arn, expectedArn, StringComparison.Ordinal)) return null;
            EventBusArn.TryParse(expectedArn, out _, out var expectedRegion, out var expectedAccount, out _);
            var message = $"The piped object was read from {expectedArn} (account {Or(expectedAccount)}, {Or(expectedRegion)}), but the credentials and " +
                $"region in use reach {current.Arn ?? current.Name} (account {Or(current.AccountId)}, {Or(current.Region)}). Nothing was done for it. " +
                "Give the same -ProfileName, credentials and -Region that read it.";
            return new ErrorRecord(new InvalidOperationException(message), ErrorIds.AccountMismatch, ErrorCategory.InvalidOperation, target);
        }

        private static string Or(string? value) => string.IsNullOrEmpty(value) ? "unknown" : value!;

        /// <summary>One grant with PutPermission; a refusal is an error, except the quota, which the caller plans around.</summary>
        public async Task<GrantWrite> PutGrantAsync(GrantRequest request, object? target)
        {
            var input = new PutPermissionInput
            {
                EventBusName = Bus,
                Action = request.Action,
                Principal = request.Principal,
                StatementId = request.StatementId,
                PrincipalOrgId = request.OrganizationId,
            };
            try
            {
                await WriteAsync(() => Api.PutPermissionAsync(input, CancellationToken.None)).ConfigureAwait(false);
                return GrantWrite.Written;
            }
            catch (EventBridgeApiException e) when (e.ErrorCode == "PolicyLengthExceededException")
            {
                return GrantWrite.QuotaHit;
            }
            catch (EventBridgeApiException e)
            {
                Report.Error(CommandErrors.Service(e, $"Cannot grant {request.Describe()} on event bus '{Bus}' in {Region}", target));
                return GrantWrite.Failed;
            }
        }

        /// <summary>
        /// Removes one statement and reports it with the Status Revoked (each principal of a shared statement): by its id
        /// with RemovePermission, or, when RemovePermission cannot name it (a Sid its rule forbids, a numeric Sid, no
        /// Sid), with a whole-policy write that keeps every other statement as written. A refusal is an error, and false.
        /// </summary>
        public async Task<bool> RevokeStatementAsync(EventBusPermission permission, object? errorTarget)
        {
            if (!StatementRemoval.ByRemovePermission(permission))
            {
                // AWS answers ValidationException for such an id, and the statement would stay.
                if (!await StatementRemovalWrite.RunAsync(this, permission, errorTarget).ConfigureAwait(false)) return false;
            }
            else
            {
                var failure = await RemoveStatementAsync(permission.StatementId!).ConfigureAwait(false);
                if (failure != null)
                {
                    Report.Error(CommandErrors.Service(failure, $"Cannot revoke statement '{permission.StatementId}' on event bus '{Bus}' in {Region}", errorTarget));
                    return false;
                }
            }
            Report.Verbose($"Revoked {StatementRemoval.Name(permission)} ({PermissionText.Describe(permission)}) on event bus '{Bus}' in {Region}.");
            // A shared statement took all its principals with it: each is reported, as Get-CWEventBus listed them. The first
            // carries the statement's take-back: once it is written, the removal has been reported.
            var takeBack = TakeBacks.OfRemovedStatement(this, permission.StatementId, permission.StatementJson);
            foreach (var revoked in PermissionObjects.OfSameStatement(permission))
            {
                revoked.Status = PermissionStatus.Revoked;
                Report.Change(revoked, takeBack);
                takeBack = null;
            }
            return true;
        }

        /// <summary>
        /// RemovePermission with the same patience as the grants. A statement that the service says is not there was
        /// there when this command read the bus: an attempt whose answer was lost removed it (the SDK retries a dropped
        /// connection or a 5xx itself, so even a first answer can say so), or another writer did. Either way the bus
        /// holds what the revoke asked for: that is success. Returns the failure, or null.
        /// </summary>
        public async Task<EventBridgeApiException?> RemoveStatementAsync(string statementId)
        {
            var input = new RemovePermissionInput { EventBusName = Bus, StatementId = statementId };
            try
            {
                await WriteAsync(() => Api.RemovePermissionAsync(input, CancellationToken.None)).ConfigureAwait(false);
                return null;
            }
            catch (EventBridgeApiException e) when (e.IsStatementNotFound)
            {
                Report.Verbose($"Statement '{statementId}' on event bus '{Bus}' was already gone when removed (an attempt whose answer was lost, or another writer).");
                return null;
            }
            catch (EventBridgeApiException e)
            {
                return e;
            }
        }

        /// <summary>
        /// Writes a whole policy planned from <paramref name="read"/>, reads it back and checks it: what the change meant
        /// must hold, and every statement it kept must still be there. The plan is made again from a read made right
        /// before the write, so the window in which another writer's change could be overwritten is one request; what a
        /// concurrent writer lost is planned again from the policy as it is then, never from the old one. A kept
        /// statement that is gone is reported, not written back (it may have been removed on purpose). Returns the
        /// policy as last read, or null when the change could not be made.
        /// </summary>
        /// <param name="plan">The change for a policy as read; null when nothing needs writing.</param>
        /// <param name="takeBacks">
        /// The inverses of the change, held from the first write until the caller reports its objects (and releases them):
        /// a stop while the policy is read back and settles then still undoes a change nobody heard of.
        /// </param>
        public async Task<EventBus?> WriteWholePolicyAsync(EventBus read, Func<EventBus, WholePolicyChange?> plan, string what, object? target,
            IReadOnlyList<TakeBack>? takeBacks = null)
        {
            if (plan(read) == null) return read;
            var current = await ReadForChangeAsync(what, new[] { target }).ConfigureAwait(false);
            if (current == null) return null;
            var warned = new HashSet<string>(StringComparer.Ordinal);
            for (var round = 1; round <= WholePolicyRounds; round++)
            {
                var change = plan(current);
                if (change == null) return current;
                if (!await PutPolicyAsync(change.Policy, what, target).ConfigureAwait(false)) return null;
                if (takeBacks != null && round == 1) Report.Hold(takeBacks);

                var readBack = await ReadForChangeAsync(what, new[] { target }).ConfigureAwait(false);
                if (readBack == null) return null;
                IReadOnlyList<string> missing;
                var settleReads = 0;
                while (true)
                {
                    var lost = change.LostFrom(readBack).Where(warned.Add).ToList();
                    if (lost.Count > 0)
                    {
                        Report.Warning($"After this command wrote the policy of event bus '{Bus}' in {Region}, {lost.Count} statement(s) it kept are gone " +
                            $"(another writer replaced or removed them since): {string.Join(" ", lost)}. They were not written back: decide whether the bus should hold them.");
                    }
                    missing = change.MissingAfter(readBack);
                    if (missing.Count > 0) break;
                    // The policy is exactly what was written: nobody wrote after it. Otherwise another writer is at work, and
                    // a whole-policy write of theirs, planned before this one landed, could still replace it: read again
                    // after a pause, until the policy stands still.
                    if (PolicySettling.SameStatements(readBack, change.Policy) || ++settleReads > PolicySettling.MaxSettleReads) return readBack;
                    var previous = readBack.Policy;
                    await PolicySettling.PauseAsync(Stop).ConfigureAwait(false);
                    readBack = await ReadForChangeAsync(what, new[] { target }).ConfigureAwait(false);
                    if (readBack == null) return null;
                    if (readBack.Policy == previous && change.MissingAfter(readBack).Count == 0) return readBack;
                }
                if (round == WholePolicyRounds)
                {
                    foreach (var problem in missing)
                        Report.Error(new ErrorRecord(new InvalidOperationException(
                            $"To {what} on event bus '{Bus}' in {Region}: {problem} after {WholePolicyRounds} rounds of writing and reading back; another writer keeps replacing the policy."),
                            PlanningErrorIds.GrantNotConfirmed, ErrorCategory.WriteError, target));
                    return readBack;
                }
                Report.Warning($"Read-back of event bus '{Bus}' in {Region}: {string.Join("; ", missing)} (a concurrent writer's update?); planning again from the policy as it is now.");
                current = readBack;
            }
            return current;
        }

        /// <summary>PutPermission with a whole policy, with the same patience as the other writes; an error when it fails.</summary>
        public async Task<bool> PutPolicyAsync(string policy, string what, object? target)
        {
            try
            {
                // Never abandoned in flight: the same document written twice is the same policy.
                await WriteAsync(() => Api.PutPermissionAsync(new PutPermissionInput { EventBusName = Bus, Policy = policy }, CancellationToken.None)).ConfigureAwait(false);
                return true;
            }
            catch (EventBridgeApiException e)
            {
                Report.Error(CommandErrors.Service(e, $"Cannot {what} on event bus '{Bus}' in {Region}", target));
                return false;
            }
        }

        /// <summary>
        /// One write, retried while it is transient (a concurrent writer, a 5xx, no answer). None starts once the
        /// command is stopping; the waits between attempts end at once then.
        /// </summary>
        private async Task WriteAsync(Func<Task> call)
        {
            Stop.ThrowIfCancellationRequested();
            var retries = new ConcurrentQueue<string>();
            try
            {
                await TransientRetry.RunAsync(call, retries.Enqueue, Stop).ConfigureAwait(false);
            }
            finally
            {
                foreach (var message in retries) Report.Verbose(message);
            }
        }
    }

    internal enum GrantWrite { Written, QuotaHit, Failed }
}
