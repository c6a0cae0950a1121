using System;

namespace EventBusPermissions.Aws
{
    /// <summary>The answer of DescribeEventBus, free of SDK types.</summary>
    public sealed class EventBusDescription
    {
        public string? Name { get; set; }
        public string? Arn { get; set; }
        public string? Description { get; set; }
        public string? KmsKeyIdentifier { get; set; }
        public string? DeadLetterArn { get; set; }
        public string? Policy { get; set; }
        public DateTime? CreationTime { get; set; }
        public DateTime? LastModifiedTime { get; set; }
        public string? RequestId { get; set; }
    }
}
