using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LocalEventBridge.CredentialServices;

/// <summary>
/// Which credential service a request is for: one registration per service, tried in order before the
/// EventBridge route and the admin routes. STS is told apart from EventBridge on <c>POST /</c> by its
/// form-encoded body and the absence of X-Amz-Target, so JSON 1.1 calls never reach it.
/// </summary>
internal sealed class CredentialServiceRoutes
{
    private readonly List<(string Service, Func<HttpRequest, bool> Matches, Func<HttpContext, string, Task> Handle)> _routes = new();

    public CredentialServiceRoutes(LocalCredentialServices services, SigV4Verifier verifier, RequestLog log, TimeProvider clock, ILogger logger)
    {
        var calls = new CredentialCallLog(log, clock);
        Add("STS", StsRequest.IsStsRequest, new StsService(services, verifier, calls, logger).HandleAsync);
        Add("SSO portal", SsoPortalService.Matches, new SsoPortalService(services, calls).HandleAsync);
        Add("SSO OIDC", SsoOidcService.Matches, new SsoOidcService(services, calls).HandleAsync);
        Add("container credentials", ContainerCredentialService.Matches, new ContainerCredentialService(services, calls).HandleAsync);
        Add("instance metadata", InstanceMetadataService.Matches, new InstanceMetadataService(services, calls).HandleAsync);
    }

    public void Add(string service, Func<HttpRequest, bool> matches, Func<HttpContext, string, Task> handle) => _routes.Add((service, matches, handle));

    /// <summary>The handler of the service this request is for, or null when it is for none of them.</summary>
    public Func<HttpContext, string, Task>? Find(HttpRequest request)
    {
        foreach (var route in _routes)
        {
            if (route.Matches(request))
            {
                return route.Handle;
            }
        }

        return null;
    }
}
