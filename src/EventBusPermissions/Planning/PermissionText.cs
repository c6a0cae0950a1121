namespace EventBusPermissions.Planning
{
    /// <summary>Describes an existing statement in the same words as <see cref="GrantRequest.Describe"/>, for side-by-side messages.</summary>
    internal static class PermissionText
    {
        internal static string Describe(EventBusPermission permission)
        {
            var organizationId = permission.Condition == null ? null : GrantMatcher.OnlyOrganizationOf(permission.Condition);
            var isOrganizationGrant = organizationId != null && permission.Principal == AccountIds.Everyone;

            string whom;
            if (isOrganizationGrant)
            {
                whom = "the accounts of organization " + organizationId;
            }
            else if (permission.AccountId != null)
            {
                whom = "account " + permission.AccountId;
            }
            else if (permission.Principal == AccountIds.Everyone)
            {
                whom = "every account (*)";
            }
            else
            {
                whom = "principal " + (permission.Principal ?? "(none)");
            }

            var text = (permission.Action ?? "(no action)") + " for " + whom;
            if (permission.Effect != "Allow")
            {
                text = (permission.Effect ?? "(no Effect)") + ": " + text;
            }

            if (permission.Condition != null && !isOrganizationGrant)
            {
                text += " with the condition " + permission.Condition;
            }

            return text;
        }
    }
}
