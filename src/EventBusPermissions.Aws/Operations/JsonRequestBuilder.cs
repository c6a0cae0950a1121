using System;
using System.IO;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace EventBusPermissions.Aws.Operations
{
    /// <summary>
    /// Builds an AWS JSON 1.1 request: <c>POST /</c>, the operation in <c>X-Amz-Target</c>, and a JSON
    /// object body holding only the members that are set (<c>{}</c> when none is).
    /// </summary>
    internal static class JsonRequestBuilder
    {
        internal const string TargetPrefix = "AWSEvents.";
        internal const string ContentType = "application/x-amz-json-1.1";

        public static IRequest Build(AmazonWebServiceRequest source, string operation, Action<Utf8JsonWriter> writeMembers)
        {
            var request = new DefaultRequest(source, "EventBridge");
            request.Headers["X-Amz-Target"] = TargetPrefix + operation;
            request.Headers["Content-Type"] = ContentType;
            request.HttpMethod = "POST";
            request.ResourcePath = "/";

            using (var buffer = new MemoryStream())
            {
                using (var writer = new Utf8JsonWriter(buffer))
                {
                    writer.WriteStartObject();
                    writeMembers(writer);
                    writer.WriteEndObject();
                }
                request.Content = buffer.ToArray();
            }
            return request;
        }

        public static void WriteIfSet(this Utf8JsonWriter writer, string name, string? value)
        {
            if (value != null) writer.WriteString(name, value);
        }
    }
}
