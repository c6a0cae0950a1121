namespace EventBusPermissions.Audit
{
    /// <summary>What kind of principal a statement lets in.</summary>
    internal enum SubjectKind
    {
        Everyone,
        Account,
        Organization,
        Arn,
        Service,
    }

    /// <summary>One principal (or set of principals) a statement lets put events: everyone, an account, an organization, an ARN.</summary>
    internal sealed class Subject
    {
        public Subject(SubjectKind kind, string id, string? account, string how)
        {
            Kind = kind;
            Id = id;
            Account = account;
            How = how;
        }

        public SubjectKind Kind { get; }

        /// <summary>"*", the account id, the organization id, the ARN, or the service name.</summary>
        public string Id { get; }

        /// <summary>The account it belongs to, when known (an account, the account inside an ARN).</summary>
        public string? Account { get; }

        /// <summary>How the statement names it, for the reason ("aws:PrincipalOrgID", "the principal").</summary>
        public string How { get; }

        public static Subject Everyone(string how) => new Subject(SubjectKind.Everyone, "*", null, how);
    }
}
