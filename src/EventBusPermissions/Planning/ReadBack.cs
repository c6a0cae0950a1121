using System;
using System.Collections.Generic;
using System.Linq;

namespace EventBusPermissions.Planning
{
    /// <summary>
    /// Checks written grants against the policy read back afterwards. PutPermission is a read-modify-write on the
    /// service side, so a concurrent writer can make a 200 answer worthless; only the read-back shows what holds.
    /// </summary>
    internal static class ReadBack
    {
        /// <summary>
        /// The grants of <paramref name="written"/> that <paramref name="readBack"/> does not hold, in order and once
        /// each, for the cmdlet to write again a bounded number of times (then ErrorId <see cref="PlanningErrorIds.GrantNotConfirmed"/>).
        /// A policy that could not be read holds nothing.
        /// </summary>
        public static IReadOnlyList<GrantRequest> Missing(EventBus readBack, IEnumerable<GrantRequest> written)
        {
            if (readBack == null) throw new ArgumentNullException(nameof(readBack));
            if (written == null) throw new ArgumentNullException(nameof(written));

            return written
                .Distinct()
                .Where(grant => !readBack.Permissions.Any(permission => GrantMatcher.Holds(permission, grant)))
                .ToList();
        }
    }
}
