using System;
using System.Collections.Generic;
using System.Linq;

namespace EventBusPermissions
{
    /// <summary>One event bus as DescribeEventBus shows it, with its policy read into permissions.</summary>
    public sealed class EventBus
    {
        private EventBus(string name, string? arn)
        {
            Name = name;
            Arn = arn;
        }

        public string Name { get; }

        /// <summary>
        /// The same as <see cref="Name"/>, under the name Grant's and Revoke's -EventBusName parameter takes from the
        /// pipeline, so that a bus piped into them acts on that bus (and never falls back to 'default').
        /// </summary>
        public string EventBusName => Name;

        public string? Arn { get; }

        /// <summary>From the ARN; null when the ARN does not parse.</summary>
        public string? AccountId { get; private set; }

        /// <summary>From the ARN; null when the ARN does not parse.</summary>
        public string? Region { get; private set; }

        public string? Description { get; private set; }

        public string? KmsKeyIdentifier { get; private set; }

        public string? DeadLetterArn { get; private set; }

        public DateTime? CreationTime { get; private set; }

        public DateTime? LastModifiedTime { get; private set; }

        /// <summary>The policy document as the service returned it; null when the bus has none.</summary>
        public string? Policy { get; private set; }

        /// <summary>
        /// The policy's permissions, one per principal: a statement whose Principal lists several AWS principals gives
        /// one each (see <see cref="EventBusPermission.PrincipalCount"/>), every other statement one. Never null: empty
        /// when there is no policy or it could not be read.
        /// </summary>
        public EventBusPermission[] Permissions { get; private set; } = Array.Empty<EventBusPermission>();

        /// <summary>
        /// Who can put events on the bus, from its policy: Public (anyone in AWS, or a policy whose meaning cannot be
        /// decided), CrossAccount (named accounts, organizations or ARNs outside the owner account), Private (only the
        /// owner, or nobody). Each permission says why in its Reason.
        /// </summary>
        public Exposure Exposure { get; private set; }

        /// <summary>The principals the bus is exposed to beyond its owner: "*", account ids, organization ids, ARNs.</summary>
        public string[] ExposedTo { get; private set; } = Array.Empty<string>();

        /// <summary>Why <see cref="Policy"/> could not be read; null normally.</summary>
        public string? PolicyParseError { get; private set; }

        public static EventBus Create(
            string name,
            string? arn,
            string? description,
            string? kmsKeyIdentifier,
            string? deadLetterArn,
            DateTime? creationTime,
            DateTime? lastModifiedTime,
            string? policy)
        {
            if (name == null) throw new ArgumentNullException(nameof(name));

            var bus = new EventBus(name, arn)
            {
                Description = description,
                KmsKeyIdentifier = kmsKeyIdentifier,
                DeadLetterArn = deadLetterArn,
                CreationTime = AsUtc(creationTime),
                LastModifiedTime = AsUtc(lastModifiedTime),
                // An empty string carries no policy; treating it as one would only raise a false warning.
                Policy = string.IsNullOrWhiteSpace(policy) ? null : policy,
            };

            if (EventBusArn.TryParse(arn, out _, out var region, out var accountId, out _))
            {
                bus.AccountId = accountId;
                bus.Region = region;
            }

            if (bus.Policy != null)
            {
                try
                {
                    bus.Permissions = PolicyParser.ParseAudited(bus.Policy, name, bus.Region, arn, out var audit).ToArray();
                    bus.Exposure = audit.Exposure;
                    bus.ExposedTo = audit.ExposedTo.ToArray();
                }
                catch (FormatException ex)
                {
                    // Listing buses must go on; the cmdlet turns this into a warning.
                    bus.PolicyParseError = ex.Message;
                    // Nobody can tell who a policy lets in that cannot be read: the wider verdict.
                    bus.Exposure = Exposure.Public;
                    bus.ExposedTo = new[] { "*" };
                }
            }

            return bus;
        }

        /// <summary>
        /// Reads the policy's exposure again with these accounts and organizations trusted like the owner (see
        /// <see cref="Audit.ExposureAnalyzer"/>): their permissions become Private, and they leave ExposedTo.
        /// </summary>
        internal void Trust(ISet<string> accounts, ISet<string> organizations)
        {
            if (Policy == null || PolicyParseError != null) return;
            Permissions = PolicyParser.ParseAudited(Policy, Name, Region, Arn, out var audit, accounts, organizations).ToArray();
            Exposure = audit.Exposure;
            ExposedTo = audit.ExposedTo.ToArray();
        }

        public override string ToString() => Name;

        // The service speaks UTC; an Unspecified kind would otherwise be taken as local time by PowerShell.
        private static DateTime? AsUtc(DateTime? time)
        {
            if (time == null)
            {
                return null;
            }

            var value = time.Value;
            switch (value.Kind)
            {
                case DateTimeKind.Utc: return value;
                case DateTimeKind.Local: return value.ToUniversalTime();
                default: return DateTime.SpecifyKind(value, DateTimeKind.Utc);
            }
        }
    }
}
