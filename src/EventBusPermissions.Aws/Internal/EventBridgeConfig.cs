using System.Collections.Generic;
using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;
using Amazon.Util.Internal;

namespace EventBusPermissions.Aws.Internal
{
    /// <summary>
    /// Client configuration for the EventBridge (CloudWatch Events) API, shaped like the SDK's generated
    /// service configs so that the SDK's own machinery (retries, timeouts, clock skew) applies unchanged.
    /// </summary>
    internal sealed class EventBridgeConfig : ClientConfig
    {
        internal const string SigningName = "events";

        private static readonly string UserAgentString =
            InternalSDKUtils.BuildUserAgentString("EventBridge", ModuleVersion.Value);

        private static readonly EventBridgeEndpointResolver SharedEndpointResolver = new EventBridgeEndpointResolver();

        public EventBridgeConfig()
            : base(new DefaultConfigurationProvider(DefaultConfigurations()))
        {
            // "EventBridge" is the service id the SDKs use for AWS_ENDPOINT_URL_EVENTBRIDGE.
            ServiceId = "EventBridge";
            AuthenticationServiceName = SigningName;
            EndpointProvider = new EventBridgeEndpointProvider();
        }

        public override string RegionEndpointServiceName => SigningName;

        public override string ServiceVersion => "2015-10-07";

        public override string UserAgent => UserAgentString;

        public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters)
        {
            var requestContext = new RequestContext(false)
            {
                ClientConfig = this,
                OriginalRequest = parameters.Request,
                Request = new DefaultRequest(parameters.Request, ServiceId) { AlternateEndpoint = parameters.AlternateEndpoint },
            };
            return SharedEndpointResolver.GetEndpoint(new ExecutionContext(requestContext, null));
        }

        // The SDK's defaults modes, with the values its generated configurations use.
        private static IEnumerable<IDefaultConfiguration> DefaultConfigurations()
        {
            yield return Mode(DefaultConfigurationMode.Standard, RequestRetryMode.Standard, 3100);
            yield return Mode(DefaultConfigurationMode.InRegion, RequestRetryMode.Standard, 1100);
            yield return Mode(DefaultConfigurationMode.CrossRegion, RequestRetryMode.Standard, 3100);
            yield return Mode(DefaultConfigurationMode.Mobile, RequestRetryMode.Standard, 30000);
            yield return Mode(DefaultConfigurationMode.Auto, RequestRetryMode.Standard, 1100);
        }

        private static IDefaultConfiguration Mode(DefaultConfigurationMode name, RequestRetryMode retryMode, int connectTimeoutMs)
        {
            return new DefaultConfiguration
            {
                Name = name,
                RetryMode = retryMode,
                S3UsEast1RegionalEndpoint = S3UsEast1RegionalEndpointValue.Regional,
                ConnectTimeout = System.TimeSpan.FromMilliseconds(connectTimeoutMs),
            };
        }
    }
}
