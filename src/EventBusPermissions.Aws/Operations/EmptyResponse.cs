using System;
using System.Net;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Transform;

namespace EventBusPermissions.Aws.Operations
{
    /// <summary>PutPermission and RemovePermission answer 200 with an empty body.</summary>
    internal sealed class EmptyResponse : AmazonWebServiceResponse
    {
    }

    internal sealed class EmptyResponseUnmarshaller : JsonResponseUnmarshaller
    {
        public static readonly EmptyResponseUnmarshaller Instance = new EmptyResponseUnmarshaller();

        public override AmazonWebServiceResponse Unmarshall(JsonUnmarshallerContext context) => new EmptyResponse();

        public override AmazonServiceException UnmarshallException(JsonUnmarshallerContext context, Exception innerException, HttpStatusCode statusCode)
            => ErrorUnmarshaller.Unmarshall(context, innerException, statusCode);
    }
}
