using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using EventBusPermissions.Engine;
using EventBusPermissions.Aws;
using EventBusPermissions.Planning;
using EventBusPermissions.Validation;

namespace EventBusPermissions.Commands
{
    /// <summary>
    /// What Grant and Revoke share beyond the AWS parameters: the parameters given on the command line (as opposed
    /// to bound from a piped object), the checks of region and bus, driving the work on the buses (whose requests
    /// are in <see cref="BusSession"/>), and the High-impact question.
    /// </summary>
    public abstract class PolicyChangingCmdlet : EventBridgeCmdlet
    {
        /// <summary>The AWS region of the bus, e.g. us-east-1. Default: $StoredAWSRegion, AWS_REGION, AWS_DEFAULT_REGION, the profile's region.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [Input.OneValue]
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

        /// <summary>A session of requests on one bus whose report goes to <paramref name="report"/>, stopped by Ctrl+C.</summary>
        private protected BusSession Session(IEventBridgeApi api, string bus, BusReport report) => new BusSession(api, bus, report, CancelToken);

        /// <summary>
        /// Works on many buses through <see cref="BusPipeline"/>: reads ahead and works off this thread, at most
        /// -ThrottleLimit buses at once, and asks, plans and writes everything out here, bus by bus in input order.
        /// </summary>
        private protected void RunOnBuses<TItem>(IReadOnlyList<TItem> buses, string activity, Func<TItem, BusReport, Task<EventBus?>> read,
            Func<TItem, EventBus?, BusReport, Func<Task>?> plan, Func<TItem, string> describe)
        {
            if (buses.Count == 0) return;
            var sink = new CmdletSink(this);
            BusPipeline.Run(buses, ThrottleLimit, read, plan, sink,
                (item, e) => CommandErrors.Unexpected(e, $"Cannot finish on {describe(item)}", describe(item)),
                buses.Count < 2 ? (Action<int, int>?)null : (done, all) => WriteProgress(done == all
                    ? new ProgressRecord(1, activity, "Done") { RecordType = ProgressRecordType.Completed }
                    : new ProgressRecord(1, activity, $"{done} of {all} event buses done") { PercentComplete = 100 * done / all }),
                CancelToken);
        }

        /// <summary>Writes a bus's report on the pipeline thread; an object is not written once the command is stopping.</summary>
        private sealed class CmdletSink : IReportSink
        {
            private readonly PolicyChangingCmdlet _cmdlet;

            public CmdletSink(PolicyChangingCmdlet cmdlet) => _cmdlet = cmdlet;

            public void WriteObject(object value)
            {
                _cmdlet.WritePacerNotices();
                if (_cmdlet.Stopping) throw new PipelineStoppedException();
                _cmdlet.WriteObject(value);
            }

            public void WriteError(ErrorRecord error)
            {
                _cmdlet.WritePacerNotices();
                _cmdlet.WriteError(error);
            }

            public void WriteWarning(string message) => _cmdlet.WriteWarning(message);

            public void WriteVerbose(string message) => _cmdlet.WriteVerbose(message);

            public void WriteProgress(ProgressRecord progress) => _cmdlet.WriteProgress(progress);
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
                        $"{what} needs confirmation, and this session could not ask (it is non-interactive, or its input has ended), so it was not done. " +
                        "Add -Force or -Confirm:$false to go ahead unattended."),
                    ErrorIds.ConfirmationRequired, ErrorCategory.PermissionDenied, target));
                return false;
            }
        }

        private bool ConfirmExplicitlyOff()
            => MyInvocation.BoundParameters.TryGetValue("Confirm", out var confirm) && confirm is SwitchParameter s && !s.IsPresent;
    }
}
