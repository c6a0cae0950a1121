using System;
using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace LocalEventBridge;

/// <summary>Writes response bodies as compact UTF-8 JSON in one buffer, so each response goes out in one write.</summary>
internal static class ResponseJson
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] Error(AwsErrorException error) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("__type", error.Code);
        writer.WriteString("message", error.Message);
        writer.WriteEndObject();
    });

    /// <summary>
    /// A timestamp as epoch seconds with a fractional part (as AWS sends, e.g. 1735442939.457),
    /// written raw so a whole second still shows its ".000".
    /// </summary>
    public static void WriteTimestamp(Utf8JsonWriter writer, string name, DateTimeOffset time)
    {
        double seconds = time.ToUnixTimeMilliseconds() / 1000.0;
        writer.WritePropertyName(name);
        writer.WriteRawValue(seconds.ToString("0.000", CultureInfo.InvariantCulture), skipInputValidation: true);
    }

    /// <summary>The members DescribeEventBus and each ListEventBuses entry share; absent values are left out.</summary>
    public static void WriteBusMembers(Utf8JsonWriter writer, EventBusSnapshot bus)
    {
        writer.WriteString("Name", bus.Name);
        writer.WriteString("Arn", bus.Arn);
        if (bus.Description is not null)
        {
            writer.WriteString("Description", bus.Description);
        }

        if (bus.Policy is not null)
        {
            writer.WriteString("Policy", bus.Policy);
        }

        WriteTimestamp(writer, "CreationTime", bus.CreationTime);
        WriteTimestamp(writer, "LastModifiedTime", bus.LastModifiedTime);
    }
}
