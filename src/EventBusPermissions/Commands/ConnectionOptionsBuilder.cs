using System.Management.Automation;
using EventBusPermissions.Aws;

namespace EventBusPermissions.Commands
{
    /// <summary>The module's AWS parameters as connection options; shared by the cmdlets and the Tab completers.</summary>
    internal static class ConnectionOptionsBuilder
    {
        public static EventBridgeConnectionOptions Build(string? region, string? profileName, string? profileLocation,
            string? accessKey, string? secretKey, string? sessionToken, string? endpointUrl, PSCredential? credential)
        {
            var options = new EventBridgeConnectionOptions
            {
                Region = region,
                ProfileName = profileName,
                ProfileLocation = profileLocation,
                AccessKey = accessKey,
                SecretKey = secretKey,
                SessionToken = sessionToken,
                EndpointUrl = endpointUrl,
            };
            if (credential != null && credential != PSCredential.Empty)
            {
                options.AccessKey = credential.UserName;
                options.SecretKey = credential.GetNetworkCredential().Password;
            }
            return options;
        }
    }
}
