using System;
using System.Collections.Generic;
using System.Text.Json;

namespace EventBusPermissions
{
    /// <summary>
    /// Reads a whole event bus policy document into its permissions: one per statement, except that a statement
    /// whose Principal lists several AWS principals gives one per principal (see <see cref="EventBusPermission.PrincipalCount"/>).
    /// </summary>
    internal static class PolicyParser
    {
        /// <exception cref="FormatException">The text is not JSON, or its root is not an object.</exception>
        /// <param name="eventBusArn">The ARN of the bus the policy was read from; carried by every permission.</param>
        internal static IReadOnlyList<EventBusPermission> Parse(string policyJson, string eventBusName, string? region, string? eventBusArn = null)
        {
            if (policyJson == null) throw new ArgumentNullException(nameof(policyJson));
            if (eventBusName == null) throw new ArgumentNullException(nameof(eventBusName));

            using (var document = ParseDocument(policyJson))
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    throw new FormatException(
                        "The event bus policy is not a JSON object: its root is " + PolicyJson.KindText(root.ValueKind) + ".");
                }

                var permissions = new List<EventBusPermission>();
                if (PolicyJson.TryGetMember(root, "Statement", out var statements))
                {
                    // IAM accepts a single statement object in place of the array.
                    foreach (var statement in PolicyJson.Values(statements))
                    {
                        permissions.AddRange(PolicyStatementReader.ReadEach(statement, eventBusName, region, eventBusArn));
                    }
                }

                return permissions;
            }
        }

        /// <exception cref="FormatException">The text is not JSON.</exception>
        internal static JsonDocument ParseDocument(string policyJson)
        {
            try
            {
                return JsonDocument.Parse(policyJson);
            }
            catch (JsonException ex)
            {
                throw new FormatException("The event bus policy is not valid JSON: " + ex.Message, ex);
            }
            catch (ArgumentException ex)
            {
                // Text that cannot be encoded as UTF-8 (a lone surrogate) fails before the JSON reader sees it.
                throw new FormatException("The event bus policy is not valid JSON: " + ex.Message, ex);
            }
        }
    }
}
