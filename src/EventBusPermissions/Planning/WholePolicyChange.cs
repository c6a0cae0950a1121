using System;
using System.Collections.Generic;
using System.Linq;

namespace EventBusPermissions.Planning
{
    /// <summary>
    /// One whole-policy write (PutPermission with Policy), planned from the policy just read: the document, the
    /// statements of the bus it keeps as they were, and what must hold once it is written. A whole-policy write
    /// replaces everything (last writer wins), so the writer reads right before, writes, reads back, and checks.
    /// </summary>
    public sealed class WholePolicyChange
    {
        public WholePolicyChange(string policy, IReadOnlyList<string> kept, Func<EventBus, IReadOnlyList<string>> missingAfter)
        {
            Policy = policy ?? throw new ArgumentNullException(nameof(policy));
            Kept = kept ?? throw new ArgumentNullException(nameof(kept));
            MissingAfter = missingAfter ?? throw new ArgumentNullException(nameof(missingAfter));
        }

        public string Policy { get; }

        /// <summary>Statements (JSON) of the bus that the change did not mean to touch.</summary>
        public IReadOnlyList<string> Kept { get; }

        /// <summary>What the change meant that a policy read back does not show, in words ("account 111122223333 is not granted").</summary>
        public Func<EventBus, IReadOnlyList<string>> MissingAfter { get; }

        /// <summary>
        /// The statements of <see cref="Kept"/> that <paramref name="readBack"/> no longer holds (key order and spacing
        /// aside; a repeated member counts, see <see cref="StatementText"/>). Never throws: it runs after the write.
        /// </summary>
        public IReadOnlyList<string> LostFrom(EventBus readBack)
        {
            var present = new HashSet<string>(readBack.Permissions.Select(p => StatementText.Canonical(p.StatementJson)), StringComparer.Ordinal);
            return Kept.Where(k => !present.Contains(StatementText.Canonical(k))).ToList();
        }
    }
}
