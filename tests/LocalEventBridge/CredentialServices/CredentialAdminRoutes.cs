using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace LocalEventBridge.CredentialServices;

/// <summary>
/// The <c>/_local/</c> controls of the credential services, one <see cref="AdminRoutes.Add"/> line each. A PUT
/// replaces its whole section (a member left out goes back to its default) and answers what is now in force,
/// without echoing a token; a malformed body is a 400 <c>{"error":"..."}</c> and changes nothing.
/// </summary>
internal static partial class CredentialAdminRoutes
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Register(AdminRoutes admin, LocalCredentialServices services)
    {
        admin.Add("GET", "/_local/roles", http => Reply(http, RolesJson(services)));
        admin.Add("PUT", "/_local/roles", http => Change(http, body => SetRoles(services, body), () => RolesJson(services)));
        admin.Add("PUT", "/_local/web-identity", http => Change(http, body => SetWebIdentity(services, body), () => new { tokens = services.Settings.WebIdentityTokens.Count }));
        admin.Add("PUT", "/_local/sso", http => Change(http, body => SetSso(services, body),
            () => new { accessTokens = services.Settings.SsoAccessTokens.Count, clients = services.Settings.SsoClients.Select(c => c.ClientId) }));
        admin.Add("PUT", "/_local/container", http => Change(http, body => SetContainer(services, body), () => ContainerJson(services)));
        admin.Add("GET", "/_local/imds", http => Reply(http, services.Settings.Imds));
        admin.Add("PUT", "/_local/imds", http => Change(http, body => SetImds(services, body), () => services.Settings.Imds));
        admin.Add("GET", "/_local/credentials", http => Reply(http, IssuedJson(services)));
        admin.Add("POST", "/_local/credentials/expire", http => Change(http, body => Expire(services, body), () => IssuedJson(services)));
    }

    private static object RolesJson(LocalCredentialServices services) => new
    {
        roles = services.Settings.Roles.Select(r => new { roleArn = r.RoleArn, externalId = r.ExternalId, trustedAccounts = r.TrustedAccounts ?? System.Array.Empty<string>() }),
    };

    private static object ContainerJson(LocalCredentialServices services)
    {
        ContainerSettings container = services.Settings.Container;
        return new { authorizationRequired = container.AuthorizationToken is not null, accountId = container.AccountId, roleName = container.RoleName };
    }

    /// <summary>The issued credentials without their secrets or tokens.</summary>
    private static object IssuedJson(LocalCredentialServices services) => new
    {
        credentials = services.Issued.Snapshot().Select(c => new
        {
            accessKeyId = c.AccessKeyId,
            accountId = c.AccountId,
            identity = c.Arn,
            source = c.Source,
            roleArn = c.RoleArn,
            roleSessionName = c.RoleSessionName,
            expiration = c.Expiration,
        }),
    };

    private static void SetRoles(LocalCredentialServices services, JsonElement body)
    {
        Members(body, "the body", "roles");
        var rules = new List<RoleTrustRule>();
        foreach (JsonElement role in Array(body, "roles"))
        {
            Members(role, "a role", "roleArn", "externalId", "trustedAccounts");
            string roleArn = String(role, "roleArn") ?? throw new ArgumentException("every role needs a roleArn");
            if (!RoleArns.TryParse(roleArn, out _, out _, out _))
            {
                throw new ArgumentException($"'{roleArn}' is not a role ARN (arn:aws:iam::<12 digits>:role/<name>)");
            }

            List<string> accounts = Strings(role, "trustedAccounts");
            if (accounts.FirstOrDefault(a => !AccountPattern().IsMatch(a)) is { } bad)
            {
                throw new ArgumentException($"trustedAccounts holds '{bad}', which is not a 12-digit account id");
            }

            rules.Add(new RoleTrustRule(roleArn, String(role, "externalId"), accounts));
        }

        if (rules.GroupBy(r => r.RoleArn, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } repeated)
        {
            throw new ArgumentException($"the role {repeated.Key} is listed twice");
        }

        services.Settings.SetRoles(rules);
    }

    private static void SetWebIdentity(LocalCredentialServices services, JsonElement body)
    {
        Members(body, "the body", "tokens");
        services.Settings.SetWebIdentityTokens(Strings(body, "tokens"));
    }

    private static void SetSso(LocalCredentialServices services, JsonElement body)
    {
        Members(body, "the body", "accessTokens", "clients");
        var clients = new List<SsoClient>();
        foreach (JsonElement client in Array(body, "clients"))
        {
            Members(client, "a client", "clientId", "clientSecret", "refreshToken", "accessToken");
            clients.Add(new SsoClient(
                Required(client, "clientId"), Required(client, "clientSecret"), Required(client, "refreshToken"), Required(client, "accessToken")));
        }

        services.Settings.SetSso(Strings(body, "accessTokens"), clients);
    }

    private static void SetContainer(LocalCredentialServices services, JsonElement body)
    {
        Members(body, "the body", "authorizationToken", "accountId", "roleName");
        services.Settings.SetContainer(new ContainerSettings(
            String(body, "authorizationToken"),
            Account(body) ?? CredentialServiceSettings.DefaultAccountId,
            RoleName(body) ?? CredentialServiceSettings.DefaultContainerRoleName));
    }

    private static void SetImds(LocalCredentialServices services, JsonElement body)
    {
        Members(body, "the body", "roleName", "region", "accountId");
        string? region = String(body, "region");
        if (region is not null && !RegionPattern().IsMatch(region))
        {
            throw new ArgumentException($"'{region}' is not a region name");
        }

        services.Settings.SetImds(new ImdsSettings(
            RoleName(body) ?? CredentialServiceSettings.DefaultImdsRoleName,
            region ?? CredentialServiceSettings.DefaultImdsRegion,
            Account(body) ?? CredentialServiceSettings.DefaultAccountId));
    }

    private static void Expire(LocalCredentialServices services, JsonElement body)
    {
        Members(body, "the body", "accessKeyId");
        string? accessKeyId = String(body, "accessKeyId");
        if (services.Issued.Expire(accessKeyId) == 0 && accessKeyId is not null)
        {
            throw new ArgumentException($"no credential {accessKeyId} was issued");
        }
    }

    private static async Task Change(HttpContext http, Action<JsonElement> change, Func<object> answer)
    {
        try
        {
            using JsonDocument body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
            change(body.RootElement);
        }
        catch (Exception refused) when (refused is JsonException or ArgumentException)
        {
            string problem = refused is JsonException ? "the body is not JSON" : refused.Message;
            await Reply(http, new { error = problem + "." }, StatusCodes.Status400BadRequest);
            return;
        }

        await Reply(http, answer());
    }

    /// <summary>The element must be an object with no member but these, none repeated.</summary>
    private static void Members(JsonElement element, string what, params string[] allowed)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"{what} must be a JSON object");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonProperty property in element.EnumerateObject())
        {
            if (!allowed.Contains(property.Name, StringComparer.Ordinal))
            {
                throw new ArgumentException($"{what} has an unknown member '{property.Name}' (allowed: {string.Join(", ", allowed)})");
            }

            if (!seen.Add(property.Name))
            {
                throw new ArgumentException($"{what} repeats the member '{property.Name}'");
            }
        }
    }

    private static string? String(JsonElement element, string member)
    {
        if (!element.TryGetProperty(member, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new ArgumentException($"{member} must be a non-empty string");
    }

    private static string Required(JsonElement element, string member) =>
        String(element, member) ?? throw new ArgumentException($"{member} is required");

    private static IEnumerable<JsonElement> Array(JsonElement element, string member)
    {
        if (!element.TryGetProperty(member, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return System.Array.Empty<JsonElement>();
        }

        return value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToList() : throw new ArgumentException($"{member} must be an array");
    }

    private static List<string> Strings(JsonElement element, string member) =>
        Array(element, member).Select(item => item.ValueKind == JsonValueKind.String && item.GetString() is { Length: > 0 } text
            ? text
            : throw new ArgumentException($"{member} must hold non-empty strings")).ToList();

    private static string? Account(JsonElement body)
    {
        string? account = String(body, "accountId");
        return account is null || AccountPattern().IsMatch(account) ? account : throw new ArgumentException($"'{account}' is not a 12-digit account id");
    }

    private static string? RoleName(JsonElement body)
    {
        string? name = String(body, "roleName");
        return name is null || RoleNamePattern().IsMatch(name) ? name : throw new ArgumentException($"'{name}' is not a role name ([A-Za-z0-9_+=,.@-], 1-64 characters)");
    }

    private static Task Reply(HttpContext http, object value, int status = StatusCodes.Status200OK) =>
        HttpResponses.SendAsync(http, status, JsonSerializer.SerializeToUtf8Bytes(value, Json), HttpResponses.JsonContentType);

    [GeneratedRegex("^[0-9]{12}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex AccountPattern();

    [GeneratedRegex("^[A-Za-z0-9_+=,.@-]{1,64}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex RoleNamePattern();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex RegionPattern();
}
