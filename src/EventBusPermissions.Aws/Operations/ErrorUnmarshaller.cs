using System;
using System.Net;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;
using Amazon.Runtime.Internal.Util;
using EventBusPermissions.Aws.Internal;

namespace EventBusPermissions.Aws.Operations
{
    /// <summary>
    /// Turns an error response into the exception type of its code. The SDK's JSON error reader takes the
    /// code from <c>__type</c> (dropping a namespace before '#' and anything after ':') or the
    /// <c>x-amzn-ErrorType</c> header, the message from <c>message</c> or <c>Message</c>, and the request id
    /// from <c>x-amzn-RequestId</c>.
    /// </summary>
    internal static class ErrorUnmarshaller
    {
        public static AmazonServiceException Unmarshall(JsonUnmarshallerContext context, Exception innerException, HttpStatusCode statusCode)
        {
            var reader = new StreamingUtf8JsonReader(context.Stream);
            ErrorResponse error = JsonErrorResponseUnmarshaller.GetInstance().Unmarshall(context, ref reader);
            return EventBridgeErrors.Create(NormaliseCode(error.Code), error.Message, innerException, error.Type, error.RequestId, statusCode);
        }

        internal static string? NormaliseCode(string? code)
        {
            if (string.IsNullOrEmpty(code)) return code;
            var hash = code!.LastIndexOf('#');
            if (hash >= 0) code = code.Substring(hash + 1);
            var colon = code.IndexOf(':');
            if (colon >= 0) code = code.Substring(0, colon);
            return code.Trim();
        }
    }
}
