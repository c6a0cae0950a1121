using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using LocalEventBridge;

namespace EventBusPermissions.Tests.LocalEndpoint;

/// <summary>Runs the AWS CLI or python3 against the local endpoint, with only the test credential in its environment.</summary>
internal static class ExternalTool
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static readonly Lazy<bool> Boto3 = new(() =>
        FindOnPath("python3") is not null
        && RunAsync("python3", new[] { "-c", "import boto3" }, new Dictionary<string, string>()).GetAwaiter().GetResult().ExitCode == 0);

    /// <summary>The full path of an executable on PATH, or null.</summary>
    public static string? FindOnPath(string name)
    {
        string[] extensions = OperatingSystem.IsWindows() ? new[] { ".exe", ".cmd", ".bat" } : new[] { string.Empty };
        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => extensions.Select(ext => Path.Combine(dir, name + ext)))
            .FirstOrDefault(File.Exists);
    }

    public static bool HasBoto3 => Boto3.Value;

    /// <summary>
    /// The environment for an AWS tool: the credential and region, config and credential files that
    /// do not exist, and no other AWS_* variable from the machine that could change what it does.
    /// </summary>
    public static Dictionary<string, string> AwsEnvironment(TestCredential credential, string? secretOverride = null, string region = "us-east-1")
    {
        string missing = Path.Combine(Path.GetTempPath(), "local-eventbridge-" + Guid.NewGuid().ToString("N"));
        var environment = new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = credential.AccessKeyId,
            ["AWS_SECRET_ACCESS_KEY"] = secretOverride ?? credential.SecretAccessKey,
            ["AWS_DEFAULT_REGION"] = region,
            ["AWS_CONFIG_FILE"] = Path.Combine(missing, "config"),
            ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(missing, "credentials"),
            ["AWS_EC2_METADATA_DISABLED"] = "true",
            ["AWS_MAX_ATTEMPTS"] = "1",
        };
        if (credential.SessionToken is not null)
        {
            environment["AWS_SESSION_TOKEN"] = credential.SessionToken;
        }

        return environment;
    }

    public static async Task<ToolResult> RunAsync(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (string key in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (KeyValuePair<string, string> variable in environment)
        {
            start.Environment[variable.Key] = variable.Value;
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        process.StandardInput.Close();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        Task exited = process.WaitForExitAsync();
        if (await Task.WhenAny(exited, Task.Delay(Timeout)) != exited)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} did not finish within {Timeout.TotalSeconds} s.");
        }

        return new ToolResult(process.ExitCode, await stdout, await stderr);
    }
}

/// <summary>A finished tool run.</summary>
internal sealed record ToolResult(int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() => $"exit {ExitCode}\nstdout: {StandardOutput}\nstderr: {StandardError}";
}
