using System;
using System.IO;
using System.Linq;
using Amazon.Runtime;

namespace EventBusPermissions.Aws.Internal
{
    /// <summary>
    /// Turns the failure of a known kind of credential source into what a person can act on, with its own reason
    /// (ErrorId): an SSO sign-in to renew, a role that refused, a token file that is not there. Decided by the kind
    /// of source that failed, not by the wording of the SDK's message, which is quoted (scrubbed) after it.
    /// </summary>
    internal static class CredentialFailures
    {
        /// <summary>A source that cannot work as configured, found before any request: a web identity token file that is missing.</summary>
        public static void CheckUsable(AWSCredentials credentials, string? profileName)
        {
            if (credentials is AssumeRoleWithWebIdentityCredentials web && !string.IsNullOrEmpty(web.WebIdentityTokenFile) && !File.Exists(web.WebIdentityTokenFile))
            {
                var from = profileName == null ? "AWS_WEB_IDENTITY_TOKEN_FILE" : $"the web_identity_token_file of profile '{profileName}'";
                throw new EventBridgeSetupException(
                    $"The web identity token file '{web.WebIdentityTokenFile}' named by {from} does not exist, so the role {web.RoleArn} cannot be assumed. " +
                    "Check the path (in GitHub Actions, the job's permissions need id-token set to write; on EKS, the pod's service account needs the role annotation).",
                    SetupFailure.WebIdentityTokenFileMissing);
            }
        }

        /// <summary>The reason and lead sentence for a source that failed when credentials were asked for; null when the kind says nothing more.</summary>
        public static (string Reason, string Lead)? Explain(AWSCredentials source, Exception failure, string? profileName)
        {
            var profile = profileName ?? "<profile>";
            switch (source)
            {
                case SSOAWSCredentials sso:
                    return (SetupFailure.SsoLoginRequired,
                        $"The SSO sign-in for {sso.StartUrl} is missing or has expired: run 'aws sso login --profile {profile}', then try again.");
                case AssumeRoleAWSCredentials role when IsDenied(failure):
                    return (SetupFailure.AssumeRoleDenied,
                        $"The role {role.RoleArn} could not be assumed (session '{role.RoleSessionName}'): STS refused the identity that asked. " +
                        "Check the role's trust policy, its external_id, and the source credentials.");
                case AssumeRoleWithWebIdentityCredentials web when !File.Exists(web.WebIdentityTokenFile):
                    return (SetupFailure.WebIdentityTokenFileMissing,
                        $"The web identity token file '{web.WebIdentityTokenFile}' does not exist, so the role {web.RoleArn} cannot be assumed.");
                case AssumeRoleWithWebIdentityCredentials web when IsDenied(failure):
                    return (SetupFailure.AssumeRoleDenied,
                        $"The role {web.RoleArn} could not be assumed with the web identity token in '{web.WebIdentityTokenFile}': STS refused it.");
            }
            return null;
        }

        private static bool IsDenied(Exception failure)
        {
            for (var e = failure; e != null; e = e.InnerException)
            {
                if (e is AmazonServiceException service && (service.ErrorCode == "AccessDenied" || service.ErrorCode == "InvalidIdentityToken"
                    || service.StatusCode == System.Net.HttpStatusCode.Forbidden)) return true;
                if (e.Message != null && (e.Message.IndexOf("not authorized", StringComparison.OrdinalIgnoreCase) >= 0
                    || e.Message.IndexOf("AccessDenied", StringComparison.Ordinal) >= 0)) return true;
                if (e is AggregateException aggregate && aggregate.InnerExceptions.Any(IsDenied)) return true;
            }
            return false;
        }
    }
}
