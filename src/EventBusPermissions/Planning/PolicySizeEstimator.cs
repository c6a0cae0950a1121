using System;
using System.Collections.Generic;
using System.Text.Json;

namespace EventBusPermissions.Planning
{
    /// <summary>
    /// Predicts the length of the policy the service will store after a series of grants, so that a batch stops
    /// before the quota instead of failing part-way with PolicyLengthExceeded.
    /// </summary>
    /// <remarks>
    /// The base is the current text's real length, since the service's whitespace is not fixed. Each new statement
    /// adds its compact length and a comma; a replaced Sid first takes off its old statement's compact length.
    /// Where the stored text has whitespace the compact length undercounts what is taken off, so the prediction
    /// errs on the long side.
    /// </remarks>
    internal sealed class PolicySizeEstimator
    {
        /// <summary>The document PutPermission creates on a bus without a policy, less its statements.</summary>
        internal const string EmptyPolicy = "{\"Version\":\"2012-10-17\",\"Statement\":[]}";

        // Adding the first statement to a policy without a Statement array brings the member: ,"Statement":[]
        private const int StatementMemberLength = 15;

        private readonly string _busArn;
        private readonly Dictionary<string, int> _lengthBySid = new Dictionary<string, int>(StringComparer.Ordinal);
        private int _statementCount;

        // Characters the next new statement brings besides itself (a missing Statement member or array brackets).
        private int _firstAddOverhead;

        /// <param name="currentPolicy">The policy as DescribeEventBus returned it; null when the bus has none.</param>
        /// <param name="busArn">The bus's ARN, which every new statement holds as its Resource.</param>
        public PolicySizeEstimator(string? currentPolicy, string busArn)
        {
            ExpectedStatement.PartitionOf(busArn, nameof(busArn));
            _busArn = busArn;

            if (string.IsNullOrWhiteSpace(currentPolicy))
            {
                Length = EmptyPolicy.Length;
                return;
            }

            Length = currentPolicy!.Length;
            ReadStatements(currentPolicy);
        }

        /// <summary>The predicted length after the statements applied so far.</summary>
        public int Length { get; private set; }

        /// <summary>The length of a policy holding the given statements: added, or replacing the statement of their Sid.</summary>
        public static int Predict(string? currentPolicy, string busArn, IEnumerable<GrantRequest> statements)
        {
            if (statements == null) throw new ArgumentNullException(nameof(statements));
            var estimator = new PolicySizeEstimator(currentPolicy, busArn);
            foreach (var statement in statements)
            {
                estimator.Apply(statement);
            }

            return estimator.Length;
        }

        /// <summary>The predicted length if <paramref name="grant"/> were written next; changes nothing.</summary>
        public int LengthWith(GrantRequest grant) => LengthWith(grant, out _);

        /// <summary>Counts <paramref name="grant"/> as written.</summary>
        public void Apply(GrantRequest grant)
        {
            Length = LengthWith(grant, out var statementLength);
            if (!_lengthBySid.ContainsKey(grant.StatementId))
            {
                _statementCount++;
                _firstAddOverhead = 0;
            }

            _lengthBySid[grant.StatementId] = statementLength;
        }

        private int LengthWith(GrantRequest grant, out int statementLength)
        {
            if (grant == null) throw new ArgumentNullException(nameof(grant));
            statementLength = ExpectedStatement.Json(grant, _busArn).Length;

            if (_lengthBySid.TryGetValue(grant.StatementId, out var oldLength))
            {
                return Length - oldLength + statementLength;
            }

            var comma = _statementCount > 0 ? 1 : 0;
            return Length + _firstAddOverhead + comma + statementLength;
        }

        private void ReadStatements(string policy)
        {
            try
            {
                using (var document = JsonDocument.Parse(policy))
                {
                    var root = document.RootElement;
                    if (root.ValueKind != JsonValueKind.Object)
                    {
                        _statementCount = 1;
                        return;
                    }

                    if (!PolicyJson.TryGetMember(root, "Statement", out var statements))
                    {
                        _firstAddOverhead = StatementMemberLength;
                        return;
                    }

                    if (statements.ValueKind != JsonValueKind.Array)
                    {
                        // One statement object becomes an array of two.
                        _firstAddOverhead = 2;
                    }

                    foreach (var statement in PolicyJson.Values(statements))
                    {
                        _statementCount++;
                        if (PolicyJson.TryGetMember(statement, "Sid", out var sid) && sid.ValueKind == JsonValueKind.String)
                        {
                            var id = sid.GetString() ?? string.Empty;
                            if (!_lengthBySid.ContainsKey(id))
                            {
                                _lengthBySid[id] = PolicyJson.Compact(statement).Length;
                            }
                        }
                    }
                }
            }
            catch (Exception ex) when (ex is JsonException || ex is ArgumentException)
            {
                // The service stores only JSON; if this is not, count it as one statement so a comma is added.
                _statementCount = 1;
            }
        }
    }
}
