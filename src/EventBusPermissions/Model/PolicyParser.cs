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
        /// <exception cref="FormatException">The text is not JSON, its root is not an object, or its root names a member twice.</exception>
        /// <param name="eventBusArn">The ARN of the bus the policy was read from; carried by every permission.</param>
        internal static IReadOnlyList<EventBusPermission> Parse(string policyJson, string eventBusName, string? region, string? eventBusArn = null)
            => Parse(policyJson, eventBusName, region, eventBusArn, out _);

        /// <summary>As <see cref="Parse(string, string, string?, string?)"/>, and who can put events on the bus: each permission's
        /// Exposure and Reason are set, and <paramref name="audit"/> holds the bus's (see <see cref="Audit.ExposureAnalyzer"/>).</summary>
        internal static IReadOnlyList<EventBusPermission> ParseAudited(string policyJson, string eventBusName, string? region, string? eventBusArn,
            out Audit.BusAudit audit, ISet<string>? trustedAccounts = null, ISet<string>? trustedOrganizations = null)
        {
            var permissions = Parse(policyJson, eventBusName, region, eventBusArn, out var statements);
            audit = Audit.ExposureAnalyzer.Assign(statements, eventBusArn, trustedAccounts, trustedOrganizations);
            return permissions;
        }

        private static IReadOnlyList<EventBusPermission> Parse(string policyJson, string eventBusName, string? region, string? eventBusArn,
            out List<KeyValuePair<JsonElement, IReadOnlyList<EventBusPermission>>> byStatement)
        {
            byStatement = new List<KeyValuePair<JsonElement, IReadOnlyList<EventBusPermission>>>();
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

                // Two Statement members (or "Statement" and "statement"): which list AWS applies is not documented, and
                // every reader here would pick one. Nothing on such a bus can be shown or kept with certainty.
                var repeated = RootRepeats(root);
                if (repeated != null)
                {
                    throw new FormatException(
                        "The event bus policy names its member '" + repeated + "' twice; which copy AWS applies is not documented, so the policy is not read.");
                }

                var permissions = new List<EventBusPermission>();
                if (PolicyJson.TryGetMember(root, "Statement", out var statements))
                {
                    // IAM accepts a single statement object in place of the array.
                    foreach (var statement in PolicyJson.Values(statements))
                    {
                        var each = PolicyStatementReader.ReadEach(statement, eventBusName, region, eventBusArn);
                        permissions.AddRange(each);
                        // A clone outlives the document, for the audit that reads all statements at once.
                        byStatement.Add(new KeyValuePair<JsonElement, IReadOnlyList<EventBusPermission>>(statement.Clone(), each));
                    }
                }

                return permissions;
            }
        }

        /// <summary>The first top-level member the document names twice (ignoring case), or null.</summary>
        private static string? RootRepeats(JsonElement root)
        {
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var member in root.EnumerateObject())
            {
                if (!seen.Add(member.Name)) return member.Name;
            }

            return null;
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
