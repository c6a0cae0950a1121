using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;

namespace EventBusPermissions.Aws.Operations
{
    internal sealed class RemovePermissionRequest : AmazonWebServiceRequest
    {
        public string? EventBusName { get; set; }
        public string? StatementId { get; set; }
        public bool? RemoveAllPermissions { get; set; }
    }

    internal sealed class RemovePermissionMarshaller : IMarshaller<IRequest, AmazonWebServiceRequest>
    {
        public static readonly RemovePermissionMarshaller Instance = new RemovePermissionMarshaller();

        public IRequest Marshall(AmazonWebServiceRequest input)
        {
            var r = (RemovePermissionRequest)input;
            return JsonRequestBuilder.Build(r, "RemovePermission", w =>
            {
                w.WriteIfSet("StatementId", r.StatementId);
                if (r.RemoveAllPermissions.HasValue) w.WriteBoolean("RemoveAllPermissions", r.RemoveAllPermissions.Value);
                w.WriteIfSet("EventBusName", r.EventBusName);
            });
        }
    }
}
