namespace EventBusPermissions.Planning
{
    /// <summary>Describes an existing statement in the same words as <see cref="GrantRequest.Describe"/>, for side-by-side messages.</summary>
    internal static class PermissionText
    {
        internal static string Describe(EventBusPermission permission)
        {
            var organizationId = permission.Condition == null ? null : GrantMatcher.OnlyOrganizationOf(permission.Condition);
            var isOrganizationGrant = organizationId != null && !permission.IsShared && permission.Principal == AccountIds.Everyone;

            string whom;
            if (isOrganizationGrant)
            {
                whom = "the accounts of organization " + organizationId;
            }
            else if (permission.SharedPrincipals != null)
            {
                // A permission of a shared statement stands for the statement: what it holds is all of its principals.
                whom = Principals(permission.SharedPrincipals);
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

        /// <summary>"the 3 principals 111122223333, 444455556666, 777788889999"; past five, the first three and how many more.</summary>
        private static string Principals(System.Collections.Generic.IReadOnlyList<string> principals)
        {
            const int Shown = 3;
            var text = "the " + principals.Count + " principals of one statement: ";
            if (principals.Count <= Shown + 2)
                return text + string.Join(", ", principals);
            var first = new string[Shown];
            for (var i = 0; i < Shown; i++) first[i] = principals[i];
            return text + string.Join(", ", first) + " and " + (principals.Count - Shown) + " more";
        }
    }
}
