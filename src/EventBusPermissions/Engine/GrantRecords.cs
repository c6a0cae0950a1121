using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using EventBusPermissions.Planning;

namespace EventBusPermissions.Engine
{
    /// <summary>One grant asked for by one record, checked, waiting for its bus to be planned by <see cref="GrantPlanning"/>.</summary>
    internal sealed class PendingGrant
    {
        public PendingGrant(GrantRequest request, object? target, string bus, string? region, string? expectedArn)
        {
            Request = request;
            Target = target;
            Bus = bus;
            Region = region;
            ExpectedArn = expectedArn;
        }

        public GrantRequest Request { get; }
        public object? Target { get; }
        public string Bus { get; }
        public string? Region { get; }

        /// <summary>The bus ARN of the piped object that named the bus; null when the user named it.</summary>
        public string? ExpectedArn { get; }

        /// <summary>Groups the grants by bus, in the order each bus was first named.</summary>
        public static List<BusGrants> ByBus(IEnumerable<PendingGrant> pending)
            => pending.GroupBy(p => (p.Region, p.Bus)).Select(g => new BusGrants(g.Key.Region, g.Key.Bus, g.ToList())).ToList();
    }

    /// <summary>The grants asked for on one bus, in input order, and the session that works on it.</summary>
    internal sealed class BusGrants
    {
        public BusGrants(string? region, string bus, List<PendingGrant> grants)
        {
            Region = region;
            Bus = bus;
            Grants = grants;
        }

        public string? Region { get; }
        public string Bus { get; }
        public List<PendingGrant> Grants { get; }
        public BusSession? Session { get; private set; }

        /// <summary>On the pipeline thread, with the session just connected: starts reading the bus.</summary>
        public Task<EventBus?> StartRead(BusSession session)
        {
            Session = session;
            return session.ReadForChangeAsync("grant", Grants.Select(g => g.Target).ToList());
        }
    }
}
