using System;
using System.Collections.Generic;
using System.Net;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;

namespace EventBusPermissions.Aws.Operations
{
    /// <summary>ListEventBuses, for Tab completion of bus names: only the names and the paging token are read.</summary>
    internal sealed class ListEventBusesRequest : AmazonWebServiceRequest
    {
        public string? NamePrefix { get; set; }
        public string? NextToken { get; set; }
        public int? Limit { get; set; }
    }

    internal sealed class ListEventBusesResponse : AmazonWebServiceResponse
    {
        public List<string> Names { get; } = new List<string>();
        public string? NextToken { get; set; }
    }

    internal sealed class ListEventBusesMarshaller : IMarshaller<IRequest, AmazonWebServiceRequest>
    {
        public static readonly ListEventBusesMarshaller Instance = new ListEventBusesMarshaller();

        public IRequest Marshall(AmazonWebServiceRequest input)
        {
            var r = (ListEventBusesRequest)input;
            return JsonRequestBuilder.Build(r, "ListEventBuses", w =>
            {
                w.WriteIfSet("NamePrefix", r.NamePrefix);
                w.WriteIfSet("NextToken", r.NextToken);
                if (r.Limit.HasValue) w.WriteNumber("Limit", r.Limit.Value);
            });
        }
    }

    internal sealed class ListEventBusesUnmarshaller : JsonResponseUnmarshaller
    {
        public static readonly ListEventBusesUnmarshaller Instance = new ListEventBusesUnmarshaller();

        // A list of objects is simplest read as a document; the answer is small.
        public override AmazonWebServiceResponse Unmarshall(JsonUnmarshallerContext context)
        {
            var response = new ListEventBusesResponse();
            using (var document = JsonDocument.Parse(context.Stream))
            {
                var root = document.RootElement;
                if (root.TryGetProperty("EventBuses", out var buses) && buses.ValueKind == JsonValueKind.Array)
                {
                    foreach (var bus in buses.EnumerateArray())
                    {
                        if (bus.ValueKind == JsonValueKind.Object && bus.TryGetProperty("Name", out var name) && name.ValueKind == JsonValueKind.String)
                            response.Names.Add(name.GetString()!);
                    }
                }
                if (root.TryGetProperty("NextToken", out var token) && token.ValueKind == JsonValueKind.String)
                    response.NextToken = token.GetString();
            }
            return response;
        }

        public override AmazonServiceException UnmarshallException(JsonUnmarshallerContext context, Exception innerException, HttpStatusCode statusCode)
            => ErrorUnmarshaller.Unmarshall(context, innerException, statusCode);
    }
}
