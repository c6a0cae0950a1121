namespace EventBusPermissions
{
    /// <summary>Who can put events on a bus (or through one statement of its policy), from the widest to the narrowest.</summary>
    public enum Exposure
    {
        /// <summary>Only the account that owns the bus and trusted principals, or nobody.</summary>
        Private,

        /// <summary>Named principals outside the owner account: other accounts, organizations, roles, services on their behalf.</summary>
        CrossAccount,

        /// <summary>Any principal anywhere in AWS, or a statement whose meaning cannot be decided (the wider verdict).</summary>
        Public,
    }
}
