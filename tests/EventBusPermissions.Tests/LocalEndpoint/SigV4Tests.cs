using System;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using LocalEventBridge;
using Xunit;

namespace EventBusPermissions.Tests.LocalEndpoint;

/// <summary>Signature checks on raw requests: what is accepted, and the AWS errors for what is not.</summary>
public sealed class SigV4Tests : IAsyncLifetime
{
    private const string SignatureMismatch =
        "The request signature we calculated does not match the signature you provided. " +
        "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

    private LocalEventBridgeServer _server = null!;
    private RawEventBridgeClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await LocalEventBridgeServer.StartAsync();
        _client = new RawEventBridgeClient(_server);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_signed_request_succeeds_with_AWS_response_headers()
    {
        RawResponse response = await _client.CallAsync("DescribeEventBus", "{}");
        Assert.Equal(200, response.Status);
        Assert.Equal("application/x-amz-json-1.1", response.ContentType);
        Assert.True(Guid.TryParse(response.RequestId, out _));
        Assert.Equal("default", response.Json.GetProperty("Name").GetString());
        Assert.False(response.Json.TryGetProperty("Policy", out _));
        Assert.Matches(@"^\d+\.\d{3}$", response.Json.GetProperty("CreationTime").GetRawText());
    }

    [Fact]
    public async Task Header_case_optional_signed_headers_whitespace_and_JSON_spacing_do_not_matter()
    {
        RawResponse mixedCase = await _client.CallAsync("DescribeEventBus", "{ \"Name\" :\n \"default\" }", r =>
        {
            r.HeaderCase = name => name.ToUpperInvariant();
            r.ExtraHeaders.Add(new("X-Custom-Spaces", "  a   b    c  "));
        });
        Assert.Equal(200, mixedCase.Status);

        RawResponse minimal = await _client.CallAsync("DescribeEventBus", "{}", r =>
        {
            r.SignOptionalHeaders = false;
            r.HeaderCase = name => name.ToLowerInvariant();
        });
        Assert.Equal(200, minimal.Status);

        RawResponse withPayloadHash = await _client.CallAsync("DescribeEventBus", "{}", r => r.ContentSha256 = RawEventBridgeClient.Sha256Hex("{}"));
        Assert.Equal(200, withPayloadHash.Status);
    }

    [Fact]
    public async Task Missing_authorization_is_MissingAuthenticationTokenException()
    {
        RawResponse response = await _client.CallAsync("DescribeEventBus", "{}", r => r.Sign = false);
        Assert.Equal(400, response.Status);
        Assert.Equal("MissingAuthenticationTokenException", response.ErrorType);
        Assert.Equal("Missing Authentication Token", response.Message);
        Assert.NotNull(response.RequestId);
    }

    [Fact]
    public async Task Unknown_access_key_is_UnrecognizedClientException()
    {
        RawResponse response = await _client.CallAsync("DescribeEventBus", "{}", r => r.AccessKeyIdOverride = "AKIAUNKNOWNEXAMPLE00");
        Assert.Equal(400, response.Status);
        Assert.Equal("UnrecognizedClientException", response.ErrorType);
        Assert.Equal("The security token included in the request is invalid.", response.Message);
    }

    [Fact]
    public async Task Wrong_secret_or_tampered_body_is_InvalidSignatureException()
    {
        RawResponse wrongSecret = await _client.CallAsync("DescribeEventBus", "{}", r => r.SecretOverride = "wrong");
        Assert.Equal("InvalidSignatureException", wrongSecret.ErrorType);
        Assert.Equal(SignatureMismatch, wrongSecret.Message);

        RawResponse wrongHash = await _client.CallAsync("DescribeEventBus", "{}", r => r.ContentSha256 = RawEventBridgeClient.Sha256Hex("{ }"));
        Assert.Equal("InvalidSignatureException", wrongHash.ErrorType);

        RawResponse otherAccountsSecret = await _client.CallAsync("DescribeEventBus", "{}", r => r.SecretOverride = TestCredentials.SecondAccount.SecretAccessKey);
        Assert.Equal(SignatureMismatch, otherAccountsSecret.Message);
    }

    [Fact]
    public async Task Dates_more_than_15_minutes_off_are_rejected_in_the_wording_SDKs_parse_for_clock_skew()
    {
        RawResponse past = await _client.CallAsync("DescribeEventBus", "{}", r => r.Time = DateTimeOffset.UtcNow.AddMinutes(-20));
        Assert.Equal(400, past.Status);
        Assert.Equal("InvalidSignatureException", past.ErrorType);
        Assert.Matches(new Regex(@"^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$"), past.Message);

        RawResponse future = await _client.CallAsync("DescribeEventBus", "{}", r => r.Time = DateTimeOffset.UtcNow.AddMinutes(20));
        Assert.Equal("InvalidSignatureException", future.ErrorType);
        Assert.Matches(new Regex(@"^Signature not yet current: \d{8}T\d{6}Z is still later than \d{8}T\d{6}Z \(\d{8}T\d{6}Z \+ 15 min\.\)$"), future.Message);

        RawResponse nearEnough = await _client.CallAsync("DescribeEventBus", "{}", r => r.Time = DateTimeOffset.UtcNow.AddMinutes(-10));
        Assert.Equal(200, nearEnough.Status);
    }

    [Fact]
    public async Task Temporary_credentials_need_their_signed_session_token()
    {
        RawResponse ok = await _client.CallAsync("DescribeEventBus", "{}", r => r.Credential = TestCredentials.Temporary);
        Assert.Equal(200, ok.Status);
        Assert.Equal("arn:aws:events:us-east-1:123456789012:event-bus/default", ok.Json.GetProperty("Arn").GetString());

        RawResponse missing = await _client.CallAsync("DescribeEventBus", "{}", r => { r.Credential = TestCredentials.Temporary; r.SendSessionToken = false; });
        Assert.Equal("UnrecognizedClientException", missing.ErrorType);

        RawResponse wrong = await _client.CallAsync("DescribeEventBus", "{}", r => { r.Credential = TestCredentials.Temporary; r.SessionToken = "other"; });
        Assert.Equal("UnrecognizedClientException", wrong.ErrorType);

        RawResponse unsigned = await _client.CallAsync("DescribeEventBus", "{}", r => { r.Credential = TestCredentials.Temporary; r.SignSessionToken = false; });
        Assert.Equal("UnrecognizedClientException", unsigned.ErrorType);
    }

    [Fact]
    public async Task The_region_comes_from_the_credential_scope_and_picks_the_partition()
    {
        RawResponse china = await _client.CallAsync("DescribeEventBus", "{}", r => r.Region = "cn-north-1");
        Assert.Equal("arn:aws-cn:events:cn-north-1:123456789012:event-bus/default", china.Json.GetProperty("Arn").GetString());

        RawResponse gov = await _client.CallAsync("DescribeEventBus", "{}", r => { r.Region = "us-gov-west-1"; r.Credential = TestCredentials.SecondAccount; });
        Assert.Equal("arn:aws-us-gov:events:us-gov-west-1:444455556666:event-bus/default", gov.Json.GetProperty("Arn").GetString());
    }

    [Fact]
    public async Task Unknown_or_missing_target_is_UnknownOperationException()
    {
        RawResponse unknown = await _client.CallAsync("PutEvents", "{}");
        Assert.Equal(400, unknown.Status);
        Assert.Equal("UnknownOperationException", unknown.ErrorType);

        RawResponse missing = await _client.CallAsync("DescribeEventBus", "{}", r => r.Target = null);
        Assert.Equal("UnknownOperationException", missing.ErrorType);
    }

    [Fact]
    public async Task Unsigned_GET_is_refused_with_a_request_id()
    {
        using var http = new HttpClient();
        using HttpResponseMessage response = await http.GetAsync(_server.Url);
        Assert.Equal(400, (int)response.StatusCode);
        Assert.True(response.Headers.Contains("x-amzn-RequestId"));
        Assert.Contains("MissingAuthenticationTokenException", await response.Content.ReadAsStringAsync());
    }
}
