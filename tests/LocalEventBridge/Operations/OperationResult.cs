using System;

namespace LocalEventBridge.Operations;

/// <summary>A successful answer: HTTP 200 with a JSON body, or with an empty body.</summary>
internal sealed class OperationResult
{
    private OperationResult(byte[] body)
    {
        Body = body;
    }

    public static OperationResult Empty { get; } = new(Array.Empty<byte>());

    public byte[] Body { get; }

    public static OperationResult Json(byte[] body) => new(body);
}
