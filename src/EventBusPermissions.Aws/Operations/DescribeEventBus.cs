using System;
using System.Net;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;
using Amazon.Runtime.Internal.Util;

namespace EventBusPermissions.Aws.Operations
{
    internal sealed class DescribeEventBusRequest : AmazonWebServiceRequest
    {
        /// <summary>A bus name or ARN; null means the account's default bus.</summary>
        public string? Name { get; set; }
    }

    internal sealed class DescribeEventBusResponse : AmazonWebServiceResponse
    {
        public string? Name { get; set; }
        public string? Arn { get; set; }
        public string? Description { get; set; }
        public string? KmsKeyIdentifier { get; set; }
        public string? DeadLetterArn { get; set; }
        public string? Policy { get; set; }
        public DateTime? CreationTime { get; set; }
        public DateTime? LastModifiedTime { get; set; }
    }

    internal sealed class DescribeEventBusMarshaller : IMarshaller<IRequest, AmazonWebServiceRequest>
    {
        public static readonly DescribeEventBusMarshaller Instance = new DescribeEventBusMarshaller();

        public IRequest Marshall(AmazonWebServiceRequest input)
        {
            var request = (DescribeEventBusRequest)input;
            return JsonRequestBuilder.Build(request, "DescribeEventBus", w => w.WriteIfSet("Name", request.Name));
        }
    }

    internal sealed class DescribeEventBusUnmarshaller : JsonResponseUnmarshaller
    {
        public static readonly DescribeEventBusUnmarshaller Instance = new DescribeEventBusUnmarshaller();

        public override AmazonWebServiceResponse Unmarshall(JsonUnmarshallerContext context)
        {
            var response = new DescribeEventBusResponse();
            var reader = new StreamingUtf8JsonReader(context.Stream);
            context.Read(ref reader);
            int depth = context.CurrentDepth;
            while (context.ReadAtDepth(depth, ref reader))
            {
                if (context.TestExpression("Name", depth)) response.Name = StringUnmarshaller.Instance.Unmarshall(context, ref reader);
                else if (context.TestExpression("Arn", depth)) response.Arn = StringUnmarshaller.Instance.Unmarshall(context, ref reader);
                else if (context.TestExpression("Description", depth)) response.Description = StringUnmarshaller.Instance.Unmarshall(context, ref reader);
                else if (context.TestExpression("KmsKeyIdentifier", depth)) response.KmsKeyIdentifier = StringUnmarshaller.Instance.Unmarshall(context, ref reader);
                else if (context.TestExpression("Policy", depth)) response.Policy = StringUnmarshaller.Instance.Unmarshall(context, ref reader);
                else if (context.TestExpression("CreationTime", depth)) response.CreationTime = EpochSeconds.Read(context, ref reader);
                else if (context.TestExpression("LastModifiedTime", depth)) response.LastModifiedTime = EpochSeconds.Read(context, ref reader);
                else if (context.TestExpression("DeadLetterConfig", depth)) response.DeadLetterArn = ReadDeadLetterArn(context, ref reader);
            }
            return response;
        }

        private static string? ReadDeadLetterArn(JsonUnmarshallerContext context, ref StreamingUtf8JsonReader reader)
        {
            string? arn = null;
            // Step onto the object itself, as the SDK's structure unmarshallers do, so the loop below stops at its end.
            context.Read(ref reader);
            if (context.CurrentTokenType == System.Text.Json.JsonTokenType.Null) return null;
            int depth = context.CurrentDepth;
            while (context.ReadAtDepth(depth, ref reader))
            {
                if (context.TestExpression("Arn", depth)) arn = StringUnmarshaller.Instance.Unmarshall(context, ref reader);
            }
            return arn;
        }

        public override AmazonServiceException UnmarshallException(JsonUnmarshallerContext context, Exception innerException, HttpStatusCode statusCode)
            => ErrorUnmarshaller.Unmarshall(context, innerException, statusCode);
    }
}
