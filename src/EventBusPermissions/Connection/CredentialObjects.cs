using System;
using System.Collections;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.CompilerServices;
using EventBusPermissions.Aws;

namespace EventBusPermissions.Connection
{
    /// <summary>
    /// Reads the credentials users of AWS Tools for PowerShell already hold: a PSCredential (access key id as user
    /// name, secret key as password); any object or hashtable with AccessKeyId and SecretAccessKey (and SessionToken),
    /// such as the Credentials of Use-STSRole, or such an object under a Credentials property (Use-STSRole's whole
    /// answer); an Amazon.Runtime.AWSCredentials of any AWSSDK.Core copy, read through its GetCredentials() on every
    /// use; and AWS Tools' $StoredAWSCredentials, which holds one of those. Reflection only: no type is shared with
    /// another module's copy of the SDK, which lives in another load context.
    /// </summary>
    internal static class CredentialObjects
    {
        /// <param name="origin">Where the value came from (-Credential, $StoredAWSCredentials), for messages.</param>
        /// <returns>Null when no value was given.</returns>
        /// <exception cref="ArgumentException">The value holds no credentials this can read.</exception>
        public static ExternalCredentials? Read(object? raw, string origin)
        {
            // The wrapper is kept for property lookups: a PSCustomObject's properties live on it, not on its base.
            var value = Unwrap(raw);
            if (value == null || (value is PSCredential c && c == PSCredential.Empty)) return null;
            var identity = value.GetType().FullName + "#" + RuntimeHelpers.GetHashCode(value);

            if (value is PSCredential credential)
            {
                var keys = new CredentialValues(credential.UserName, credential.GetNetworkCredential().Password, null);
                return new ExternalCredentials(() => keys, $"access key {Mask(keys.AccessKey)} from {origin} (PSCredential)", identity + "#" + keys.AccessKey);
            }

            // An AWSCredentials of any SDK copy: asked each time, so that refreshing credentials (a role) stay fresh.
            var getCredentials = value.GetType().GetMethod("GetCredentials", BindingFlags.Public | BindingFlags.Instance, null, Type.EmptyTypes, null);
            if (getCredentials != null)
            {
                CredentialValues Fetch() => FromKeys(getCredentials.Invoke(value, null), "AccessKey", "SecretKey", "Token")
                    ?? throw new InvalidOperationException($"The credentials object of {origin} ({value.GetType().Name}) returned no keys.");
                return new ExternalCredentials(Fetch, $"{value.GetType().Name} from {origin}", identity);
            }

            // AWS Tools' AWSPSCredentials keeps its AWSCredentials in a non-public property, and its profile name in another.
            var inner = NonPublic(value, "Credentials");
            if (inner != null && !(inner is string))
            {
                var name = NonPublic(value, "Name") as string;
                var read = Read(inner, origin);
                if (read != null)
                    return new ExternalCredentials(read.Read, string.IsNullOrEmpty(name) ? read.Description : $"AWS Tools credentials '{name}' from {origin}", identity);
            }

            var direct = FromKeys(raw, "AccessKeyId", "SecretAccessKey", "SessionToken");
            if (direct != null)
                return new ExternalCredentials(() => direct, $"{(direct.SessionToken == null ? "" : "temporary ")}access key {Mask(direct.AccessKey)} from {origin}", identity + "#" + direct.AccessKey);

            // Use-STSRole's answer holds the keys under Credentials.
            var nested = Member(raw, "Credentials");
            if (nested != null && !ReferenceEquals(Unwrap(nested), value)) return Read(nested, origin);

            throw new ArgumentException(
                $"{origin} holds a {value.GetType().Name}, which carries no credentials this module can read. Give a PSCredential (access key id as " +
                "user name, secret key as password), an object with AccessKeyId and SecretAccessKey (and SessionToken), such as the Credentials of " +
                "Use-STSRole, or an AWS SDK AWSCredentials object.");
        }

        private static CredentialValues? FromKeys(object? value, string accessName, string secretName, string tokenName)
        {
            var access = Unwrap(Member(value, accessName)) as string;
            var secret = Unwrap(Member(value, secretName)) as string;
            if (string.IsNullOrEmpty(access) || string.IsNullOrEmpty(secret)) return null;
            return new CredentialValues(access!, secret!, Unwrap(Member(value, tokenName)) as string);
        }

        /// <summary>A member of an object, a PSObject's note property, or a hashtable key; null when there is none.</summary>
        private static object? Member(object? value, string name)
        {
            if (value == null) return null;
            if (Unwrap(value) is IDictionary dictionary)
            {
                foreach (DictionaryEntry entry in dictionary)
                    if (string.Equals(entry.Key?.ToString(), name, StringComparison.OrdinalIgnoreCase)) return entry.Value;
                return null;
            }
            var wrapper = value as PSObject ?? PSObject.AsPSObject(value);
            return wrapper.Properties[name]?.Value;
        }

        private static object? NonPublic(object value, string name)
            => value.GetType().GetProperty(name, BindingFlags.NonPublic | BindingFlags.Instance)?.GetValue(value);

        private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;

        private static string Mask(string accessKey)
            => accessKey.Length <= 8 ? "****" : accessKey.Substring(0, 4) + "****" + accessKey.Substring(accessKey.Length - 4);
    }
}
