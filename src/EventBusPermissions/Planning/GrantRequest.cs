using System;

namespace EventBusPermissions.Planning
{
    /// <summary>One grant a user asks for: who may call which action, under which statement id.</summary>
    /// <remarks>Built only through the factories, so every instance holds values the service accepts.</remarks>
    internal sealed class GrantRequest : IEquatable<GrantRequest>
    {
        private GrantRequest(string principal, string? organizationId, string action, string statementId)
        {
            Principal = principal;
            OrganizationId = organizationId;
            Action = action;
            StatementId = statementId;
        }

        /// <summary>PutPermission's Principal: 12 digits, or * (every account, or the accounts of <see cref="OrganizationId"/>).</summary>
        public string Principal { get; }

        /// <summary>Set for an organization grant (Principal *, condition aws:PrincipalOrgID); null otherwise.</summary>
        public string? OrganizationId { get; }

        public string Action { get; }

        public string StatementId { get; }

        /// <summary>A grant to one account or to everyone.</summary>
        /// <param name="accountId">12 digits, also as 1111-2222-3333, or *.</param>
        /// <param name="statementId">Null for the default id (<see cref="StatementIds.ForAccount"/>).</param>
        /// <exception cref="ArgumentException">An input breaks its rule; check inputs first to give users the message as an error.</exception>
        public static GrantRequest ForAccount(string accountId, string action, string? statementId = null)
        {
            if (!AccountIds.TryNormalize(accountId, out var principal, out var error))
            {
                throw new ArgumentException(error, nameof(accountId));
            }

            return Create(principal, null, action, statementId ?? StatementIds.ForAccount(principal));
        }

        /// <summary>A grant to every account of an organization.</summary>
        /// <param name="statementId">Null for the default id (<see cref="StatementIds.ForOrganization"/>).</param>
        /// <exception cref="ArgumentException">An input breaks its rule; check inputs first to give users the message as an error.</exception>
        public static GrantRequest ForOrganization(string organizationId, string action, string? statementId = null)
        {
            Require(OrganizationIds.Check(organizationId), nameof(organizationId));
            return Create(AccountIds.Everyone, organizationId, action, statementId ?? StatementIds.ForOrganization(organizationId));
        }

        /// <summary>What the grant allows, for messages: "events:PutEvents for account 111122223333".</summary>
        public string Describe()
        {
            string whom;
            if (OrganizationId != null)
            {
                whom = "the accounts of organization " + OrganizationId;
            }
            else if (Principal == AccountIds.Everyone)
            {
                whom = "every account (*)";
            }
            else
            {
                whom = "account " + Principal;
            }

            return Action + " for " + whom;
        }

        public bool Equals(GrantRequest? other) =>
            other != null
            && string.Equals(Principal, other.Principal, StringComparison.Ordinal)
            && string.Equals(OrganizationId, other.OrganizationId, StringComparison.Ordinal)
            && string.Equals(Action, other.Action, StringComparison.Ordinal)
            && string.Equals(StatementId, other.StatementId, StringComparison.Ordinal);

        public override bool Equals(object? obj) => Equals(obj as GrantRequest);

        public override int GetHashCode()
        {
            // HashCode.Combine is missing from netstandard2.0.
            unchecked
            {
                var hash = StringComparer.Ordinal.GetHashCode(Principal);
                hash = (hash * 397) ^ (OrganizationId == null ? 0 : StringComparer.Ordinal.GetHashCode(OrganizationId));
                hash = (hash * 397) ^ StringComparer.Ordinal.GetHashCode(Action);
                hash = (hash * 397) ^ StringComparer.Ordinal.GetHashCode(StatementId);
                return hash;
            }
        }

        public override string ToString() => StatementId + ": " + Describe();

        private static GrantRequest Create(string principal, string? organizationId, string action, string statementId)
        {
            Require(Actions.Check(action), nameof(action));
            Require(StatementIds.Check(statementId), nameof(statementId));
            return new GrantRequest(principal, organizationId, action, statementId);
        }

        private static void Require(string? problem, string parameterName)
        {
            if (problem != null)
            {
                throw new ArgumentException(problem, parameterName);
            }
        }
    }
}
