using System;
using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace LocalEventBridge.CredentialServices;

/// <summary>STS's XML answers: <c>&lt;XResponse&gt;&lt;XResult&gt;...&lt;/XResult&gt;&lt;ResponseMetadata&gt;</c>, and ErrorResponse.</summary>
internal static class StsXml
{
    public const string ContentType = "text/xml";

    public static readonly XNamespace Namespace = "https://sts.amazonaws.com/doc/2011-06-15/";

    public static XElement Element(string name, params object?[] content) => new(Namespace + name, content);

    public static byte[] Success(string action, XElement result, string requestId) =>
        Bytes(Element(action + "Response", result, Element("ResponseMetadata", Element("RequestId", requestId))));

    public static byte[] Error(AwsErrorException error, string requestId) =>
        Bytes(Element("ErrorResponse",
            Element("Error",
                Element("Type", error.HttpStatus >= 500 ? "Receiver" : "Sender"),
                Element("Code", error.Code),
                Element("Message", error.Message)),
            Element("RequestId", requestId)));

    /// <summary>The Credentials member of AssumeRole and AssumeRoleWithWebIdentity.</summary>
    public static XElement Credentials(TestCredential credential) =>
        Element("Credentials",
            Element("AccessKeyId", credential.AccessKeyId),
            Element("SecretAccessKey", credential.SecretAccessKey),
            Element("SessionToken", credential.SessionToken),
            Element("Expiration", Timestamp(credential.Expiration!.Value)));

    public static XElement AssumedRoleUser(TestCredential credential) =>
        Element("AssumedRoleUser",
            Element("AssumedRoleId", credential.UserId),
            Element("Arn", credential.Arn));

    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static byte[] Bytes(XElement element) => Encoding.UTF8.GetBytes(element.ToString(SaveOptions.DisableFormatting));
}
