namespace LocalEventBridge.CredentialServices;

/// <summary>
/// A registered SSO OIDC client, as an sso-session's token cache holds it: CreateToken with grant type
/// refresh_token, this client id and secret and this refresh token answers <see cref="AccessToken"/>,
/// which the SSO portal then accepts.
/// </summary>
public sealed record SsoClient(string ClientId, string ClientSecret, string RefreshToken, string AccessToken);
