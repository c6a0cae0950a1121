using System;
using System.Collections;
using System.Management.Automation;
using EventBusPermissions.Aws;

namespace EventBusPermissions.Connection
{
    /// <summary>
    /// Where and as whom to call AWS, as the user said it: the AWS parameters of a cmdlet or of a command line being
    /// completed, one object for both, turned into connection options together with the session defaults AWS Tools
    /// for PowerShell leaves behind ($StoredAWSRegion, $StoredAWSCredentials), which come after every parameter.
    /// </summary>
    internal sealed class ConnectionParameters
    {
        public string? Region { get; set; }
        public string? ProfileName { get; set; }
        public string? ProfileLocation { get; set; }
        public string? AccessKey { get; set; }
        public string? SecretKey { get; set; }
        public string? SessionToken { get; set; }
        public string? EndpointUrl { get; set; }

        /// <summary>-Credential as given: a PSCredential, keys in an object, or an AWSCredentials (see <see cref="CredentialObjects"/>).</summary>
        public object? Credential { get; set; }

        /// <summary>What a completer has: the parameters typed so far on the command line.</summary>
        public static ConnectionParameters FromBoundParameters(IDictionary bound) => new ConnectionParameters
        {
            Region = Text(bound, "Region"),
            ProfileName = Text(bound, "ProfileName"),
            ProfileLocation = Text(bound, "ProfileLocation"),
            AccessKey = Text(bound, "AccessKey"),
            SecretKey = Text(bound, "SecretKey"),
            SessionToken = Text(bound, "SessionToken"),
            EndpointUrl = Text(bound, "EndpointUrl"),
            Credential = bound.Contains("Credential") ? bound["Credential"] : null,
        };

        /// <param name="sessionVariables">Reads a variable of the session (null: none is consulted).</param>
        /// <exception cref="ArgumentException">-Credential or $StoredAWSCredentials holds something that is not credentials.</exception>
        public EventBridgeConnectionOptions ToOptions(Func<string, object?>? sessionVariables)
        {
            var options = new EventBridgeConnectionOptions
            {
                Region = Region,
                ProfileName = ProfileName,
                ProfileLocation = ProfileLocation,
                AccessKey = AccessKey,
                SecretKey = SecretKey,
                SessionToken = SessionToken,
                EndpointUrl = EndpointUrl,
                Credential = CredentialObjects.Read(Credential, "-Credential"),
            };
            if (sessionVariables != null)
            {
                options.StoredRegion = Unwrap(sessionVariables("StoredAWSRegion"))?.ToString();
                options.StoredCredential = CredentialObjects.Read(sessionVariables("StoredAWSCredentials"), "$StoredAWSCredentials");
            }
            return options;
        }

        private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;

        // Get-CWEventBus takes several regions: completion asks the first.
        private static string? Text(IDictionary bound, string name)
        {
            var value = bound.Contains(name) ? Unwrap(bound[name]) : null;
            if (value is System.Collections.IEnumerable many && !(value is string))
                foreach (var item in many) return Unwrap(item) as string;
            return value as string;
        }
    }
}
