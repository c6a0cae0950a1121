using System.Text.RegularExpressions;

namespace EventBusPermissions.Validation
{
    /// <summary>The API model's rules for event bus names and ARNs, checked before anything is sent.</summary>
    internal static class EventBusNames
    {
        public const string Default = "default";

        // \z, not $: $ also matches before a final newline, so "default\n" would pass and then be refused by the service.
        // ASCII classes, not \d and \w: in .NET those also match non-ASCII digits and letters (Arabic-Indic digits).

        // PutPermission/RemovePermission take a name only.
        private static readonly Regex NamePattern = new Regex(@"^[\.\-_A-Za-z0-9]+\z", RegexOptions.CultureInvariant);

        // DescribeEventBus also takes an ARN, and partner bus names contain '/'. The API model's [\w-] and \d, in ASCII.
        private static readonly Regex NameOrArnPattern = new Regex(
            @"^(arn:aws[A-Za-z0-9_-]*:events:[a-z]+-[A-Za-z0-9_-]+-[0-9]+:[0-9]{12}:event-bus/)?[/\.\-_A-Za-z0-9]+\z", RegexOptions.CultureInvariant);

        /// <summary>Null when the name may be sent to PutPermission/RemovePermission, else the reason.</summary>
        public static string? CheckName(string? name)
        {
            if (string.IsNullOrEmpty(name))
                return "The event bus name is empty. Give a name such as 'default' (1 to 256 characters).";
            if (name!.Length > 256)
                return $"The event bus name '{Shorten(name)}' is {name.Length} characters long; the limit is 256.";
            if (!NamePattern.IsMatch(name))
                return $"The event bus name '{name}' may contain only letters, digits, '.', '-' and '_' (pattern [\\.\\-_A-Za-z0-9]+); give the name, not the ARN.";
            return null;
        }

        /// <summary>Null when the name or ARN may be sent to DescribeEventBus, else the reason.</summary>
        public static string? CheckNameOrArn(string? nameOrArn)
        {
            if (string.IsNullOrEmpty(nameOrArn))
                return "The event bus name is empty. Give a name such as 'default' or an event bus ARN.";
            if (nameOrArn!.Length > 1600)
                return $"The event bus name or ARN '{Shorten(nameOrArn)}' is {nameOrArn.Length} characters long; the limit is 1600.";
            if (!NameOrArnPattern.IsMatch(nameOrArn))
                return $"'{nameOrArn}' is neither an event bus name (letters, digits, '/', '.', '-', '_') nor an event bus ARN (arn:aws:events:<region>:<account>:event-bus/<name>).";
            return null;
        }

        private static string Shorten(string text) => text.Length <= 40 ? text : text.Substring(0, 37) + "...";
    }
}
