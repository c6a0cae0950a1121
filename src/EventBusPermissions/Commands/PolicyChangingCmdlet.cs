using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using EventBusPermissions.Aws;
using EventBusPermissions.Planning;
using EventBusPermissions.Validation;

namespace EventBusPermissions.Commands
{
    /// <summary>
    /// What Grant and Revoke share beyond the AWS parameters: the parameters given on the command line (as opposed
    /// to bound from a piped object), reading a bus with the checks every change needs first, removing one
    /// statement, and the High-impact question.
    /// </summary>
    public abstract partial class PolicyChangingCmdlet : EventBridgeCmdlet
    {
        /// <summary>The AWS region of the bus, e.g. us-east-1. Default: $StoredAWSRegion, AWS_REGION, AWS_DEFAULT_REGION, the profile's region.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? Region { get; set; }

        private HashSet<string> _commandLine = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private bool _yesToAll;
        private bool _noToAll;

        protected override void BeginProcessing()
        {
            // Before the first record, BoundParameters holds exactly what the command line gave.
            _commandLine = new HashSet<string>(MyInvocation.BoundParameters.Keys, StringComparer.OrdinalIgnoreCase);
            base.BeginProcessing();
        }

        /// <summary>True when the user typed the parameter, false when it is a default or came from the pipeline.</summary>
        protected bool GivenOnCommandLine(string parameterName) => _commandLine.Contains(parameterName);

        /// <summary>Region and bus name checked before anything is sent; false (with the error written) when either is bad.</summary>
        protected bool CheckRegionAndBus(string? region, string bus, object? target)
        {
            var regionProblem = RegionNames.Check(region);
            if (regionProblem != null)
            {
                WriteError(InvalidInput(ErrorIds.InvalidRegion, regionProblem, target ?? region));
                return false;
            }
            var busProblem = EventBusNames.CheckName(bus);
            if (busProblem != null)
            {
                WriteError(InvalidInput(ErrorIds.InvalidEventBusName, busProblem, target ?? bus));
                return false;
            }
            return true;
        }

        /// <summary>
        /// Reads the bus for a change: an error for each target when it cannot be read, or when its policy cannot be
        /// parsed (no change can be planned against a policy we cannot see; the parse problem is quoted).
        /// </summary>
        protected EventBus? ReadForChange(IEventBridgeApi api, string bus, string what, IReadOnlyCollection<object?> targets)
        {
            var current = ReadBus(api, bus, what, targets);
            if (current == null || current.PolicyParseError == null) return current;
            foreach (var target in targets)
                WriteError(UnreadablePolicy(current, api.Region, what, target));
            return null;
        }

        /// <summary>Reads the bus as it is (a policy that cannot be parsed included); an error for each target when it cannot be read.</summary>
        protected EventBus? ReadBus(IEventBridgeApi api, string bus, string what, IReadOnlyCollection<object?> targets)
        {
            try
            {
                return Await(api.DescribeEventBusAsync(bus, CancelToken)).ToEventBus(bus);
            }
            catch (EventBridgeApiException e)
            {
                foreach (var target in targets)
                    WriteError(ServiceError(e, $"Cannot {what} on event bus '{bus}' in {api.Region}", target));
                return null;
            }
        }

        protected ErrorRecord UnreadablePolicy(EventBus bus, string region, string what, object? target)
            => new ErrorRecord(new InvalidOperationException(
                    $"Cannot {what} on event bus '{bus.Name}' in {region}: its policy could not be read ({bus.PolicyParseError}), so nothing on it can be " +
                    "kept safely and nothing was changed. Look at it with (Get-CWEventBus).Policy; only Grant-CWEventBusPermission -Policy with -Force replaces it."),
                ErrorIds.UnreadablePolicy, ErrorCategory.InvalidData, target);

        /// <summary>
        /// True when the bus reached now is the bus the piped object was read from (or no object said). Otherwise the
        /// credentials or region in use reach another account's bus: an error naming both, and nothing is done.
        /// </summary>
        protected bool IsSameBus(EventBus current, string? expectedArn, object? target)
        {
            if (expectedArn == null || string.Equals(current.Arn, expectedArn, StringComparison.Ordinal)) return true;
            EventBusArn.TryParse(expectedArn, out _, out var expectedRegion, out var expectedAccount, out _);
            var message = $"The piped object was read from {expectedArn} (account {Or(expectedAccount)}, {Or(expectedRegion)}), but the credentials and " +
                $"region in use reach {current.Arn ?? current.Name} (account {Or(current.AccountId)}, {Or(current.Region)}). Nothing was changed. " +
                "Give the same -ProfileName, credentials and -Region that read it.";
            WriteError(new ErrorRecord(new InvalidOperationException(message), ErrorIds.AccountMismatch, ErrorCategory.InvalidOperation, target));
            return false;
        }

        private static string Or(string? value) => string.IsNullOrEmpty(value) ? "unknown" : value!;

        /// <summary>
        /// Removes one statement by its id and emits it with the Status Revoked. A statement without a Sid (which
        /// RemovePermission cannot name) or a refusal is an error, and false.
        /// </summary>
        protected bool RevokeStatement(IEventBridgeApi api, string bus, EventBusPermission permission, object? errorTarget)
        {
            if (permission.StatementId == null)
            {
                WriteError(new ErrorRecord(new InvalidOperationException(
                    $"A statement of event bus '{bus}' ({PermissionText.Describe(permission)}) has no Sid, so RemovePermission cannot remove it: " +
                    $"{permission.StatementJson}. Edit the whole policy instead (Grant-CWEventBusPermission -Policy)."),
                    PlanningErrorIds.StatementWithoutId, ErrorCategory.InvalidOperation, errorTarget));
                return false;
            }
            if (!RemoveStatement(api, bus, permission.StatementId, out var failure))
            {
                WriteError(ServiceError(failure!, $"Cannot revoke statement '{permission.StatementId}' on event bus '{bus}' in {api.Region}", errorTarget));
                return false;
            }
            WriteVerbose($"Revoked statement '{permission.StatementId}' ({PermissionText.Describe(permission)}) on event bus '{bus}' in {api.Region}.");
            // A shared statement took all its principals with it: each is reported, as Get-CWEventBus listed them.
            foreach (var revoked in PermissionObjects.OfSameStatement(permission))
            {
                revoked.Status = PermissionStatus.Revoked;
                WriteObject(revoked);
            }
            return true;
        }

        /// <summary>
        /// RemovePermission with the same patience as Grant's writes. A statement that the service says is not there
        /// was there when this command read the bus: an attempt whose answer was lost removed it (the SDK retries a
        /// dropped connection or a 5xx itself, so even a first answer can say so), or another writer did. Either
        /// way the bus holds what the revoke asked for: that is success.
        /// </summary>
        protected bool RemoveStatement(IEventBridgeApi api, string bus, string statementId, out EventBridgeApiException? failure)
        {
            failure = null;
            var retries = new ConcurrentQueue<string>();
            var input = new RemovePermissionInput { EventBusName = bus, StatementId = statementId };
            try
            {
                Await(TransientRetry.RunAsync(() => api.RemovePermissionAsync(input, CancellationToken.None), retries.Enqueue, CancelToken));
                return true;
            }
            catch (EventBridgeApiException e) when (e.IsNotFound && e.Message.IndexOf("Statement", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                WriteVerbose($"Statement '{statementId}' on event bus '{bus}' was already gone when removed (an attempt whose answer was lost, or another writer).");
                return true;
            }
            catch (EventBridgeApiException e)
            {
                failure = e;
                return false;
            }
            finally
            {
                foreach (var message in retries) WriteVerbose(message);
            }
        }

        /// <summary>
        /// The extra question for a High-impact change (grant to everyone, replace or revoke many), on top of
        /// ShouldProcess. -Force or -Confirm:$false answer it. The prompt's default is No (hasSecurityImpact), so an
        /// empty line from a runbook host or a piped script refuses; and when the host cannot ask at all (no console,
        /// end of input, -NonInteractive) the item fails with ConfirmationRequired and nothing is sent.
        /// </summary>
        protected bool ConfirmHighImpact(bool force, string query, string caption, string what, object? target)
        {
            if (force || ConfirmExplicitlyOff()) return true;
            try
            {
                if (ShouldContinue(query, caption, true, ref _yesToAll, ref _noToAll)) return true;
                WriteVerbose($"Not confirmed: {what} was not done.");
                return false;
            }
            catch (PipelineStoppedException)
            {
                throw;
            }
            catch (Exception e) when (!(e is OutOfMemoryException))
            {
                // A host that cannot prompt throws (HostException, PSInvalidOperationException), and one whose input
                // has ended can fail inside the prompt (NullReferenceException): no answer is never a yes.
                WriteError(new ErrorRecord(new InvalidOperationException(
                        $"{what} needs confirmation, and this session could not ask (it is non-interactive, or its input has ended). Nothing was changed. " +
                        "Add -Force or -Confirm:$false to go ahead unattended."),
                    ErrorIds.ConfirmationRequired, ErrorCategory.PermissionDenied, target));
                return false;
            }
        }

        private bool ConfirmExplicitlyOff()
            => MyInvocation.BoundParameters.TryGetValue("Confirm", out var confirm) && confirm is SwitchParameter s && !s.IsPresent;
    }
}
