using System.Buffers;
using System.Text.Json;

namespace CampTrading.Web.TradingApi.Stream;

/// <summary>One server → client message, serialized once (UTF-8 JSON) and shared by every connection it goes to.</summary>
public sealed class StreamMessage(string type, byte[] utf8)
{
    public string Type { get; } = type;
    public ReadOnlyMemory<byte> Utf8 { get; } = utf8;

    /// <summary>Writes one message: <paramref name="type"/> first, then what <paramref name="body"/> writes.</summary>
    public static StreamMessage Write(string type, Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", type);
            body(json);
            json.WriteEndObject();
        }
        return new StreamMessage(type, buffer.WrittenSpan.ToArray());
    }

    public static StreamMessage Error(long? id, string code, string message) => Write("error", json =>
    {
        if (id is { } i) json.WriteNumber("id", i);
        json.WriteString("code", code);
        json.WriteString("message", message);
    });

    public static StreamMessage Reply(string type, long? id, IEnumerable<string>? channels = null) => Write(type, json =>
    {
        if (id is { } i) json.WriteNumber("id", i);
        if (channels is null) return;
        json.WriteStartArray("channels");
        foreach (var c in channels) json.WriteStringValue(c);
        json.WriteEndArray();
    });
}

/// <summary>The stream's own error codes, beside the API's (<see cref="ApiCodes"/>) and the engine's.</summary>
public static class StreamCodes
{
    public const string BadRequest = "bad_request";
    public const string ChannelUnknown = "channel_unknown";
    public const string TokenRequired = "token_required";
    public const string TooManyConnections = "too_many_connections";
    public const string TooManyChannels = "too_many_channels";
}

/// <summary>WebSocket close codes and reasons of the stream (protocol v1).</summary>
public static class StreamClose
{
    public const int Normal = 1000;
    public const int GoingAway = 1001;
    public const int Policy = 1008;
    public const int Unauthorized = 4401;
    public const int SlowConsumer = 4408;

    public const string TokenInvalid = "token_invalid";
    public const string TokenRevoked = "token_revoked";
    public const string ApiDisabled = "api_disabled";
    public const string Slow = "slow_consumer";
    public const string Abuse = "abuse";
    public const string ShuttingDown = "server shutting down";
}
