using System;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Threading.Tasks;
using LocalEventBridge;
using Xunit;
using Xunit.Abstractions;

namespace EventBusPermissions.Tests.LocalEndpoint;

/// <summary>The endpoint as a separate process: its first stdout line, its options, and how it stops.</summary>
public sealed class CommandLineTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly ITestOutputHelper _output;

    public CommandLineTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public async Task Prints_the_URL_first_serves_and_stops_cleanly_on_SIGTERM()
    {
        if (OperatingSystem.IsWindows())
        {
            _output.WriteLine("SKIPPED: SIGTERM is a Unix signal.");
            return;
        }

        using Process endpoint = StartEndpoint("--port", "0", "--policy-size-limit", "300");
        try
        {
            string url = await ReadUrlAsync(endpoint);
            using var http = new HttpClient();
            Assert.Equal("{\"status\":\"ok\"}", await http.GetStringAsync(url + "/_local/health"));

            using Process kill = Process.Start("kill", new[] { "-TERM", endpoint.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            await kill.WaitForExitAsync();
            Assert.True(await ExitsWithinAsync(endpoint), "the endpoint did not stop after SIGTERM");
            Assert.Equal(0, endpoint.ExitCode);
        }
        finally
        {
            KillIfRunning(endpoint);
        }
    }

    [Fact]
    public async Task Exits_when_the_parent_process_exits()
    {
        if (OperatingSystem.IsWindows())
        {
            _output.WriteLine("SKIPPED: this test uses 'sleep' as the parent process.");
            return;
        }

        using Process parent = Process.Start("sleep", "30");
        using Process endpoint = StartEndpoint("--parent-pid", parent.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            await ReadUrlAsync(endpoint);
            Assert.False(endpoint.HasExited);
            parent.Kill();
            Assert.True(await ExitsWithinAsync(endpoint), "the endpoint outlived its parent");
        }
        finally
        {
            KillIfRunning(endpoint);
            KillIfRunning(parent);
        }
    }

    [Fact]
    public async Task Bad_options_exit_with_usage_on_stderr()
    {
        using Process endpoint = StartEndpoint("--port", "banana");
        Assert.True(await ExitsWithinAsync(endpoint));
        Assert.Equal(2, endpoint.ExitCode);
        Assert.Equal(string.Empty, await endpoint.StandardOutput.ReadToEndAsync());
        Assert.Contains("Usage:", await endpoint.StandardError.ReadToEndAsync());
    }

    private static Process StartEndpoint(params string[] arguments)
    {
        // The endpoint's dll and runtimeconfig are copied beside the test assembly by the project reference.
        string dll = typeof(LocalEventBridgeServer).Assembly.Location;
        Assert.True(File.Exists(Path.ChangeExtension(dll, ".runtimeconfig.json")), "LocalEventBridge.runtimeconfig.json is missing beside " + dll);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("Could not start the endpoint.");
    }

    private async Task<string> ReadUrlAsync(Process endpoint)
    {
        Task<string?> line = endpoint.StandardOutput.ReadLineAsync();
        Assert.True(await Task.WhenAny(line, Task.Delay(Patience)) == line, "no first line on stdout");
        string first = (await line)!;
        _output.WriteLine(first);
        Assert.Matches(@"^LocalEventBridge listening on http://127\.0\.0\.1:\d{1,5}$", first);
        return first["LocalEventBridge listening on ".Length..];
    }

    private static async Task<bool> ExitsWithinAsync(Process process)
    {
        Task exited = process.WaitForExitAsync();
        return await Task.WhenAny(exited, Task.Delay(Patience)) == exited;
    }

    private static void KillIfRunning(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
    }
}
