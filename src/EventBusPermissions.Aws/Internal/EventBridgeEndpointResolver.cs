using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;

namespace EventBusPermissions.Aws.Internal
{
    /// <summary>
    /// Pipeline handler that collects the endpoint parameters from the config and the request,
    /// for <see cref="EventBridgeEndpointProvider"/>.
    /// </summary>
    internal sealed class EventBridgeEndpointResolver : BaseEndpointResolver
    {
        protected override EndpointParameters MapEndpointsParameters(IRequestContext requestContext)
        {
            var config = requestContext.ClientConfig;
            var region = requestContext.Request.AlternateEndpoint?.SystemName ?? config.RegionEndpoint?.SystemName;
            // With an endpoint override the signing region is given separately (AuthenticationRegion).
            if (config.RegionEndpoint == null && !string.IsNullOrEmpty(config.ServiceURL) && !string.IsNullOrEmpty(config.AuthenticationRegion))
                region = config.AuthenticationRegion;

            var parameters = new EndpointParameters();
            parameters["Region"] = region;
            parameters["UseDualStack"] = config.UseDualstackEndpoint;
            parameters["UseFIPS"] = config.UseFIPSEndpoint;
            parameters["Endpoint"] = config.ServiceURL;
            return parameters;
        }
    }
}
