using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace EventBusPermissions.Completion
{
    /// <summary>Tab completes -EventBusName (and Get-CWEventBus -Name) from ListEventBuses.</summary>
    internal sealed class EventBusNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
            => CompletionText.Matches(CompletionSource.BusNames(fakeBoundParameters), wordToComplete, name => $"Event bus {name}");
    }

    /// <summary>Tab completes Revoke-CWEventBusPermission -StatementId from the bus policy.</summary>
    internal sealed class StatementIdCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
            => CompletionText.Matches(CompletionSource.StatementIds(fakeBoundParameters), wordToComplete, id => $"Statement {id}");
    }

    internal static class CompletionText
    {
        public static IEnumerable<CompletionResult> Matches(IReadOnlyList<string> values, string wordToComplete, System.Func<string, string> toolTip)
        {
            var typed = (wordToComplete ?? "").Trim('\'', '"');
            return values
                .Where(v => v.StartsWith(typed, System.StringComparison.OrdinalIgnoreCase))
                .OrderBy(v => v, System.StringComparer.OrdinalIgnoreCase)
                .Select(v => new CompletionResult(Quote(v), v, CompletionResultType.ParameterValue, toolTip(v)))
                .ToList();
        }

        // Partner bus names contain '/', which is fine bare; anything else unusual is quoted.
        private static string Quote(string value)
            => value.All(c => char.IsLetterOrDigit(c) || c == '-' || c == '_' || c == '.' || c == '/') ? value : "'" + value.Replace("'", "''") + "'";
    }
}
