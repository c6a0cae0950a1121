using System.Xml.Linq;

namespace LocalEventBridge.CredentialServices;

/// <summary>STS GetCallerIdentity, signed: the account, ARN and user id of the credential that signed it.</summary>
internal static class GetCallerIdentity
{
    public const string Name = "GetCallerIdentity";

    public static XElement Run(StsRequest request, LocalCredentialServices services)
    {
        Caller caller = request.Caller!;
        TestCredential credential = services.FindCredential(caller.AccessKeyId)!;
        return StsXml.Element("GetCallerIdentityResult",
            StsXml.Element("Arn", credential.Arn),
            StsXml.Element("UserId", credential.UserId),
            StsXml.Element("Account", credential.AccountId));
    }
}
