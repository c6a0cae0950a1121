using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace LocalEventBridge.Operations;

/// <summary>ListEventBuses: the caller's buses by name, filtered by NamePrefix, paged with Limit and NextToken.</summary>
internal static class ListEventBuses
{
    private const string TokenPrefix = "after:";

    public static OperationResult Execute(OperationContext context, RequestBody body)
    {
        string? prefix = body.GetString("NamePrefix");
        long? limit = body.GetInteger("Limit");
        string? nextToken = body.GetString("NextToken");

        var validation = new Validation();
        validation.Text(prefix, "namePrefix", 1, 256, Validation.EventBusNamePattern);
        validation.Range(limit, "limit", 1, 100);
        validation.Text(nextToken, "nextToken", 1, 2048);
        validation.ThrowIfInvalid();

        string? after = nextToken is null ? null : DecodeToken(nextToken);
        List<EventBusSnapshot> matching = context.Store.List(context.Caller.AccountId, context.Caller.Region)
            .Select(bus => bus.Snapshot())
            .Where(bus => prefix is null || bus.Name.StartsWith(prefix, StringComparison.Ordinal))
            .Where(bus => after is null || string.CompareOrdinal(bus.Name, after) > 0)
            .ToList();

        // Without a Limit everything is returned in one page.
        int pageSize = (int)(limit ?? int.MaxValue);
        List<EventBusSnapshot> page = matching.Take(pageSize).ToList();
        string? newToken = matching.Count > page.Count ? EncodeToken(page[^1].Name) : null;

        return OperationResult.Json(ResponseJson.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("EventBuses");
            foreach (EventBusSnapshot bus in page)
            {
                writer.WriteStartObject();
                ResponseJson.WriteBusMembers(writer, bus);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            if (newToken is not null)
            {
                writer.WriteString("NextToken", newToken);
            }

            writer.WriteEndObject();
        }));
    }

    // The token names the last bus of the page, so buses created or deleted between pages neither repeat nor vanish.
    private static string EncodeToken(string lastName) => Convert.ToBase64String(Encoding.UTF8.GetBytes(TokenPrefix + lastName));

    private static string DecodeToken(string token)
    {
        try
        {
            string text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            if (text.StartsWith(TokenPrefix, StringComparison.Ordinal))
            {
                return text[TokenPrefix.Length..];
            }
        }
        catch (FormatException)
        {
            // Falls through to the ValidationException below.
        }

        throw AwsErrors.Validation("The provided NextToken is not valid.");
    }
}
