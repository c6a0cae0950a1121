using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;

namespace LocalEventBridge;

/// <summary>
/// Collects constraint violations and reports them the way AWS's request validation does:
/// "2 validation errors detected: Value 'x' at 'principal' failed to satisfy constraint: ...; ...".
/// </summary>
internal sealed class Validation
{
    public const string ActionPattern = "events:[a-zA-Z]+";
    public const string PrincipalPattern = @"(\d{12}|\*)";
    public const string StatementIdPattern = "[a-zA-Z0-9-_]+";
    public const string EventBusNamePattern = @"[\.\-_A-Za-z0-9]+";
    public const string EventBusNameOrPartnerPattern = @"[/\.\-_A-Za-z0-9]+";
    public const string EventBusNameOrArnPattern = @"(arn:aws[\w-]*:events:[a-z0-9-]+:[0-9]{12}:event-bus\/)?[/\.\-_A-Za-z0-9]+";

    private readonly List<string> _errors = new();

    public void Required(string? value, string member)
    {
        if (value is null)
        {
            _errors.Add($"Value null at '{member}' failed to satisfy constraint: Member must not be null");
        }
    }

    /// <summary>Checks length and pattern of a string that is present; absent values pass.</summary>
    public void Text(string? value, string member, int minLength, int maxLength, string? pattern = null)
    {
        if (value is null)
        {
            return;
        }

        if (value.Length < minLength)
        {
            Add(value, member, $"Member must have length greater than or equal to {minLength}");
        }

        if (value.Length > maxLength)
        {
            Add(value, member, $"Member must have length less than or equal to {maxLength}");
        }

        // The whole value must match, as in the model's patterns.
        if (pattern is not null && !Regex.IsMatch(value, "^(?:" + pattern + ")$", RegexOptions.CultureInvariant))
        {
            Add(value, member, $"Member must satisfy regular expression pattern: {pattern}");
        }
    }

    public void Range(long? value, string member, long min, long max)
    {
        if (value is null)
        {
            return;
        }

        string text = value.Value.ToString(CultureInfo.InvariantCulture);
        if (value < min)
        {
            Add(text, member, $"Member must have value greater than or equal to {min}");
        }

        if (value > max)
        {
            Add(text, member, $"Member must have value less than or equal to {max}");
        }
    }

    /// <summary>Throws the collected ValidationException, if anything was wrong.</summary>
    public void ThrowIfInvalid()
    {
        if (_errors.Count == 0)
        {
            return;
        }

        string count = _errors.Count == 1 ? "1 validation error" : $"{_errors.Count} validation errors";
        throw AwsErrors.Validation($"{count} detected: {string.Join("; ", _errors)}");
    }

    private void Add(string value, string member, string constraint) =>
        _errors.Add($"Value '{value}' at '{member}' failed to satisfy constraint: {constraint}");
}
