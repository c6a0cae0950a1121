using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using EventBusPermissions.Aws.Operations;

namespace EventBusPermissions.Aws.Internal
{
    /// <summary>
    /// The three-operation EventBridge client, built like the SDK's generated clients: it inherits the
    /// SDK's pipeline (credentials, signing, retries, clock-skew correction, error handling) and adds only
    /// the marshallers, unmarshallers, endpoint resolver and auth scheme of this service.
    /// </summary>
    internal sealed class EventBridgeServiceClient : AmazonServiceClient
    {
        private static readonly IServiceMetadata Metadata = new EventBridgeServiceMetadata();

        public EventBridgeServiceClient(AWSCredentials credentials, EventBridgeConfig config)
            : base(credentials, config)
        {
        }

        protected override IServiceMetadata ServiceMetadata => Metadata;

        protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
        {
            pipeline.RemoveHandler<EndpointResolver>();
            pipeline.AddHandlerAfter<Marshaller>(new EventBridgeEndpointResolver());
            pipeline.AddHandlerAfter<Marshaller>(new EventBridgeAuthSchemeHandler());
        }

        public Task<DescribeEventBusResponse> DescribeEventBusAsync(DescribeEventBusRequest request, CancellationToken cancellationToken)
            => InvokeAsync<DescribeEventBusResponse>(request, Options(DescribeEventBusMarshaller.Instance, DescribeEventBusUnmarshaller.Instance), cancellationToken);

        public Task<EmptyResponse> PutPermissionAsync(PutPermissionRequest request, CancellationToken cancellationToken)
            => InvokeAsync<EmptyResponse>(request, Options(PutPermissionMarshaller.Instance, EmptyResponseUnmarshaller.Instance), cancellationToken);

        public Task<EmptyResponse> RemovePermissionAsync(RemovePermissionRequest request, CancellationToken cancellationToken)
            => InvokeAsync<EmptyResponse>(request, Options(RemovePermissionMarshaller.Instance, EmptyResponseUnmarshaller.Instance), cancellationToken);

        public Task<ListEventBusesResponse> ListEventBusesAsync(ListEventBusesRequest request, CancellationToken cancellationToken)
            => InvokeAsync<ListEventBusesResponse>(request, Options(ListEventBusesMarshaller.Instance, ListEventBusesUnmarshaller.Instance), cancellationToken);

        private static InvokeOptions Options(
            Amazon.Runtime.Internal.Transform.IMarshaller<IRequest, AmazonWebServiceRequest> marshaller,
            Amazon.Runtime.Internal.Transform.ResponseUnmarshaller unmarshaller)
            => new InvokeOptions { RequestMarshaller = marshaller, ResponseUnmarshaller = unmarshaller };
    }
}
