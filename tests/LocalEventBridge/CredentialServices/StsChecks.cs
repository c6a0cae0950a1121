using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;

namespace LocalEventBridge.CredentialServices;

/// <summary>The member constraints STS checks on AssumeRole and AssumeRoleWithWebIdentity, in its wording.</summary>
internal static partial class StsChecks
{
    public const int DefaultDurationSeconds = 3600;

    public const int MinDurationSeconds = 900;

    public const int MaxDurationSeconds = 43200;

    /// <summary>Checks RoleArn, RoleSessionName and DurationSeconds; throws one ValidationError listing every problem.</summary>
    public static (string RoleArn, string SessionName, int DurationSeconds) RoleMembers(StsRequest request, List<string> problems)
    {
        string? roleArn = request.Get("RoleArn");
        string? sessionName = request.Get("RoleSessionName");
        string? duration = request.Get("DurationSeconds");
        Length(problems, "roleArn", roleArn, 20, 2048);
        Length(problems, "roleSessionName", sessionName, 2, 64);
        if (sessionName is not null && !SessionNamePattern().IsMatch(sessionName))
        {
            problems.Add($"Value '{sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*");
        }

        int seconds = DefaultDurationSeconds;
        if (duration is not null)
        {
            if (!int.TryParse(duration, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out seconds))
            {
                problems.Add($"Value '{duration}' at 'durationSeconds' failed to satisfy constraint: Member must be an integer");
            }
            else if (seconds < MinDurationSeconds)
            {
                problems.Add($"Value '{seconds}' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to {MinDurationSeconds}");
            }
            else if (seconds > MaxDurationSeconds)
            {
                problems.Add($"Value '{seconds}' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to {MaxDurationSeconds}");
            }
        }

        return (roleArn ?? string.Empty, sessionName ?? string.Empty, seconds);
    }

    public static void Length(List<string> problems, string member, string? value, int min, int max)
    {
        if (value is null)
        {
            problems.Add($"Value null at '{member}' failed to satisfy constraint: Member must not be null");
        }
        else if (value.Length < min)
        {
            problems.Add($"Value '{value}' at '{member}' failed to satisfy constraint: Member must have length greater than or equal to {min}");
        }
        else if (value.Length > max)
        {
            problems.Add($"Value '{value}' at '{member}' failed to satisfy constraint: Member must have length less than or equal to {max}");
        }
    }

    /// <summary>After the member constraints: the ARN must name a role, as STS checks it.</summary>
    public static void RoleArnShape(string roleArn)
    {
        if (!RoleArns.TryParse(roleArn, out _, out _, out _))
        {
            throw StsErrors.Validation("Request ARN is invalid");
        }
    }

    public static void ThrowIfAny(List<string> problems)
    {
        if (problems.Count > 0)
        {
            throw StsErrors.Validation(problems);
        }
    }

    // ASCII only: STS's \w is Java's, which (unlike .NET's) matches no letters outside ASCII.
    [GeneratedRegex(@"^[A-Za-z0-9_+=,.@-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex SessionNamePattern();
}
