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
    /// Takes away the right to put events on an event bus (RemovePermission): by statement id, by account,
    /// from permission objects (Get-CWEventBus into Revoke), or all at once.
    /// </summary>
    [Cmdlet(VerbsSecurity.Revoke, "CWEventBusPermission", DefaultParameterSetName = StatementIdSet,
        SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(EventBusPermission))]
    public sealed class RevokeCWEventBusPermissionCommand : EventBridgeCmdlet
    {
        private const string StatementIdSet = "StatementId";
        private const string AccountSet = "Account";
        private const string InputObjectSet = "InputObject";
        private const string AllSet = "All";

        // Each bus's policy is read once per pipeline, and kept up to date with what this command removed.
        private readonly Dictionary<(string? Region, string Bus), EventBus> _buses = new Dictionary<(string?, string), EventBus>();

        [Parameter(ParameterSetName = StatementIdSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(Completion.StatementIdCompleter))]
        public string[] StatementId { get; set; } = Array.Empty<string>();

        [Parameter(ParameterSetName = AccountSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Account", "Id")]
        [AllowEmptyString]
        public string[] AccountId { get; set; } = Array.Empty<string>();

        [Parameter(ParameterSetName = InputObjectSet, Mandatory = true, ValueFromPipeline = true)]
        public EventBusPermission? InputObject { get; set; }

        [Parameter(ParameterSetName = AllSet, Mandatory = true)]
        public SwitchParameter All { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(Completion.EventBusNameCompleter))]
        public string EventBusName { get; set; } = EventBusNames.Default;

        /// <summary>Revoke all without asking.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            var bus = ParameterSetName == InputObjectSet && InputObject != null ? InputObject.EventBusName : EventBusName;
            if (ParameterSetName == InputObjectSet && InputObject?.Region != null) Region = InputObject.Region;
            var busProblem = EventBusNames.CheckName(bus);
            if (busProblem != null)
            {
                WriteError(InvalidInput(ErrorIds.InvalidEventBusName, busProblem, bus));
                return;
            }

            switch (ParameterSetName)
            {
                case AllSet:
                    RevokeAll(bus);
                    return;
                case AccountSet:
                    var accounts = new List<string>();
                    foreach (var raw in AccountId)
                    {
                        if (AccountIds.TryNormalize(raw, out var account, out var problem)) accounts.Add(account);
                        else WriteError(InvalidInput(PlanningErrorIds.InvalidAccountId, problem!, raw));
                    }
                    if (accounts.Count > 0) Revoke(bus, current => RevokePlanner.ByAccounts(current, accounts));
                    return;
                default:
                    var ids = new List<string>();
                    var given = ParameterSetName == InputObjectSet ? new[] { InputObject?.StatementId ?? "" } : StatementId;
                    foreach (var id in given)
                    {
                        var problem = StatementIds.Check(id);
                        if (problem == null) ids.Add(id);
                        else WriteError(InvalidInput(PlanningErrorIds.InvalidStatementId, problem, ParameterSetName == InputObjectSet ? (object?)InputObject : id));
                    }
                    if (ids.Count > 0) Revoke(bus, current => RevokePlanner.ByStatementIds(current, ids));
                    return;
            }
        }

        private void Revoke(string bus, Func<EventBus, IReadOnlyList<RevokeDecision>> plan)
        {
            var api = Connect();
            var current = Read(api, bus);
            if (current == null) return;

            foreach (var decision in plan(current))
            {
                if (decision.Kind != RevokeDecisionKind.Remove || decision.Permission == null)
                {
                    WriteError(new ErrorRecord(new ItemNotFoundException(decision.Message), decision.ErrorId, ErrorCategory.ObjectNotFound, decision.Target));
                    continue;
                }
                var permission = decision.Permission;
                var target = $"statement '{permission.StatementId}' ({permission.Principal}) on event bus '{bus}' in {api.Region}";
                if (!ShouldProcess(target, "Revoke")) continue;
                if (!Remove(api, new RemovePermissionInput { EventBusName = bus, StatementId = permission.StatementId }, out var failure))
                {
                    var e = failure!;
                    var record = ServiceError(e, $"Cannot revoke statement '{permission.StatementId}' on event bus '{bus}' in {api.Region}", decision.Target);
                    WriteError(record);
                    continue;
                }
                Forget(api.Region, bus, permission.StatementId);
                permission.Status = PermissionStatus.Revoked;
                WriteVerbose($"Revoked {target}.");
                WriteObject(permission);
            }
        }

        private void RevokeAll(string bus)
        {
            var api = Connect();
            var target = $"every permission on event bus '{bus}' in {api.Region}";
            if (!ShouldProcess(target, "Revoke all (RemoveAllPermissions)")) return;
            if (!ConfirmHighImpact(Force.IsPresent,
                    $"All permissions of event bus '{bus}' in {api.Region} will be removed. Continue?", "Revoke all permissions",
                    $"Revoking every permission on event bus '{bus}' needs confirmation, and this session cannot ask (it is non-interactive).", bus))
                return;

            var current = Read(api, bus);
            if (current == null) return;
            if (!Remove(api, new RemovePermissionInput { EventBusName = bus, RemoveAllPermissions = true }, out var failure))
            {
                WriteError(ServiceError(failure!, $"Cannot revoke the permissions of event bus '{bus}' in {api.Region}", bus));
                return;
            }
            foreach (var permission in current.Permissions)
            {
                permission.Status = PermissionStatus.Revoked;
                WriteObject(permission);
            }
            _buses.Remove((api.Region, bus));
        }

        /// <summary>
        /// RemovePermission with the same patience as Grant's writes. A statement that is gone on a retry was
        /// removed by an earlier attempt whose answer was lost (a dropped connection): that is success.
        /// </summary>
        private bool Remove(IEventBridgeApi api, RemovePermissionInput input, out EventBridgeApiException? failure)
        {
            failure = null;
            int attempts = 0;
            var retries = new ConcurrentQueue<string>();
            try
            {
                Await(TransientRetry.RunAsync(() => { attempts++; return api.RemovePermissionAsync(input, CancellationToken.None); }, retries.Enqueue, CancelToken));
                return true;
            }
            catch (EventBridgeApiException e) when (e.IsNotFound && attempts > 1 && input.StatementId != null)
            {
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

        private EventBus? Read(IEventBridgeApi api, string bus)
        {
            if (_buses.TryGetValue((api.Region, bus), out var cached)) return cached;
            try
            {
                var read = Await(api.DescribeEventBusAsync(bus, CancelToken)).ToEventBus(bus);
                _buses[(api.Region, bus)] = read;
                return read;
            }
            catch (EventBridgeApiException e)
            {
                WriteError(ServiceError(e, $"Cannot revoke on event bus '{bus}' in {api.Region}", bus));
                return null;
            }
        }

        /// <summary>Keeps the cached policy true to what this command removed, so a second revoke of it says not found.</summary>
        private void Forget(string region, string bus, string? statementId)
        {
            if (!_buses.TryGetValue((region, bus), out var current) || current.Policy == null) return;
            _buses[(region, bus)] = EventBus.Create(current.Name, current.Arn, current.Description, current.KmsKeyIdentifier,
                current.DeadLetterArn, current.CreationTime, current.LastModifiedTime, PolicyWithout(current.Policy, statementId));
        }

        private static string PolicyWithout(string policy, string? statementId)
        {
            using (var document = System.Text.Json.JsonDocument.Parse(policy))
            {
                var kept = new List<string>();
                if (document.RootElement.TryGetProperty("Statement", out var statements) && statements.ValueKind == System.Text.Json.JsonValueKind.Array)
                {
                    foreach (var s in statements.EnumerateArray())
                    {
                        var sid = s.ValueKind == System.Text.Json.JsonValueKind.Object && s.TryGetProperty("Sid", out var v) ? v.GetString() : null;
                        if (sid != statementId) kept.Add(s.GetRawText());
                    }
                }
                return "{\"Version\":\"2012-10-17\",\"Statement\":[" + string.Join(",", kept) + "]}";
            }
        }
    }
}
