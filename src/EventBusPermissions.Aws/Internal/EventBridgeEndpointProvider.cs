using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using static Amazon.Runtime.Internal.Endpoints.StandardLibrary.Fn;

namespace EventBusPermissions.Aws.Internal
{
    /// <summary>
    /// The endpoint rules of the events service: a configured endpoint wins; otherwise the host follows
    /// the region's partition (aws, aws-cn, aws-us-gov, ...), with the FIPS and dual-stack variants.
    /// The partition data comes from AWSSDK.Core, so new partitions arrive with the SDK.
    /// </summary>
    internal sealed class EventBridgeEndpointProvider : IEndpointProvider
    {
        public Endpoint ResolveEndpoint(EndpointParameters parameters)
        {
            var region = parameters["Region"] as string;
            var useFips = Equals(parameters["UseFIPS"], true);
            var useDualStack = Equals(parameters["UseDualStack"], true);
            var endpoint = parameters["Endpoint"] as string;

            if (!string.IsNullOrEmpty(endpoint))
            {
                if (useFips) throw new AmazonClientException("Invalid Configuration: FIPS and custom endpoint are not supported");
                if (useDualStack) throw new AmazonClientException("Invalid Configuration: Dualstack and custom endpoint are not supported");
                return new Endpoint(endpoint);
            }
            if (string.IsNullOrEmpty(region))
                throw new AmazonClientException("Invalid Configuration: Missing Region");

            var partition = Partition(region!);
            if (partition == null)
                throw new AmazonClientException($"Invalid Configuration: no partition is known for region '{region}'");
            var dnsSuffix = partition.dnsSuffix;
            var dualStackSuffix = partition.dualStackDnsSuffix;

            if (useFips && useDualStack)
            {
                if (partition.supportsFIPS && partition.supportsDualStack)
                    return new Endpoint($"https://events-fips.{region}.{dualStackSuffix}");
                throw new AmazonClientException("FIPS and DualStack are enabled, but this partition does not support one or both");
            }
            if (useFips)
            {
                if (!partition.supportsFIPS)
                    throw new AmazonClientException("FIPS is enabled but this partition does not support FIPS");
                // GovCloud's standard endpoints are already FIPS validated; the service model says so.
                if (region == "us-gov-east-1" || region == "us-gov-west-1")
                    return new Endpoint($"https://events.{region}.amazonaws.com");
                return new Endpoint($"https://events-fips.{region}.{dnsSuffix}");
            }
            if (useDualStack)
            {
                if (!partition.supportsDualStack)
                    throw new AmazonClientException("DualStack is enabled but this partition does not support DualStack");
                return new Endpoint($"https://events.{region}.{dualStackSuffix}");
            }
            return new Endpoint($"https://events.{region}.{dnsSuffix}");
        }
    }
}
