using System;
using System.Collections.Generic;
using System.Text.Json;

namespace EventBusPermissions
{
    /// <summary>Builds whole policy documents from the one just read, keeping every statement it is not asked to change.</summary>
    public static class PolicyDocumentBuilder
    {
        /// <summary>The document without the statements <paramref name="remove"/> picks; every other statement as it was.</summary>
        public static string WithoutStatements(string policyJson, Func<EventBusPermission, bool> remove)
        {
            if (policyJson == null) throw new ArgumentNullException(nameof(policyJson));
            if (remove == null) throw new ArgumentNullException(nameof(remove));
            using (var document = JsonDocument.Parse(policyJson))
            {
                var kept = new List<string>();
                if (PolicyJson.TryGetMember(document.RootElement, "Statement", out var statements))
                {
                    foreach (var statement in PolicyJson.Values(statements))
                    {
                        if (!remove(PolicyStatementReader.Read(statement, "-", null))) kept.Add(statement.GetRawText());
                    }
                }
                return "{\"Version\":\"2012-10-17\",\"Statement\":[" + string.Join(",", kept) + "]}";
            }
        }
    }
}
