using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using ScottPlot;

namespace EventBusPermissions.Bench.Chart;

/// <summary>
/// Draws bench/Invoke-Benchmarks.ps1's results.json as one PNG with two plots: the 40-account runbook
/// grant (module, AWS CLI loop, boto3; bars at the median, whiskers from min to max) per endpoint, and
/// the scaling of one Grant pipeline (seconds against accounts).
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

    private static int Main(string[] args)
    {
        if (args.Length != 2)
        {
            Console.Error.WriteLine("usage: Chart <results.json> <out.png>");
            return 2;
        }

        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(args[0]));
        JsonElement root = document.RootElement;

        Plot grant = DrawRunbookGrant(root);
        Plot scale = DrawScale(root);

        Multiplot multiplot = new(grant);
        multiplot.AddPlot(scale);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();
        multiplot.SavePng(args[1], 1400, 600);
        Console.WriteLine($"Chart: {Path.GetFullPath(args[1])}");
        return 0;
    }

    private static Plot DrawRunbookGrant(JsonElement root)
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
                if (entry is null) continue;
                JsonElement stats = entry.Value.GetProperty("stats");
                if (stats.GetProperty("n").GetInt32() == 0) continue;

                double median = stats.GetProperty("median").GetDouble();
                double min = stats.GetProperty("min").GetDouble();
                double max = stats.GetProperty("max").GetDouble();
                top = Math.Max(top, max);
                Bar bar = new()
                {
                    Position = position,
                    Value = median,
                    FillColor = ToolColors[tool],
                    Label = median.ToString(median < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture) + " s",
                };
                var bars = plot.Add.Bars(new[] { bar });
                bars.ValueLabelStyle.FontSize = 13;
                int timed = entry.Value.TryGetProperty("callsTimedPerRun", out JsonElement calls) ? calls.GetInt32() : 0;
                if (!legendShown[t])
                {
                    bars.LegendText = timed > 0 && timed < accounts ? $"{ToolNames[tool]} ({timed} of {accounts} calls timed, scaled)" : ToolNames[tool];
                    legendShown[t] = true;
                }

                var whisker = plot.Add.ErrorBar(new[] { position }, new[] { median }, new[] { max - median });
                whisker.YErrorPositive = new[] { max - median };
                whisker.YErrorNegative = new[] { median - min };
                whisker.Color = Colors.Black;
                position += 1;
            }

            ticks.Add(new Tick((groupStart + position - 1) / 2, endpoint == "local" ? "local endpoint" : endpoint == "moto" ? "moto_server" : endpoint));
            position += 1;
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.ToArray());
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.SetLimits(-0.75, Math.Max(position - 1.25, 1), 0, Math.Max(top, 1) * 1.12);
        plot.Title($"Runbook grant of {accounts} accounts, fresh process (median; min–max)", size: 15);
        plot.YLabel("seconds");
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    private static Plot DrawScale(JsonElement root)
    {
        Plot plot = new();
        List<double> xs = new();
        List<double> medians = new();
        List<double> below = new();
        List<double> above = new();
        foreach (JsonElement point in root.GetProperty("scale").EnumerateArray())
        {
            JsonElement stats = point.GetProperty("stats");
            if (stats.GetProperty("n").GetInt32() == 0) continue;
            double median = stats.GetProperty("median").GetDouble();
            xs.Add(point.GetProperty("accounts").GetInt32());
            medians.Add(median);
            below.Add(median - stats.GetProperty("min").GetDouble());
            above.Add(stats.GetProperty("max").GetDouble() - median);
        }

        if (xs.Count > 0)
        {
            var line = plot.Add.Scatter(xs.ToArray(), medians.ToArray());
            line.Color = ToolColors["module"];
            line.LineWidth = 2;
            line.MarkerSize = 8;
            line.LegendText = "Grant-CWEventBusPermission (local endpoint)";
            var whiskers = plot.Add.ErrorBar(xs.ToArray(), medians.ToArray(), above.ToArray());
            whiskers.YErrorPositive = above.ToArray();
            whiskers.YErrorNegative = below.ToArray();
            whiskers.Color = ToolColors["module"];
        }

        plot.Title("One Grant pipeline, warm session (median; min–max)", size: 15);
        plot.XLabel("accounts granted");
        plot.YLabel("seconds");
        double highest = xs.Count > 0 ? medians.Zip(above, (m, a) => m + a).Max() : 1;
        plot.Axes.SetLimits(0, (xs.Count > 0 ? xs.Max() : 50) + 5, 0, highest * 1.15);
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }
}
