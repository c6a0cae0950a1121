using System.Collections.Generic;
using Amazon.Runtime.Internal;

namespace EventBusPermissions.Aws.Internal
{
    internal sealed class EventBridgeServiceMetadata : IServiceMetadata
    {
        public string ServiceId => "EventBridge";

        public IDictionary<string, string> OperationNameMapping { get; } = new Dictionary<string, string>(0);
    }
}
