using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using Amazon.Runtime.Internal;
using EventBusPermissions.Aws.Internal;
using Xunit;

namespace EventBusPermissions.Tests.LocalEndpoint;

/// <summary>
/// The SDK's own credential machinery reads the process environment (AWS_ENDPOINT_URL_STS, AWS_CONTAINER_*,
/// AWS_EC2_METADATA_SERVICE_ENDPOINT, HOME for the SSO token cache). Tests that use it run in this collection,
/// never beside another test, and set the environment through <see cref="AwsEnvironmentScope"/>.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    public const string Name = "Process environment";
}

/// <summary>
/// Takes every AWS_* variable (and HOME) out of the process environment, sets the given ones, and on dispose puts
/// the caller's back, so a developer's or CI's AWS settings neither leak in nor get lost. The SDK caches what it read
/// of the environment (the IMDS endpoint, retry settings, where the shared files are), so its cache is reloaded both times.
/// </summary>
internal sealed class AwsEnvironmentScope : IDisposable
{
    private readonly Dictionary<string, string?> _saved;

    public AwsEnvironmentScope(IReadOnlyDictionary<string, string> variables)
    {
        _saved = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .Select(e => (string)e.Key)
            .Where(k => k.StartsWith("AWS_", StringComparison.OrdinalIgnoreCase))
            .Append("HOME")
            .Distinct(StringComparer.Ordinal)
            .ToDictionary(k => k, Environment.GetEnvironmentVariable, StringComparer.Ordinal);
        foreach (string name in _saved.Keys)
        {
            Environment.SetEnvironmentVariable(name, null);
        }

        foreach (KeyValuePair<string, string> variable in variables)
        {
            Environment.SetEnvironmentVariable(variable.Key, variable.Value);
        }

        FallbackInternalConfigurationFactory.Reset();
        SdkSharedFilePaths.Follow(Environment.GetEnvironmentVariable);
    }

    public void Dispose()
    {
        foreach (string name in Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(k => k.StartsWith("AWS_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            Environment.SetEnvironmentVariable(name, null);
        }

        foreach (KeyValuePair<string, string?> saved in _saved)
        {
            Environment.SetEnvironmentVariable(saved.Key, saved.Value);
        }

        FallbackInternalConfigurationFactory.Reset();
        SdkSharedFilePaths.Follow(Environment.GetEnvironmentVariable);
    }
}
