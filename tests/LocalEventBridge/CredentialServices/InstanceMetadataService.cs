using System;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace LocalEventBridge.CredentialServices;

/// <summary>
/// The EC2 instance metadata service, IMDSv2 only, under <c>/_local/imds</c>: tests set
/// AWS_EC2_METADATA_SERVICE_ENDPOINT to <c>http://127.0.0.1:&lt;port&gt;/_local/imds</c> and the SDKs append
/// <c>/latest/...</c>. A session token from <c>PUT /latest/api/token</c> is required on every other path
/// (401 without one: IMDSv1 is refused, as on an instance that requires IMDSv2).
/// </summary>
internal sealed partial class InstanceMetadataService
{
    public const string Prefix = "/_local/imds";

    public const string SessionName = "i-0123456789abcdef0";

    private const string TokenPath = "/latest/api/token";
    private const string CredentialsPath = "/latest/meta-data/iam/security-credentials";
    private const string TextContentType = "text/plain";

    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(6);

    private readonly LocalCredentialServices _services;
    private readonly CredentialCallLog _log;

    public InstanceMetadataService(LocalCredentialServices services, CredentialCallLog log)
    {
        _services = services;
        _log = log;
    }

    public static bool Matches(HttpRequest request) => (request.Path.Value ?? string.Empty).StartsWith(Prefix + "/", StringComparison.Ordinal);

    public Task HandleAsync(HttpContext http, string requestId)
    {
        // An endpoint variable with a trailing slash makes the SDK ask for /_local/imds//latest/...; IMDS paths never hold empty segments.
        string path = RepeatedSlashes().Replace(http.Request.Path.Value![Prefix.Length..], "/");
        var details = new CallDetails { ["path"] = path };
        string? token = http.Request.Headers["X-aws-ec2-metadata-token"];
        details["tokenPresent"] = string.IsNullOrEmpty(token) ? "false" : "true";
        details.Set("tokenFingerprint", Fingerprints.Of(string.IsNullOrEmpty(token) ? null : token));

        if (path == TokenPath)
        {
            return IssueTokenAsync(http, requestId, details);
        }

        string operation = OperationOf(path);
        if (!HttpMethods.IsGet(http.Request.Method))
        {
            return AnswerAsync(http, requestId, operation, details, StatusCodes.Status405MethodNotAllowed, "Method Not Allowed");
        }

        if (!_services.ImdsTokens.IsValid(token))
        {
            return AnswerAsync(http, requestId, operation, details, StatusCodes.Status401Unauthorized, "Unauthorized");
        }

        ImdsSettings instance = _services.Settings.Imds;
        string roleArn = $"arn:aws:iam::{instance.AccountId}:role/{instance.RoleName}";
        string now = StsXml.Timestamp(_services.Clock.GetUtcNow());
        switch (path)
        {
            case CredentialsPath:
            case CredentialsPath + "/":
                return AnswerAsync(http, requestId, operation, details, StatusCodes.Status200OK, instance.RoleName);
            case "/latest/meta-data/iam/info":
            case "/latest/meta-data/iam/info/":
                return AnswerJsonAsync(http, requestId, operation, details, new
                {
                    Code = "Success",
                    LastUpdated = now,
                    InstanceProfileArn = $"arn:aws:iam::{instance.AccountId}:instance-profile/{instance.RoleName}",
                    InstanceProfileId = "AIPA" + Fingerprints.Upper(roleArn, 17),
                });
            case "/latest/meta-data/placement/region":
                return AnswerAsync(http, requestId, operation, details, StatusCodes.Status200OK, instance.Region);
            case "/latest/meta-data/placement/availability-zone":
            case "/latest/meta-data/placement/availability-zone/":
                return AnswerAsync(http, requestId, operation, details, StatusCodes.Status200OK, instance.Region + "a");
            case "/latest/dynamic/instance-identity/document":
                return AnswerJsonAsync(http, requestId, operation, details, new
                {
                    accountId = instance.AccountId,
                    architecture = "x86_64",
                    availabilityZone = instance.Region + "a",
                    imageId = "ami-0123456789abcdef0",
                    instanceId = SessionName,
                    instanceType = "t3.micro",
                    pendingTime = now,
                    privateIp = "10.0.0.10",
                    region = instance.Region,
                    version = "2017-09-30",
                });
        }

        if (path == CredentialsPath + "/" + instance.RoleName)
        {
            TestCredential issued = _services.Issued.Issue(roleArn, SessionName, "InstanceMetadata", Lifetime);
            details.Issued(issued);
            return AnswerJsonAsync(http, requestId, operation, details, new
            {
                Code = "Success",
                LastUpdated = now,
                Type = "AWS-HMAC",
                AccessKeyId = issued.AccessKeyId,
                SecretAccessKey = issued.SecretAccessKey,
                Token = issued.SessionToken,
                Expiration = StsXml.Timestamp(issued.Expiration!.Value),
            });
        }

        // Another role, security-credentials-extended/ (which neither AWSSDK.Core 4.1.0 nor botocore asks for), anything else.
        return AnswerAsync(http, requestId, operation, details, StatusCodes.Status404NotFound, "Not Found");
    }

    /// <summary>The log's name for a metadata path.</summary>
    private static string OperationOf(string path)
    {
        // security-credentials-extended/ too: a credentials path, refused (404) on purpose.
        if (path.StartsWith(CredentialsPath, StringComparison.Ordinal))
        {
            return "ImdsCredentials";
        }

        if (path.StartsWith("/latest/meta-data/iam/info", StringComparison.Ordinal))
        {
            return "ImdsInfo";
        }

        return path.StartsWith("/latest/meta-data/placement/", StringComparison.Ordinal) || path == "/latest/dynamic/instance-identity/document"
            ? "ImdsRegion"
            : "Imds";
    }

    private Task IssueTokenAsync(HttpContext http, string requestId, CallDetails details)
    {
        const string Operation = "ImdsToken";
        if (!HttpMethods.IsPut(http.Request.Method))
        {
            return AnswerAsync(http, requestId, Operation, details, StatusCodes.Status405MethodNotAllowed, "Method Not Allowed");
        }

        string? ttlText = http.Request.Headers["X-aws-ec2-metadata-token-ttl-seconds"];
        details.Set("ttlSeconds", ttlText);
        if (!int.TryParse(ttlText, NumberStyles.None, CultureInfo.InvariantCulture, out int ttl) || ttl < 1 || ttl > ImdsTokens.MaxTtlSeconds)
        {
            return AnswerAsync(http, requestId, Operation, details, StatusCodes.Status400BadRequest, "Bad Request");
        }

        string token = _services.ImdsTokens.Issue(ttl);
        details["issuedTokenFingerprint"] = Fingerprints.Of(token)!;
        http.Response.Headers["X-aws-ec2-metadata-token-ttl-seconds"] = ttl.ToString(CultureInfo.InvariantCulture);
        return AnswerAsync(http, requestId, Operation, details, StatusCodes.Status200OK, token);
    }

    private Task AnswerAsync(HttpContext http, string requestId, string operation, CallDetails details, int status, string text)
    {
        _log.Add(requestId, operation, status, status == StatusCodes.Status200OK ? null : ReasonCode(status), details);
        return HttpResponses.SendAsync(http, status, Encoding.UTF8.GetBytes(text), TextContentType);
    }

    private Task AnswerJsonAsync(HttpContext http, string requestId, string operation, CallDetails details, object value)
    {
        _log.Add(requestId, operation, StatusCodes.Status200OK, null, details);
        return JsonAnswer.SendAsync(http, StatusCodes.Status200OK, value);
    }

    private static string ReasonCode(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "BadRequest",
        StatusCodes.Status401Unauthorized => "Unauthorized",
        StatusCodes.Status404NotFound => "NotFound",
        _ => "MethodNotAllowed",
    };

    [GeneratedRegex("/{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex RepeatedSlashes();
}
