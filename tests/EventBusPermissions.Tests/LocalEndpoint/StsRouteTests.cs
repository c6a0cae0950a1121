using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using LocalEventBridge;
using Xunit;

namespace EventBusPermissions.Tests.LocalEndpoint;

/// <summary>The local STS on the wire: shapes, the checks STS makes and its errors, and issued keys at the EventBridge route.</summary>
public sealed class StsRouteTests : IAsyncLifetime
{
    private const string Role = "arn:aws:iam::444455556666:role/Deploy";

    private LocalEventBridgeServer _server = null!;
    private RawStsClient _sts = null!;
    private RawEventBridgeClient _events = null!;
    private AdminClient _admin = null!;

    public async Task InitializeAsync()
    {
        _server = await LocalEventBridgeServer.StartAsync();
        _sts = new RawStsClient(_server);
        _events = new RawEventBridgeClient(_server);
        _admin = new AdminClient(_server);
    }

    public async Task DisposeAsync()
    {
        _sts.Dispose();
        _events.Dispose();
        _admin.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task AssumeRole_answers_in_STS_shape_and_its_key_signs_EventBridge_calls_for_the_role_account()
    {
        StsAnswer answer = await AssumeAsync(Role, "build-42", TestCredentials.Default, ("DurationSeconds", "1800"), ("ExternalId", "ext-1"));
        Assert.Equal(200, answer.Status);
        Assert.Equal("text/xml", answer.ContentType);
        Assert.Equal(RawStsClient.Ns + "AssumeRoleResponse", answer.Xml.Name);
        Assert.Matches("^ASIA[A-Z2-7]{16}$", answer.Value("AccessKeyId"));
        Assert.Equal(40, answer.Value("SecretAccessKey")!.Length);
        DateTimeOffset expiration = DateTimeOffset.Parse(answer.Value("Expiration")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expiration - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(29), TimeSpan.FromMinutes(30));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", answer.Value("Expiration"));
        Assert.Equal("arn:aws:sts::444455556666:assumed-role/Deploy/build-42", answer.Value("Arn"));
        Assert.Matches("^AROA[A-Z2-7]{17}:build-42$", answer.Value("AssumedRoleId"));
        Assert.NotNull(answer.Value("RequestId"));

        TestCredential issued = answer.Credential("444455556666");
        RawResponse bus = await _events.CallAsync("DescribeEventBus", "{}", r => r.Credential = issued);
        Assert.Equal(200, bus.Status);
        Assert.Equal("arn:aws:events:us-east-1:444455556666:event-bus/default", bus.Json.GetProperty("Arn").GetString());

        RequestLogEntry[] log = _server.Requests.Snapshot().ToArray();
        Assert.Equal("AssumeRole", log[0].Operation);
        Assert.Equal("build-42", log[0].Details!["roleSessionName"]);
        Assert.Equal("true", log[0].Details!["externalIdPresent"]);
        Assert.Equal("1800", log[0].Details!["durationSeconds"]);
        Assert.Equal(string.Empty, log[0].RequestBody);
        Assert.Equal("arn:aws:iam::123456789012:user/test", log[0].Identity);
        Assert.Equal(issued.AccessKeyId, log[1].AccessKeyId);
        Assert.Equal("444455556666", log[1].AccountId);
        Assert.Equal("arn:aws:sts::444455556666:assumed-role/Deploy/build-42", log[1].Identity);
        Assert.Equal("AssumeRole", log[1].CredentialSource);

        string logged = (await _admin.SendAsync(HttpMethod.Get, "requests")).Body;
        Assert.DoesNotContain(issued.SecretAccessKey, logged, StringComparison.Ordinal);
        Assert.DoesNotContain(issued.SessionToken!, logged, StringComparison.Ordinal);
        Assert.DoesNotContain("ext-1", logged, StringComparison.Ordinal);
        Assert.Contains("\"identity\":\"arn:aws:sts::444455556666:assumed-role/Deploy/build-42\"", logged, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_issued_key_is_refused_without_its_token_with_a_wrong_one_and_after_expiry()
    {
        TestCredential issued = (await AssumeAsync(Role, "s1", TestCredentials.Default)).Credential("444455556666");

        RawResponse missing = await _events.CallAsync("DescribeEventBus", "{}", r => { r.Credential = issued; r.SendSessionToken = false; });
        Assert.Equal("UnrecognizedClientException", missing.ErrorType);
        RawResponse wrong = await _events.CallAsync("DescribeEventBus", "{}", r => { r.Credential = issued; r.SessionToken = TestCredentials.Temporary.SessionToken; });
        Assert.Equal("UnrecognizedClientException", wrong.ErrorType);

        (int status, string body) = await _admin.SendAsync(HttpMethod.Post, "credentials/expire", $"{{\"accessKeyId\":\"{issued.AccessKeyId}\"}}");
        Assert.Equal(200, status);
        Assert.Contains(issued.AccessKeyId, body, StringComparison.Ordinal);
        RawResponse expired = await _events.CallAsync("DescribeEventBus", "{}", r => r.Credential = issued);
        Assert.Equal(400, expired.Status);
        Assert.Equal("ExpiredTokenException", expired.ErrorType);
        Assert.Equal("The security token included in the request is expired", expired.Message);

        StsAnswer stsExpired = await _sts.CallAsync("GetCallerIdentity", credential: issued);
        Assert.Equal((400, "ExpiredToken"), (stsExpired.Status, stsExpired.ErrorCode));
    }

    [Fact]
    public async Task Role_chains_work_and_a_chained_session_is_held_to_one_hour()
    {
        TestCredential first = (await AssumeAsync(Role, "hop1", TestCredentials.Default)).Credential("444455556666");
        StsAnswer second = await AssumeAsync("arn:aws:iam::111122223333:role/Second", "hop2", first);
        Assert.Equal(200, second.Status);
        Assert.Equal("arn:aws:sts::111122223333:assumed-role/Second/hop2", second.Value("Arn"));
        Assert.Equal("arn:aws:sts::444455556666:assumed-role/Deploy/hop1", _server.Requests.Snapshot()[1].Identity);

        StsAnswer tooLong = await AssumeAsync("arn:aws:iam::111122223333:role/Second", "hop2", first, ("DurationSeconds", "7200"));
        Assert.Equal((400, "ValidationError"), (tooLong.Status, tooLong.ErrorCode));
        Assert.Equal("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.", tooLong.Value("Message"));
    }

    [Theory]
    [InlineData("arn:aws:iam::444455556666:user/Deploy", "s1", null, "Request ARN is invalid")]
    [InlineData("arn:aws:iam::4444:role/Deploy", "s1", null, "Request ARN is invalid")]
    [InlineData("short", "s1", null, "1 validation error detected: Value 'short' at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20")]
    [InlineData(Role, "a", null, "1 validation error detected: Value 'a' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2")]
    [InlineData(Role, "has space", null, @"1 validation error detected: Value 'has space' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]*")]
    [InlineData(Role, "s1", "899", "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900")]
    [InlineData(Role, "s1", "43201", "1 validation error detected: Value '43201' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200")]
    [InlineData(Role, "x", "100", "2 validation errors detected: Value 'x' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2; Value '100' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900")]
    public async Task AssumeRole_checks_members_as_STS_does(string roleArn, string sessionName, string? duration, string message)
    {
        StsAnswer answer = duration is null
            ? await AssumeAsync(roleArn, sessionName, TestCredentials.Default)
            : await AssumeAsync(roleArn, sessionName, TestCredentials.Default, ("DurationSeconds", duration));
        Assert.Equal(400, answer.Status);
        Assert.Equal(RawStsClient.Ns + "ErrorResponse", answer.Xml.Name);
        Assert.Equal("Sender", answer.Value("Type"));
        Assert.Equal("ValidationError", answer.ErrorCode);
        Assert.Equal(message, answer.Value("Message"));
        Assert.Equal(0, _server.Credentials.Issued.Count);
    }

    [Fact]
    public async Task AssumeRole_accepts_the_bounds_and_a_session_name_of_every_allowed_character()
    {
        Assert.Equal(200, (await AssumeAsync(Role, "aZ09_+=,.@-", TestCredentials.Default, ("DurationSeconds", "900"))).Status);
        Assert.Equal(200, (await AssumeAsync(Role, new string('s', 64), TestCredentials.Default, ("DurationSeconds", "43200"))).Status);
        Assert.Equal(200, (await AssumeAsync("arn:aws:iam::444455556666:role/path/to/Deploy", "s1", TestCredentials.Default)).Status);
    }

    [Fact]
    public async Task A_configured_role_demands_its_external_id_and_a_trusted_account()
    {
        (int status, string body) = await _admin.SendAsync(HttpMethod.Put, "roles",
            $"{{\"roles\":[{{\"roleArn\":\"{Role}\",\"externalId\":\"ext-secret\",\"trustedAccounts\":[\"123456789012\"]}}]}}");
        Assert.Equal(200, status);
        Assert.Contains("\"trustedAccounts\":[\"123456789012\"]", body, StringComparison.Ordinal);

        StsAnswer noExternalId = await AssumeAsync(Role, "s1", TestCredentials.Default);
        Assert.Equal((403, "AccessDenied"), (noExternalId.Status, noExternalId.ErrorCode));
        Assert.Equal($"User: arn:aws:iam::123456789012:user/test is not authorized to perform: sts:AssumeRole on resource: {Role}", noExternalId.Value("Message"));
        Assert.Equal(403, (await AssumeAsync(Role, "s1", TestCredentials.Default, ("ExternalId", "ext-wrong"))).Status);

        StsAnswer otherAccount = await AssumeAsync(Role, "s1", TestCredentials.SecondAccount, ("ExternalId", "ext-secret"));
        Assert.Equal(403, otherAccount.Status);
        Assert.Contains("User: arn:aws:iam::444455556666:user/test is not authorized", otherAccount.Value("Message"), StringComparison.Ordinal);

        Assert.Equal(200, (await AssumeAsync(Role, "s1", TestCredentials.Default, ("ExternalId", "ext-secret"))).Status);
        Assert.Equal(200, (await AssumeAsync("arn:aws:iam::444455556666:role/Unconfigured", "s1", TestCredentials.SecondAccount)).Status);
        Assert.Equal(new[] { "false", "true", "true", "true", "false" }, _server.Requests.Snapshot().Select(e => e.Details!["externalIdPresent"]));
    }

    [Theory]
    [InlineData("{\"roles\":[{\"roleArn\":\"arn:aws:iam::1:role/x\"}]}")]
    [InlineData("{\"roles\":[{\"roleArn\":\"arn:aws:iam::444455556666:role/x\",\"trustedAccounts\":[\"12\"]}]}")]
    [InlineData("{\"roles\":[{\"roleArn\":\"arn:aws:iam::444455556666:role/x\",\"extra\":1}]}")]
    [InlineData("{\"roles\":{}}")]
    [InlineData("not json")]
    public async Task Malformed_role_rules_are_refused(string body)
    {
        (int status, string answer) = await _admin.SendAsync(HttpMethod.Put, "roles", body);
        Assert.Equal(400, status);
        Assert.Contains("\"error\"", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AssumeRoleWithWebIdentity_needs_no_signature_but_a_configured_token()
    {
        (string, string)[] members = { ("RoleArn", "arn:aws:iam::444455556666:role/Web"), ("RoleSessionName", "web1"), ("WebIdentityToken", "token-from-the-file") };
        StsAnswer refused = await _sts.CallAsync("AssumeRoleWithWebIdentity", members);
        Assert.Equal((400, "InvalidIdentityToken"), (refused.Status, refused.ErrorCode));

        Assert.Equal(200, (await _admin.SendAsync(HttpMethod.Put, "web-identity", "{\"tokens\":[\"token-from-the-file\"]}")).Status);
        StsAnswer answer = await _sts.CallAsync("AssumeRoleWithWebIdentity", members);
        Assert.Equal(200, answer.Status);
        Assert.Equal(RawStsClient.Ns + "AssumeRoleWithWebIdentityResponse", answer.Xml.Name);
        Assert.Equal("arn:aws:sts::444455556666:assumed-role/Web/web1", answer.Value("Arn"));
        Assert.Equal("sts.amazonaws.com", answer.Value("Audience"));
        Assert.NotNull(answer.Value("SubjectFromWebIdentityToken"));

        RequestLogEntry entry = _server.Requests.Snapshot().Last();
        Assert.Equal("AssumeRoleWithWebIdentity", entry.Operation);
        Assert.Null(entry.AccessKeyId);
        Assert.Equal(LocalEventBridge.CredentialServices.Fingerprints.Of("token-from-the-file"), entry.Details!["tokenFingerprint"]);
        Assert.DoesNotContain("token-from-the-file", (await _admin.SendAsync(HttpMethod.Get, "requests")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCallerIdentity_names_a_fixed_key_as_a_user_and_an_issued_key_as_its_assumed_role()
    {
        StsAnswer user = await _sts.CallAsync("GetCallerIdentity", credential: TestCredentials.SecondAccount);
        Assert.Equal(RawStsClient.Ns + "GetCallerIdentityResponse", user.Xml.Name);
        Assert.Equal(("444455556666", "arn:aws:iam::444455556666:user/test"), (user.Value("Account"), user.Value("Arn")));
        Assert.StartsWith("AIDA", user.Value("UserId"), StringComparison.Ordinal);

        TestCredential issued = (await AssumeAsync(Role, "who-am-i", TestCredentials.Default)).Credential("444455556666");
        StsAnswer role = await _sts.CallAsync("GetCallerIdentity", credential: issued);
        Assert.Equal(("444455556666", "arn:aws:sts::444455556666:assumed-role/Deploy/who-am-i"), (role.Value("Account"), role.Value("Arn")));
        Assert.EndsWith(":who-am-i", role.Value("UserId"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signature_problems_and_unknown_actions_answer_in_STS_codes()
    {
        StsAnswer unsigned = await _sts.CallAsync("GetCallerIdentity");
        Assert.Equal((403, "MissingAuthenticationToken"), (unsigned.Status, unsigned.ErrorCode));
        StsAnswer wrongSecret = await _sts.CallAsync("GetCallerIdentity", credential: TestCredentials.Default, secretOverride: "wrong");
        Assert.Equal((403, "SignatureDoesNotMatch"), (wrongSecret.Status, wrongSecret.ErrorCode));
        StsAnswer eventsScope = await _sts.CallAsync("GetCallerIdentity", credential: TestCredentials.Default, signingService: "events");
        Assert.Equal("SignatureDoesNotMatch", eventsScope.ErrorCode);
        StsAnswer unknownKey = await _sts.CallAsync("GetCallerIdentity", credential: new TestCredential("AKIAUNKNOWNEXAMPLE00", "x", "123456789012"));
        Assert.Equal((403, "InvalidClientTokenId"), (unknownKey.Status, unknownKey.ErrorCode));
        StsAnswer noToken = await _sts.CallAsync("GetCallerIdentity", credential: TestCredentials.Temporary, sendSessionToken: false);
        Assert.Equal("InvalidClientTokenId", noToken.ErrorCode);

        StsAnswer unknown = await _sts.CallAsync("GetSessionToken", credential: TestCredentials.Default);
        Assert.Equal((400, "InvalidAction"), (unknown.Status, unknown.ErrorCode));
        StsAnswer noAction = await _sts.SendAsync("Version=2011-06-15", TestCredentials.Default);
        Assert.Equal((400, "MissingAction"), (noAction.Status, noAction.ErrorCode));
        StsAnswer oldVersion = await _sts.SendAsync("Action=GetCallerIdentity&Version=2010-01-01", TestCredentials.Default);
        Assert.Equal("InvalidAction", oldVersion.ErrorCode);

        Assert.Equal(new[] { "GetCallerIdentity", "GetCallerIdentity", "GetCallerIdentity", "GetCallerIdentity", "GetCallerIdentity", "GetSessionToken", null, "GetCallerIdentity" },
            _server.Requests.Snapshot().Select(e => e.Operation));

        // The JSON 1.1 route is untouched: same path, told apart by X-Amz-Target and the content type.
        Assert.Equal(200, (await _events.CallAsync("DescribeEventBus", "{}")).Status);
    }

    private Task<StsAnswer> AssumeAsync(string roleArn, string sessionName, TestCredential caller, params (string, string)[] more) =>
        _sts.CallAsync("AssumeRole", new[] { ("RoleArn", roleArn), ("RoleSessionName", sessionName) }.Concat(more), caller);
}
