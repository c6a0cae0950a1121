using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using EventBusPermissions.Aws;
using EventBusPermissions.Commands;
using EventBusPermissions.Connection;

namespace EventBusPermissions.Completion
{
    /// <summary>
    /// What the Tab completers need from AWS, asked with the parameters already typed on the line. It never
    /// throws and never waits long: no credentials, no region or no network simply means no suggestions.
    /// Answers are kept for a short while, so pressing Tab again does not call AWS again.
    /// </summary>
    internal static class CompletionSource
    {
        private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
        private static readonly TimeSpan Patience = TimeSpan.FromSeconds(3);
        private static readonly ConcurrentDictionary<string, (DateTime Expires, IReadOnlyList<string> Values)> Cache =
            new ConcurrentDictionary<string, (DateTime, IReadOnlyList<string>)>();

        public static IReadOnlyList<string> BusNames(IDictionary boundParameters)
            => Cached(boundParameters, "buses", api => api.ListEventBusNamesAsync(null, Token()).GetAwaiter().GetResult());

        public static IReadOnlyList<string> StatementIds(IDictionary boundParameters)
        {
            var bus = Text(boundParameters, "EventBusName") ?? Validation.EventBusNames.Default;
            return Cached(boundParameters, "statements:" + bus, api =>
            {
                var d = api.DescribeEventBusAsync(bus, Token()).GetAwaiter().GetResult();
                var ids = new List<string>();
                foreach (var p in d.ToEventBus(bus).Permissions)
                    if (p.StatementId != null && !ids.Contains(p.StatementId)) ids.Add(p.StatementId); // once per shared statement
                return ids;
            });
        }

        private static CancellationToken Token() => new CancellationTokenSource(Patience).Token;

        private static IReadOnlyList<string> Cached(IDictionary bound, string what, Func<IEventBridgeApi, IReadOnlyList<string>> fetch)
        {
            try
            {
                var options = ConnectionParameters.FromBoundParameters(bound).ToOptions(SessionVariable);
                var api = EventBridgeConnector.Connect(options);
                // The client is cached per identity already; its hash code tells identities apart without any secret.
                var key = $"{System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(api)}|{what}";
                if (Cache.TryGetValue(key, out var hit) && hit.Expires > DateTime.UtcNow) return hit.Values;
                var values = fetch(api);
                Cache[key] = (DateTime.UtcNow + Lifetime, values);
                return values;
            }
            catch (Exception)
            {
                // Completion must stay quiet: no credentials, no network or a refusal just means no suggestions.
                return Array.Empty<string>();
            }
        }

        /// <summary>
        /// A global variable of the session being completed ($StoredAWSRegion, $StoredAWSCredentials). A completer gets
        /// no SessionState, and the runspace's proxy refuses while the completion pipeline runs, so a script block on
        /// this thread reads it; anything that goes wrong just means no session default.
        /// </summary>
        private static object? SessionVariable(string name)
        {
            try
            {
                // Made per call: a script block keeps to the session state it first ran in, and completion may come from another runspace.
                var found = ScriptBlock.Create("param($name) Get-Variable -Name $name -Scope Global -ValueOnly -ErrorAction Ignore").Invoke(name);
                return found.Count > 0 ? found[0] : null;
            }
            catch (Exception)
            {
                return null;
            }
        }

        private static string? Text(IDictionary bound, string name)
        {
            if (!bound.Contains(name)) return null;
            var value = bound[name];
            if (value is PSObject wrapped) value = wrapped.BaseObject;
            return value as string;
        }
    }
}
