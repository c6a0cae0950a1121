using System.Net.Http;
using System.Threading.Tasks;

namespace EventBusPermissions.Tests.LocalEndpoint;

/// <summary>One call's result in a word, so sequences of faulted calls compare as lists of strings.</summary>
internal static class CallOutcome
{
    public const string Dropped = "dropped";

    /// <summary>"200", "400 ThrottlingException", "503" (no body) or "dropped" (the connection closed without an answer).</summary>
    public static async Task<string> OfAsync(Task<RawResponse> call)
    {
        try
        {
            RawResponse response = await call;
            return response.Status == 200 || response.Body.Length == 0 ? $"{response.Status}" : $"{response.Status} {response.ErrorType}";
        }
        catch (HttpRequestException)
        {
            return Dropped;
        }
    }
}
