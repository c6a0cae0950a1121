using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace EventBusPermissions.Planning
{
    /// <summary>One statement that names an account among other principals, and how it reads without it.</summary>
    internal sealed class SharedStatementEdit
    {
        internal SharedStatementEdit(string? statementId, string before, string? after, IReadOnlyList<string> accounts)
        {
            StatementId = statementId;
            Before = before;
            After = after;
            Accounts = accounts;
        }

        public string? StatementId { get; }

        /// <summary>The statement as read (compact JSON).</summary>
        public string Before { get; }

        /// <summary>The statement without the accounts; null when no principal is left and it goes.</summary>
        public string? After { get; }

        /// <summary>The accounts taken out of it.</summary>
        public IReadOnlyList<string> Accounts { get; }
    }

    /// <summary>
    /// Revoking accounts out of Allow statements they share with other principals (packed by -Pack, or written by
    /// the console, Terraform or a policy document): RemovePermission can only remove a whole statement, so each
    /// such statement is rewritten without the accounts, keeping its condition, action and other principals, and
    /// the whole policy is written (built from the policy just read). Statements naming the account alone are
    /// RemovePermission's (see <see cref="RevokePlanner.ByAccounts"/>); Denies are never touched.
    /// </summary>
    internal static class AccountRemoval
    {
        /// <summary>The shared Allow statements that name any of the accounts, each with its rewrite, in policy order.</summary>
        public static IReadOnlyList<SharedStatementEdit> SharedEdits(string? policyJson, IReadOnlyCollection<string> accounts)
        {
            var edits = new List<SharedStatementEdit>();
            ForEachStatement(policyJson, statement =>
            {
                var named = accounts.Where(a => AccountStatements.AllowsAccount(statement, a)).ToList();
                if (named.Count == 0 || AccountStatements.PrincipalCount(statement) < 2) return;
                string? after = statement.GetRawText();
                foreach (var account in named)
                {
                    using (var doc = JsonDocument.Parse(after))
                        after = AccountStatements.WithoutAccount(doc.RootElement, account);
                    if (after == null) break;
                }
                var sid = statement.TryGetProperty("Sid", out var s) ? PolicyJson.Text(s) : null;
                edits.Add(new SharedStatementEdit(sid, PolicyJson.Compact(statement), after, named));
            });
            return edits;
        }

        /// <summary>The whole-policy change that takes the accounts out of the shared statements; null when none names them.</summary>
        /// <param name="include">Which statements may change (those the user confirmed); all when null.</param>
        public static WholePolicyChange? Change(EventBus read, IReadOnlyCollection<string> accounts, Func<SharedStatementEdit, bool>? include = null)
        {
            var edits = SharedEdits(read.Policy, accounts).Where(e => include == null || include(e)).ToList();
            if (edits.Count == 0) return null;
            var kept = new List<string>();
            var policy = PolicyDocumentBuilder.Edit(read.Policy, statement =>
            {
                var compact = PolicyJson.Compact(statement);
                var edit = edits.FirstOrDefault(e => e.Before == compact);
                if (edit != null) return edit.After;
                kept.Add(compact);
                return statement.GetRawText();
            }, new string[0]);
            return new WholePolicyChange(policy, kept, readBack =>
                SharedEdits(readBack.Policy, accounts).Where(e => include == null || include(e)).SelectMany(e => e.Accounts.Select(a => $"account {a} is still allowed by statement '{e.StatementId}'")).ToList());
        }

        private static void ForEachStatement(string? policyJson, Action<JsonElement> visit)
        {
            if (string.IsNullOrWhiteSpace(policyJson)) return;
            using (var document = PolicyParser.ParseDocument(policyJson!))
            {
                if (!PolicyJson.TryGetMember(document.RootElement, "Statement", out var statements)) return;
                foreach (var statement in PolicyJson.Values(statements))
                    if (statement.ValueKind == JsonValueKind.Object) visit(statement);
            }
        }
    }
}
