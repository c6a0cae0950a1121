using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;

namespace EventBusPermissions.Aws.Operations
{
    internal sealed class PutPermissionRequest : AmazonWebServiceRequest
    {
        public string? EventBusName { get; set; }
        public string? Action { get; set; }
        public string? Principal { get; set; }
        public string? StatementId { get; set; }
        public string? ConditionType { get; set; }
        public string? ConditionKey { get; set; }
        public string? ConditionValue { get; set; }
        public string? Policy { get; set; }
    }

    internal sealed class PutPermissionMarshaller : IMarshaller<IRequest, AmazonWebServiceRequest>
    {
        public static readonly PutPermissionMarshaller Instance = new PutPermissionMarshaller();

        public IRequest Marshall(AmazonWebServiceRequest input)
        {
            var r = (PutPermissionRequest)input;
            return JsonRequestBuilder.Build(r, "PutPermission", w =>
            {
                w.WriteIfSet("EventBusName", r.EventBusName);
                w.WriteIfSet("Action", r.Action);
                w.WriteIfSet("Principal", r.Principal);
                w.WriteIfSet("StatementId", r.StatementId);
                if (r.ConditionType != null || r.ConditionKey != null || r.ConditionValue != null)
                {
                    w.WriteStartObject("Condition");
                    w.WriteIfSet("Type", r.ConditionType);
                    w.WriteIfSet("Key", r.ConditionKey);
                    w.WriteIfSet("Value", r.ConditionValue);
                    w.WriteEndObject();
                }
                w.WriteIfSet("Policy", r.Policy);
            });
        }
    }
}
