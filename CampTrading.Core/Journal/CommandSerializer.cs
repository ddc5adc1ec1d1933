using System.Text.Json;
using System.Text.Json.Serialization;
using CampTrading.Core.Engine;

namespace CampTrading.Core.Journal;

/// <summary>JSON for journal payloads and snapshots: readable in the database, stable across versions.</summary>
public static class CommandSerializer
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static string Serialize(Command command) => JsonSerializer.Serialize(command, Options);

    public static Command Deserialize(string json) =>
        JsonSerializer.Deserialize<Command>(json, Options) ?? throw new JsonException("Empty command.");

    public static byte[] SerializeSnapshot(EngineSnapshot snapshot) => JsonSerializer.SerializeToUtf8Bytes(snapshot, Options);

    public static EngineSnapshot DeserializeSnapshot(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<EngineSnapshot>(json, Options) ?? throw new JsonException("Empty snapshot.");
}
