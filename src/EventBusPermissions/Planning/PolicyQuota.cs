using System;

namespace EventBusPermissions.Planning
{
    /// <summary>The size quota of an event bus policy.</summary>
    internal static class PolicyQuota
    {
        /// <summary>AWS's default quota; AWS support can raise it for an account, hence a setting per plan.</summary>
        public const int DefaultCharacters = 10240;

        internal static void Require(int quota, string parameterName)
        {
            if (quota <= 0)
            {
                throw new ArgumentOutOfRangeException(parameterName, quota, "The policy quota must be a positive number of characters.");
            }
        }
    }
}
