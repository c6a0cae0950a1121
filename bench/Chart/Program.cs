using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using ScottPlot;

namespace EventBusPermissions.Bench.Chart;

/// <summary>
/// Draws bench/Invoke-Benchmarks.ps1's results.json as one PNG with four plots, each over the endpoints measured
/// (the local endpoint on loopback, the same with 40 ms injected per request, moto_server): the 40-account runbook
/// grant (module, AWS CLI loop, boto3), the scaling of one Grant pipeline (seconds against accounts), one account
/// granted on the estate's buses (Grant's default -ThrottleLimit against -ThrottleLimit 1), and reading every bus
/// of the estate against reading one. Bars and points at the median, whiskers from min to max.
/// Usage: Chart results.json benchmarks.png
/// </summary>
internal static class Program
{
    private static readonly string[] Tools = { "module", "cli", "boto3" };

    private static readonly Dictionary<string, string> ToolNames = new()
    {
        ["module"] = "EventBusPermissions",
        ["cli"] = "AWS CLI loop",
        ["boto3"] = "boto3",
    };

    private static readonly Dictionary<string, Color> ToolColors = new()
    {
        ["module"] = Color.FromHex("#1f77b4"),
        ["cli"] = Color.FromHex("#d62728"),
        ["boto3"] = Color.FromHex("#2ca02c"),
    };

    private static readonly Dictionary<string, Color> ProfileColors = new()
    {
        ["local"] = Color.FromHex("#1f77b4"),
        ["local-latency"] = Color.FromHex("#ff7f0e"),
    };

    private static int Main(string[] args)
    {
        if (args.Length != 2)
        {
            Console.Error.WriteLine("usage: Chart <results.json> <out.png>");
            return 2;
        }

        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(args[0]));
        JsonElement root = document.RootElement;
        Dictionary<string, string> labels = EndpointLabels(root);

        Multiplot multiplot = new(DrawRunbookGrant(root, labels));
        multiplot.AddPlot(DrawScale(root, labels));
        multiplot.AddPlot(DrawEstateGrant(root, labels));
        multiplot.AddPlot(DrawEstateRead(root, labels));
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(2, 2);
        multiplot.SavePng(args[1], 1500, 1100);
        Console.WriteLine($"Chart: {Path.GetFullPath(args[1])}");
        return 0;
    }

    /// <summary>Short names for the axis: the endpoints results.json lists, by their name.</summary>
    private static Dictionary<string, string> EndpointLabels(JsonElement root)
    {
        int latency = root.GetProperty("settings").TryGetProperty("latencyMs", out JsonElement ms) ? ms.GetInt32() : 0;
        Dictionary<string, string> labels = new()
        {
            ["local"] = "local endpoint\nloopback",
            ["local-latency"] = $"local endpoint\n+{latency} ms per request (injected)",
            ["moto"] = "moto_server\nloopback",
        };
        return labels;
    }

    private static string Label(Dictionary<string, string> labels, string endpoint) =>
        labels.TryGetValue(endpoint, out string? label) ? label : endpoint;

    private static (double Median, double Min, double Max)? Stats(JsonElement stats)
    {
        if (stats.GetProperty("n").GetInt32() == 0) return null;
        return (stats.GetProperty("median").GetDouble(), stats.GetProperty("min").GetDouble(), stats.GetProperty("max").GetDouble());
    }

    private static double AddBar(Plot plot, double position, (double Median, double Min, double Max) s, Color color, string text, string? legend)
    {
        Bar bar = new() { Position = position, Value = s.Median, FillColor = color, Label = text };
        var bars = plot.Add.Bars(new[] { bar });
        bars.ValueLabelStyle.FontSize = 13;
        if (legend != null) bars.LegendText = legend;
        var whisker = plot.Add.ErrorBar(new[] { position }, new[] { s.Median }, new[] { s.Max - s.Median });
        whisker.YErrorPositive = new[] { s.Max - s.Median };
        whisker.YErrorNegative = new[] { s.Median - s.Min };
        whisker.Color = Colors.Black;
        return s.Max;
    }

    private static string Seconds(double value) =>
        value.ToString(value < 0.1 ? "0.000" : value < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture) + " s";

    private static void FinishBars(Plot plot, List<Tick> ticks, double position, double top, string title, string yLabel, double headroom = 1.18)
    {
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.ToArray());
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.SetLimits(-0.75, Math.Max(position - 1.25, 1), 0, Math.Max(top, 0.001) * headroom);
        plot.Title(title, size: 15);
        plot.YLabel(yLabel);
        plot.ShowLegend(Alignment.UpperRight);
    }

    private static Plot DrawRunbookGrant(JsonElement root, Dictionary<string, string> labels)
    {
        Plot plot = new();
        List<JsonElement> entries = root.GetProperty("runbookGrant").EnumerateArray().ToList();
        List<string> endpoints = entries.Select(e => e.GetProperty("endpoint").GetString() ?? "?").Distinct().ToList();

        int accounts = root.GetProperty("settings").GetProperty("accounts").GetInt32();
        List<Tick> ticks = new();
        double position = 0;
        bool[] legendShown = new bool[Tools.Length];
        double top = 0;
        foreach (string endpoint in endpoints)
        {
            double groupStart = position;
            for (int t = 0; t < Tools.Length; t++)
            {
                string tool = Tools[t];
                JsonElement? entry = entries.FirstOrDefault(e => e.GetProperty("endpoint").GetString() == endpoint
                    && e.GetProperty("tool").GetString() == tool);
                if (entry is null || Stats(entry.Value.GetProperty("stats")) is not { } s) continue;

                int timed = entry.Value.TryGetProperty("callsTimedPerRun", out JsonElement calls) ? calls.GetInt32() : 0;
                string? legend = null;
                if (!legendShown[t])
                {
                    legend = timed > 0 && timed < accounts ? $"{ToolNames[tool]} ({timed} of {accounts} calls timed, scaled)" : ToolNames[tool];
                    legendShown[t] = true;
                }
                top = Math.Max(top, AddBar(plot, position, s, ToolColors[tool], Seconds(s.Median), legend));
                position += 1;
            }

            if (position > groupStart) ticks.Add(new Tick((groupStart + position - 1) / 2, Label(labels, endpoint)));
            position += 1;
        }

        // Room above the tallest bar (the CLI loop) for the legend, so that it hides no bar label.
        FinishBars(plot, ticks, position, top, $"Runbook grant of {accounts} accounts, fresh process (median; min–max)", "seconds", 1.45);
        return plot;
    }

    private static Plot DrawScale(JsonElement root, Dictionary<string, string> labels)
    {
        Plot plot = new();
        List<JsonElement> points = root.GetProperty("scale").EnumerateArray().ToList();
        double highest = 0;
        double widest = 0;
        foreach (string endpoint in points.Select(p => p.TryGetProperty("endpoint", out JsonElement e) ? e.GetString() ?? "local" : "local").Distinct())
        {
            List<double> xs = new(), medians = new(), below = new(), above = new();
            foreach (JsonElement point in points.Where(p => (p.TryGetProperty("endpoint", out JsonElement e) ? e.GetString() : "local") == endpoint))
            {
                if (Stats(point.GetProperty("stats")) is not { } s) continue;
                xs.Add(point.GetProperty("accounts").GetInt32());
                medians.Add(s.Median);
                below.Add(s.Median - s.Min);
                above.Add(s.Max - s.Median);
                highest = Math.Max(highest, s.Max);
            }

            if (xs.Count == 0) continue;
            widest = Math.Max(widest, xs.Max());
            Color color = ProfileColors.TryGetValue(endpoint, out Color c) ? c : Colors.Gray;
            var line = plot.Add.Scatter(xs.ToArray(), medians.ToArray());
            line.Color = color;
            line.LineWidth = 2;
            line.MarkerSize = 8;
            line.LegendText = "Grant-CWEventBusPermission, " + Label(labels, endpoint).Replace('\n', ' ');
            var whiskers = plot.Add.ErrorBar(xs.ToArray(), medians.ToArray(), above.ToArray());
            whiskers.YErrorPositive = above.ToArray();
            whiskers.YErrorNegative = below.ToArray();
            whiskers.Color = color;
        }

        plot.Title("One Grant pipeline, warm session (median; min–max)", size: 15);
        plot.XLabel("accounts granted");
        plot.YLabel("seconds");
        plot.Axes.SetLimits(0, (widest > 0 ? widest : 50) + 5, 0, Math.Max(highest, 0.001) * 1.15);
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    private static Plot DrawEstateGrant(JsonElement root, Dictionary<string, string> labels)
    {
        Plot plot = new();
        (string Key, string Name, Color Color)[] variants =
        {
            ("default", "Grant, default -ThrottleLimit", Color.FromHex("#1f77b4")),
            ("throttleLimit1", "Grant -ThrottleLimit 1", Color.FromHex("#9467bd")),
            ("noParameter", "Grant without -ThrottleLimit (not in this build)", Color.FromHex("#7f7f7f")),
        };
        List<Tick> ticks = new();
        HashSet<string> legendShown = new();
        double position = 0, top = 0;
        int buses = 0, regions = 0;
        string account = "";
        if (!root.TryGetProperty("estate", out JsonElement estate)) estate = default;
        foreach (JsonElement e in estate.ValueKind == JsonValueKind.Array ? estate.EnumerateArray() : Enumerable.Empty<JsonElement>())
        {
            buses = e.GetProperty("buses").GetInt32();
            regions = e.GetProperty("regions").GetArrayLength();
            account = e.GetProperty("accountId").GetString() ?? "";
            JsonElement grant = e.GetProperty("grant");
            double groupStart = position;
            foreach (var (key, name, color) in variants)
            {
                if (!grant.TryGetProperty(key, out JsonElement g) || Stats(g.GetProperty("stats")) is not { } s) continue;
                string? legend = legendShown.Add(key) ? name : null;
                top = Math.Max(top, AddBar(plot, position, s, color, Seconds(s.Median), legend));
                position += 1;
            }

            string tick = Label(labels, e.GetProperty("endpoint").GetString() ?? "?");
            if (grant.TryGetProperty("default", out JsonElement d) && grant.TryGetProperty("throttleLimit1", out JsonElement one)
                && Stats(d.GetProperty("stats")) is { } ds && Stats(one.GetProperty("stats")) is { } os)
                tick += $"\n-ThrottleLimit 1 takes {(os.Median / ds.Median).ToString("0.0", CultureInfo.InvariantCulture)}x";
            else if (!e.GetProperty("throttleLimitAvailable").GetBoolean())
                tick += "\ncomparison not available";
            if (position > groupStart) ticks.Add(new Tick((groupStart + position - 1) / 2, tick));
            position += 1;
        }

        FinishBars(plot, ticks, position, top, $"Grant of one account on {buses} buses in {regions} regions (median; min–max)", "seconds", 1.3);
        return plot;
    }

    private static Plot DrawEstateRead(JsonElement root, Dictionary<string, string> labels)
    {
        Plot plot = new();
        List<Tick> ticks = new();
        bool legendShown = false;
        double position = 0, top = 0;
        int buses = 0;
        if (!root.TryGetProperty("estate", out JsonElement estate)) estate = default;
        foreach (JsonElement e in estate.ValueKind == JsonValueKind.Array ? estate.EnumerateArray() : Enumerable.Empty<JsonElement>())
        {
            buses = e.GetProperty("buses").GetInt32();
            if (Stats(e.GetProperty("readOneStats")) is not { } one || Stats(e.GetProperty("readAllStats")) is not { } all) continue;
            string Ms(double v) => v.ToString(v < 100 ? "0.0" : "0", CultureInfo.InvariantCulture) + " ms";
            top = Math.Max(top, AddBar(plot, position, one, Color.FromHex("#2ca02c"), Ms(one.Median), legendShown ? null : "Get-CWEventBus (one bus)"));
            top = Math.Max(top, AddBar(plot, position + 1, all, Color.FromHex("#1f77b4"), Ms(all.Median), legendShown ? null : $"Get-CWEventBus -Name * -Region <regions> ({buses} buses)"));
            int width = 2;
            if (e.TryGetProperty("readAllWideStats", out JsonElement wideStats) && Stats(wideStats) is { } wide)
            {
                int limit = e.GetProperty("readAllWideThrottle").GetInt32();
                top = Math.Max(top, AddBar(plot, position + 2, wide, Color.FromHex("#aec7e8"), Ms(wide.Median), legendShown ? null : $"the same, -ThrottleLimit {limit} (for comparison)"));
                width = 3;
            }
            legendShown = true;
            string tick = Label(labels, e.GetProperty("endpoint").GetString() ?? "?")
                + $"\nall {buses} take {(all.Median / one.Median).ToString("0.0", CultureInfo.InvariantCulture)}x one";
            ticks.Add(new Tick(position + (width - 1) / 2.0, tick));
            position += width + 1;
        }

        FinishBars(plot, ticks, position, top, $"Reading {buses} buses against one, warm session (median; min–max)", "milliseconds", 1.3);
        return plot;
    }
}
