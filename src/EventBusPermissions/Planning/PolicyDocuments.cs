using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace EventBusPermissions.Planning
{
    /// <summary>
    /// Checks a whole policy document (PutPermission's Policy member) before it is sent, so that a mistake costs no
    /// request and does not replace the bus's policy with something the service then rejects or misreads.
    /// </summary>
    internal static class PolicyDocuments
    {
        private const string Shape = "a policy looks like {\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"...\",\"Effect\":\"Allow\",\"Principal\":...,\"Action\":\"events:PutEvents\",\"Resource\":...}]}";

        /// <summary>Null when the document may be sent, else the reason.</summary>
        public static string? Check(string? policyJson, int quota) => Check(policyJson, quota, out _);

        /// <summary>Null when the document may be sent, else the reason.</summary>
        /// <param name="errorId">
        /// <see cref="PlanningErrorIds.InvalidPolicyJson"/>, <see cref="PlanningErrorIds.InvalidPolicyDocument"/>,
        /// <see cref="PlanningErrorIds.InvalidPolicyStatementId"/>, <see cref="PlanningErrorIds.InvalidPolicyPrincipal"/> or
        /// <see cref="PlanningErrorIds.PolicyTooLarge"/>; null when the document is valid.
        /// </param>
        public static string? Check(string? policyJson, int quota, out string? errorId)
        {
            PolicyQuota.Require(quota, nameof(quota));

            if (string.IsNullOrWhiteSpace(policyJson))
            {
                errorId = PlanningErrorIds.InvalidPolicyJson;
                return "The policy is empty: " + Shape + ".";
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(policyJson!);
            }
            catch (JsonException ex)
            {
                errorId = PlanningErrorIds.InvalidPolicyJson;
                return "The policy is not valid JSON: " + ex.Message;
            }
            catch (ArgumentException ex)
            {
                // Text that cannot be encoded as UTF-8 (a lone surrogate) fails before the JSON reader sees it.
                errorId = PlanningErrorIds.InvalidPolicyJson;
                return "The policy is not valid JSON: " + ex.Message;
            }

            int compactLength;
            using (document)
            {
                var problem = DocumentProblem(document.RootElement);
                if (problem != null)
                {
                    errorId = PlanningErrorIds.InvalidPolicyDocument;
                    return "The policy is JSON but not a policy document: " + problem + "; " + Shape + ".";
                }

                problem = RuleProblem(document.RootElement, out errorId);
                if (problem != null)
                {
                    return "The policy cannot be sent: " + problem + ".";
                }

                compactLength = PolicyJson.Compact(document.RootElement).Length;
            }

            // The service's whitespace is not fixed, so only a document that is too long even without any is
            // sure to be refused; anything shorter is left for the service to judge.
            var length = Math.Min(policyJson!.Length, compactLength);
            if (length > quota)
            {
                errorId = PlanningErrorIds.PolicyTooLarge;
                return "The policy is " + InputText.Number(length) + " characters long without whitespace; an event bus policy may hold at most "
                    + InputText.Number(quota) + ". Grant the accounts of an organization in one statement (aws:PrincipalOrgID) instead of many single accounts.";
            }

            errorId = null;
            return null;
        }

        /// <summary>
        /// One warning per statement that a valid document may hold but that grants more than it seems to: an Allow
        /// to everyone without a Condition, NotPrincipal, wildcard actions or NotAction with Allow, and a missing Sid.
        /// Empty for a safe document, and for text that is not a policy (<see cref="Check(string?, int)"/> reports that).
        /// Never throws.
        /// </summary>
        public static IReadOnlyList<string> Risks(string? policyJson) => PolicyRisks.Find(policyJson);

        /// <summary>The rules a document's statements must keep beyond its shape: Sids the module can revoke, principals it can read.</summary>
        private static string? RuleProblem(JsonElement root, out string? errorId)
        {
            errorId = null;
            if (!PolicyJson.TryGetMember(root, "Statement", out var statements))
            {
                return null;
            }

            foreach (var numbered in PolicyStatements.Numbered(statements))
            {
                var statement = numbered.Key;
                var problem = PolicyStatementIds.Problem(statement);
                if (problem != null)
                {
                    errorId = PlanningErrorIds.InvalidPolicyStatementId;
                    return PolicyStatements.Name(statement, numbered.Value) + " " + problem;
                }

                problem = PolicyJson.TryGetMember(statement, "Principal", out var principal)
                    ? PolicyPrincipals.Problem(principal, "Principal")
                    : PolicyJson.TryGetMember(statement, "NotPrincipal", out var notPrincipal)
                        ? PolicyPrincipals.Problem(notPrincipal, "NotPrincipal")
                        : null;
                if (problem != null)
                {
                    errorId = PlanningErrorIds.InvalidPolicyPrincipal;
                    return PolicyStatements.Name(statement, numbered.Value) + " " + problem;
                }
            }

            var duplicate = PolicyStatementIds.DuplicateProblem(statements);
            if (duplicate != null)
            {
                errorId = PlanningErrorIds.InvalidPolicyStatementId;
            }

            return duplicate;
        }

        private static string? DocumentProblem(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                return "it is " + Describe(root.ValueKind) + ", not an object";
            }

            // Which copy of a repeated member AWS applies is not documented: the module neither writes nor keeps such a
            // document as its own (the policy parser would not read it back).
            var repeated = RepeatedMembers.Paths(root).FirstOrDefault(p => p.IndexOf('.') < 0 && p.IndexOf('[') < 0);
            if (repeated != null)
            {
                return "it names its member '" + repeated + "' twice; which copy AWS applies is not documented";
            }

            if (!PolicyJson.TryGetMember(root, "Statement", out var statements))
            {
                return "it has no Statement";
            }

            // IAM accepts a single statement object in place of the array.
            if (statements.ValueKind != JsonValueKind.Array && statements.ValueKind != JsonValueKind.Object)
            {
                return "its Statement is " + Describe(statements.ValueKind) + ", not an array of statements";
            }

            foreach (var numbered in PolicyStatements.Numbered(statements))
            {
                var problem = StatementProblem(numbered.Key, numbered.Value);
                if (problem != null)
                {
                    return problem;
                }
            }

            return null;
        }

        private static string? StatementProblem(JsonElement statement, int? number)
        {
            var name = PolicyStatements.Name(statement, number);
            if (statement.ValueKind != JsonValueKind.Object)
            {
                return name + " is " + Describe(statement.ValueKind) + ", not an object";
            }

            var repeated = RepeatedMembers.Paths(statement);
            if (repeated.Count > 0)
            {
                return name + " repeats " + RepeatedMembers.Describe(repeated) + "; which copy AWS applies is not documented, so write each member once";
            }

            if (!PolicyJson.TryGetMember(statement, "Effect", out var effect))
            {
                return name + " has no Effect (Allow or Deny)";
            }

            // IAM compares the Effect value exactly.
            var effectText = effect.ValueKind == JsonValueKind.String ? effect.GetString() : null;
            if (effectText != "Allow" && effectText != "Deny")
            {
                return name + " has the Effect " + PolicyJson.Compact(effect) + "; it must be \"Allow\" or \"Deny\"";
            }

            if (!PolicyJson.TryGetMember(statement, "Principal", out _) && !PolicyJson.TryGetMember(statement, "NotPrincipal", out _))
            {
                return name + " has no Principal (or NotPrincipal) naming whom it applies to";
            }

            if (!PolicyJson.TryGetMember(statement, "Action", out _) && !PolicyJson.TryGetMember(statement, "NotAction", out _))
            {
                return name + " has no Action (or NotAction)";
            }

            return null;
        }

        private static string Describe(JsonValueKind kind) => PolicyStatements.Describe(kind);
    }
}
