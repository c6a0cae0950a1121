using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using EventBusPermissions.Aws;

namespace EventBusPermissions.Tests.Engine
{
    /// <summary>
    /// One bus whose policy is kept as text, exactly as written (FakeEventBridgeApi's JSON nodes refuse a repeated
    /// member). RemovePermission answers as AWS does: ValidationException for a StatementId its model forbids,
    /// ResourceNotFoundException for one no statement has as its string Sid.
    /// </summary>
    internal sealed class TextPolicyApi : IEventBridgeApi
    {
        private static readonly Regex StatementIdRule = new Regex("^[a-zA-Z0-9-_]{1,64}$");
        private readonly object _lock = new object();

        public TextPolicyApi(string arn, string? policy)
        {
            Arn = arn;
            Policy = policy;
        }

        public string Arn { get; }
        public string? Policy { get; private set; }
        public string Region => "us-east-1";
        public string? EndpointUrl => null;
        public string CredentialSource => "fake";

        /// <summary>Every request: "DescribeEventBus", "PutPermission Policy", "PutPermission &lt;Sid&gt;", "RemovePermission &lt;Sid&gt;".</summary>
        public ConcurrentQueue<string> Log { get; } = new ConcurrentQueue<string>();

        public Task<EventBusDescription> DescribeEventBusAsync(string? nameOrArn, CancellationToken cancellationToken)
        {
            Log.Enqueue("DescribeEventBus");
            lock (_lock) return Task.FromResult(new EventBusDescription { Name = "default", Arn = Arn, Policy = Policy });
        }

        public Task PutPermissionAsync(PutPermissionInput input, CancellationToken cancellationToken)
        {
            if (input.Policy == null) throw new NotSupportedException("Only whole policies are written here.");
            Log.Enqueue("PutPermission Policy");
            lock (_lock) Policy = input.Policy;
            return Task.CompletedTask;
        }

        public Task RemovePermissionAsync(RemovePermissionInput input, CancellationToken cancellationToken)
        {
            Log.Enqueue("RemovePermission " + input.StatementId);
            if (input.StatementId == null || !StatementIdRule.IsMatch(input.StatementId))
            {
                throw new EventBridgeApiException($"1 validation error detected: Value '{input.StatementId}' at 'statementId' failed to satisfy constraint: " +
                    "Member must satisfy regular expression pattern: [a-zA-Z0-9-_]+", "ValidationException", 400, null, false);
            }
            lock (_lock)
            {
                var without = Policy == null ? null
                    : PolicyDocumentBuilder.WithoutStatements(Policy, p => p.SidIsText && p.StatementId == input.StatementId);
                if (without == null || without == Policy)
                    throw new EventBridgeApiException("Statement with the provided id does not exist.", "ResourceNotFoundException", 400, null, false);
                Policy = without;
            }
            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<string>> ListEventBusNamesAsync(string? namePrefix, CancellationToken cancellationToken)
            => Task.FromResult<IReadOnlyList<string>>(new[] { "default" });
    }
}
