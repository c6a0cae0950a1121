using System;
using System.Globalization;

namespace LocalEventBridge;

/// <summary>The command-line options: --port N, --policy-size-limit N, --parent-pid N, --help.</summary>
internal sealed class CommandLine
{
    public const string Usage =
        "Usage: LocalEventBridge [--port N] [--policy-size-limit N] [--parent-pid N]\n" +
        "  --port N               port on 127.0.0.1 (0, the default, picks a free one)\n" +
        "  --policy-size-limit N  bus policy quota in characters (default 10240)\n" +
        "  --parent-pid N         exit when process N exits";

    public int Port { get; private set; }

    public int PolicySizeLimit { get; private set; } = ServerSettings.DefaultPolicySizeLimit;

    public int? ParentPid { get; private set; }

    public bool ShowHelp { get; private set; }

    /// <summary>Parses the arguments; on failure returns null and says why in <paramref name="error"/>.</summary>
    public static CommandLine? Parse(string[] args, out string? error)
    {
        var result = new CommandLine();
        error = null;
        for (int i = 0; i < args.Length; i++)
        {
            string option = args[i];
            if (option is "--help" or "-h")
            {
                result.ShowHelp = true;
                continue;
            }

            if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int value))
            {
                error = $"{option} needs a non-negative whole number.";
                return null;
            }

            i++;
            switch (option)
            {
                case "--port" when value <= 65535:
                    result.Port = value;
                    break;
                case "--policy-size-limit" when value >= 1:
                    result.PolicySizeLimit = value;
                    break;
                case "--parent-pid" when value >= 1:
                    result.ParentPid = value;
                    break;
                case "--port" or "--policy-size-limit" or "--parent-pid":
                    error = $"{option} {value} is out of range.";
                    return null;
                default:
                    error = $"Unknown option {option}.";
                    return null;
            }
        }

        return result;
    }
}
