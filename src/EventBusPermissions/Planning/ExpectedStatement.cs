using System;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace EventBusPermissions.Planning
{
    /// <summary>The statement PutPermission stores for a grant, in the shape and key order the service writes.</summary>
    internal static class ExpectedStatement
    {
        // The same encoder as PolicyJson.Compact, so expected and read-back statements escape alike.
        private static readonly JsonWriterOptions Compact = new JsonWriterOptions
        {
            Indented = false,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };

        /// <summary>The compact JSON of the statement, e.g. for an account
        /// <c>{"Sid":"Account-111122223333","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"events:PutEvents","Resource":"arn:aws:events:us-east-1:444455556666:event-bus/default"}</c>.</summary>
        /// <param name="busArn">The bus's ARN: the Resource, and the partition of the account's root ARN.</param>
        /// <exception cref="ArgumentException"><paramref name="busArn"/> is not an event bus ARN.</exception>
        public static string Json(GrantRequest grant, string busArn)
        {
            if (grant == null) throw new ArgumentNullException(nameof(grant));
            var partition = PartitionOf(busArn, nameof(busArn));

            using (var stream = new MemoryStream())
            {
                using (var writer = new Utf8JsonWriter(stream, Compact))
                {
                    writer.WriteStartObject();
                    writer.WriteString("Sid", grant.StatementId);
                    writer.WriteString("Effect", "Allow");
                    if (grant.Principal == AccountIds.Everyone)
                    {
                        // Everyone, and organization grants too, are stored as the plain string "*".
                        writer.WriteString("Principal", AccountIds.Everyone);
                    }
                    else
                    {
                        writer.WriteStartObject("Principal");
                        writer.WriteString("AWS", "arn:" + partition + ":iam::" + grant.Principal + ":root");
                        writer.WriteEndObject();
                    }

                    writer.WriteString("Action", grant.Action);
                    writer.WriteString("Resource", busArn);
                    if (grant.OrganizationId != null)
                    {
                        writer.WriteStartObject("Condition");
                        writer.WriteStartObject("StringEquals");
                        writer.WriteString("aws:PrincipalOrgID", grant.OrganizationId);
                        writer.WriteEndObject();
                        writer.WriteEndObject();
                    }

                    writer.WriteEndObject();
                }

                return Encoding.UTF8.GetString(stream.ToArray());
            }
        }

        internal static string PartitionOf(string busArn, string parameterName)
        {
            if (!EventBusArn.TryParse(busArn, out var partition, out _, out _, out _))
            {
                throw new ArgumentException("'" + busArn + "' is not an event bus ARN (arn:<partition>:events:<region>:<account>:event-bus/<name>).", parameterName);
            }

            return partition;
        }

        internal static string BusNameOf(string busArn)
        {
            return EventBusArn.TryParse(busArn, out _, out _, out _, out var name) ? name : busArn;
        }
    }
}
