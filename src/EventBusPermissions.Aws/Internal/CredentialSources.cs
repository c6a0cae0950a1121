using System;
using System.Reflection;
using Amazon.Runtime;

namespace EventBusPermissions.Aws.Internal
{
    /// <summary>
    /// Names, for Verbose, the source that yielded a set of credentials: which profile, which role, which token file,
    /// container or instance. Reads only what the SDK's credential types expose publicly, and never a secret.
    /// </summary>
    internal static class CredentialSources
    {
        /// <summary>Whether the SDK's default chain got these from a profile (rather than the environment, a container or an instance).</summary>
        public static bool ComeFromProfile(AWSCredentials credentials)
            => credentials is BasicAWSCredentials || credentials is SessionAWSCredentials || credentials is AssumeRoleAWSCredentials
               || credentials is SSOAWSCredentials || credentials is ProcessAWSCredentials;

        /// <param name="profileName">The profile the credentials were read from, when they were.</param>
        public static string Describe(AWSCredentials credentials, string? profileName)
        {
            var profile = profileName == null ? "" : $"profile '{profileName}': ";
            switch (credentials)
            {
                case AssumeRoleAWSCredentials role:
                    return $"{profile}assumed role {role.RoleArn} (session '{role.RoleSessionName}')";
                case SSOAWSCredentials sso:
                    return $"{profile}AWS IAM Identity Center (SSO) role {sso.RoleName} in account {sso.AccountId}, start URL {sso.StartUrl}";
                case AssumeRoleWithWebIdentityCredentials web:
                    return $"{profile}web identity token file '{web.WebIdentityTokenFile}', role {web.RoleArn}";
                case ProcessAWSCredentials _:
                    return $"{profile}credential_process";
                case EnvironmentVariablesAWSCredentials _:
                    return "the environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY";
                case GenericContainerCredentials container:
                    return "container credentials from " + (ContainerAddress(container) ?? "AWS_CONTAINER_CREDENTIALS_FULL_URI or _RELATIVE_URI");
                case InstanceProfileAWSCredentials instance:
                    return $"EC2 instance metadata (role {instance.Role})";
            }
            var typeName = credentials.GetType().Name;
            if (typeName.IndexOf("InstanceProfile", StringComparison.OrdinalIgnoreCase) >= 0) return "EC2 instance metadata";
            if (typeName.IndexOf("Container", StringComparison.OrdinalIgnoreCase) >= 0 || typeName.IndexOf("ECS", StringComparison.Ordinal) >= 0)
                return "container credentials";
            if (profileName != null) return $"profile '{profileName}'";
            return $"the SDK's default credential chain ({typeName})";
        }

        /// <summary>
        /// The address the SDK built from AWS_CONTAINER_CREDENTIALS_FULL_URI or _RELATIVE_URI (the relative form goes
        /// to the link-local 169.254.170.2), read without contacting it; null if this SDK keeps it elsewhere.
        /// </summary>
        internal static string? ContainerAddress(GenericContainerCredentials container)
            => container.GetType().GetProperty("ResolvedEndpointUri", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
                ?.GetValue(container)?.ToString();
    }
}
