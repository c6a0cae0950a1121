namespace EventBusPermissions.Aws
{
    /// <summary>
    /// What the user said about where and as whom to call EventBridge. Anything left null is resolved the
    /// way the AWS SDKs resolve it (environment, shared config and credentials files, instance metadata).
    /// </summary>
    public sealed class EventBridgeConnectionOptions
    {
        public string? Region { get; set; }
        public string? ProfileName { get; set; }
        public string? ProfileLocation { get; set; }
        public string? AccessKey { get; set; }
        public string? SecretKey { get; set; }
        public string? SessionToken { get; set; }
        public string? EndpointUrl { get; set; }

        /// <summary>Credentials given as an object (-Credential); after -AccessKey/-SecretKey, before -ProfileName.</summary>
        public ExternalCredentials? Credential { get; set; }

        /// <summary>The session's default credentials (AWS Tools' $StoredAWSCredentials): after every parameter, before the environment.</summary>
        public ExternalCredentials? StoredCredential { get; set; }

        /// <summary>The session's default region (AWS Tools' $StoredAWSRegion): after -Region, before the environment.</summary>
        public string? StoredRegion { get; set; }
    }
}
