using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LocalEventBridge.CredentialServices;

/// <summary>
/// STS over the query protocol, as AWSSDK.SecurityToken and botocore send it: a form-encoded
/// <c>POST /</c> with <c>Action=...&amp;Version=2011-06-15</c>, SigV4 with signing name <c>sts</c> for the
/// signed actions, XML answers in STS's namespace, errors as ErrorResponse.
/// </summary>
internal sealed class StsService
{
    public const string SigningName = "sts";

    private static readonly Dictionary<string, (bool Signed, Func<StsRequest, LocalCredentialServices, XElement> Run)> Actions = new(StringComparer.Ordinal)
    {
        [AssumeRole.Name] = (true, AssumeRole.Run),
        [AssumeRoleWithWebIdentity.Name] = (false, AssumeRoleWithWebIdentity.Run),
        [GetCallerIdentity.Name] = (true, GetCallerIdentity.Run),
    };

    private readonly LocalCredentialServices _services;
    private readonly SigV4Verifier _verifier;
    private readonly CredentialCallLog _log;
    private readonly ILogger _logger;

    public StsService(LocalCredentialServices services, SigV4Verifier verifier, CredentialCallLog log, ILogger logger)
    {
        _services = services;
        _verifier = verifier;
        _log = log;
        _logger = logger;
    }

    public async Task HandleAsync(HttpContext http, string requestId)
    {
        byte[] body = await ReadBodyAsync(http.Request).ConfigureAwait(false);
        var request = StsRequest.Parse(body, requestId);
        string? action = request.Get("Action");
        int status = StatusCodes.Status200OK;
        byte[] answer;
        string? errorCode = null;
        try
        {
            if (action is null)
            {
                throw StsErrors.MissingAction();
            }

            string? version = request.Get("Version");
            if (!Actions.TryGetValue(action, out var operation) || version != StsRequest.Version)
            {
                throw StsErrors.InvalidAction(action, version);
            }

            if (operation.Signed)
            {
                request.Caller = Verify(http.Request, body);
            }

            answer = StsXml.Success(action, operation.Run(request, _services), requestId);
        }
        catch (AwsErrorException error)
        {
            (status, answer, errorCode) = (error.HttpStatus, StsXml.Error(error, requestId), error.Code);
        }
        catch (Exception unexpected) when (unexpected is not OperationCanceledException)
        {
            _logger.LogWarning(unexpected, "STS request {RequestId} failed unexpectedly", requestId);
            AwsErrorException error = StsErrors.InternalFailure();
            (status, answer, errorCode) = (error.HttpStatus, StsXml.Error(error, requestId), error.Code);
        }

        _log.Add(requestId, action, status, errorCode, request.Details, request.Caller, request.Caller is null ? SigV4Verifier.ClaimedAccessKeyId(http.Request) : null);
        await HttpResponses.SendAsync(http, status, answer, StsXml.ContentType).ConfigureAwait(false);
    }

    private Caller Verify(HttpRequest request, byte[] body)
    {
        try
        {
            return _verifier.Verify(request, body, SigningName);
        }
        catch (AwsErrorException error)
        {
            throw StsErrors.FromSignatureError(error);
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted).ConfigureAwait(false);
        return buffer.ToArray();
    }
}
