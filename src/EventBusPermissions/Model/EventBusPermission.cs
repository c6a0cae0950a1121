using System.Collections.Generic;

namespace EventBusPermissions
{
    /// <summary>
    /// One principal of one statement of an event bus policy, flattened into text a PowerShell user can read and
    /// filter on. A statement whose Principal is a list of several AWS principals ({"AWS":[...]}, as the console,
    /// Terraform or a packed grant write it) is shared: it is read as one permission per principal, each with the
    /// whole statement's Sid, Effect, Action, Resource, Condition and StatementJson and its own Principal and
    /// AccountId, and <see cref="PrincipalCount"/> saying how many share it.
    /// </summary>
    public sealed class EventBusPermission
    {
        // A constructor rather than init accessors: init needs a polyfill type on netstandard2.0,
        // and a second copy of it elsewhere in the assembly would not compile.
        internal EventBusPermission(
            string? statementId,
            string eventBusName,
            string? region,
            string? principal,
            string? accountId,
            string? organizationId,
            string? action,
            string? effect,
            string? resource,
            string? condition,
            string statementJson,
            string? eventBusArn = null,
            int principalCount = 1,
            IReadOnlyList<string>? sharedPrincipals = null,
            IReadOnlyList<string>? repeatedMembers = null,
            bool sidIsText = false)
        {
            StatementId = statementId;
            EventBusName = eventBusName;
            Region = region;
            Principal = principal;
            AccountId = accountId;
            OrganizationId = organizationId;
            Action = action;
            Effect = effect;
            Resource = resource;
            Condition = condition;
            StatementJson = statementJson;
            EventBusArn = eventBusArn;
            PrincipalCount = principalCount < 1 ? 1 : principalCount;
            SharedPrincipals = PrincipalCount > 1 ? sharedPrincipals : null;
            RepeatedMemberPaths = repeatedMembers ?? new string[0];
            SidIsText = sidIsText;
        }

        /// <summary>
        /// Who this permission lets put events on its bus, once every statement of the policy is taken into account (a Deny
        /// elsewhere may narrow it): Public, CrossAccount or Private; null on objects that were not read from a bus policy.
        /// </summary>
        public Exposure? Exposure { get; internal set; }

        /// <summary>Why: one readable sentence, such as "Any principal in organization o-a1b2c3d4e5 (aws:PrincipalOrgID)."</summary>
        public string? Reason { get; internal set; }

        /// <summary>The statement's Sid; the same for every principal of a shared statement.</summary>
        public string? StatementId { get; }

        public string EventBusName { get; }

        public string? Region { get; }

        /// <summary>
        /// This permission's principal: an account as its 12 digits (also when written as its root ARN), '*', any
        /// other AWS principal as written, or for statements that are not split (service principals, a Principal
        /// object that mixes types, NotPrincipal) the statement's whole principal, such as
        /// 'Service:events.amazonaws.com' or 'NOT 111122223333'.
        /// </summary>
        public string? Principal { get; }

        /// <summary>Set only when <see cref="Principal"/> is exactly one whole AWS account (its root ARN or its 12 digits).</summary>
        public string? AccountId { get; }

        public string? OrganizationId { get; }

        public string? Action { get; }

        public string? Effect { get; }

        public string? Resource { get; }

        /// <summary>The statement's Condition object as compact JSON.</summary>
        public string? Condition { get; }

        /// <summary>
        /// The whole statement as compact JSON, so that nothing the flattened properties leave out is lost. For a
        /// shared statement every one of its permissions carries the same text, all its principals included.
        /// </summary>
        public string StatementJson { get; }

        /// <summary>
        /// The ARN of the bus this statement was read from (account and region included). Revoke compares it with the
        /// bus it reaches now, so that a permission read in one account is never removed in another.
        /// </summary>
        public string? EventBusArn { get; }

        /// <summary>
        /// How many permissions the statement was split into: the number of entries of a Principal that is a list of
        /// AWS principals only ({"AWS":[...]} with more than one entry), else 1. A Principal of one AWS principal,
        /// '*', service principals, an object that mixes AWS with other types, and NotPrincipal are never split:
        /// such a statement is one permission, with PrincipalCount 1 and its principal shown whole.
        /// </summary>
        public int PrincipalCount { get; }

        /// <summary>True when the statement names several AWS principals (<see cref="PrincipalCount"/> &gt; 1): removing or
        /// replacing the statement affects all of them, not only this permission's principal.</summary>
        public bool IsShared => PrincipalCount > 1;

        /// <summary>Every principal of a shared statement, rendered like <see cref="Principal"/>, in order; null when not shared.</summary>
        internal IReadOnlyList<string>? SharedPrincipals { get; }

        /// <summary>
        /// True when the statement names a member twice, at any depth (names compared ignoring case, as IAM reads them):
        /// "Effect":"Deny","Effect":"Allow", or a condition key given twice. Which copy AWS applies is not documented, so
        /// the statement is ambiguous: a property whose member is repeated (or holds a repeated member) reads
        /// "Ambiguous: " and every copy, "Ambiguous: Deny | Allow", never one of them; the statement is never split by
        /// principal; AccountId and OrganizationId are set only when its Principal and Condition are not ambiguous.
        /// Grant and Revoke never change such a statement, nor take it for a grant: it is removed only when named with
        /// Revoke's -StatementId and -Force, like a Deny, since it may be one.
        /// </summary>
        public bool HasRepeatedMembers => RepeatedMemberPaths.Count > 0;

        /// <summary>Where the statement repeats a member ("Effect", "Condition.StringEquals.aws:SourceVpc"); empty when it does not.</summary>
        internal IReadOnlyList<string> RepeatedMemberPaths { get; }

        /// <summary>
        /// True when the statement has one Sid and it is a JSON string; false for no Sid, a number ("Sid":7) or a repeated
        /// Sid. Only such a Sid may be sent to RemovePermission, and only when it keeps the API's rule.
        /// </summary>
        internal bool SidIsText { get; }

        /// <summary>Null for a permission that was only read.</summary>
        public PermissionStatus? Status { get; set; }

        public override string ToString() => StatementId ?? Principal ?? StatementJson;
    }
}
