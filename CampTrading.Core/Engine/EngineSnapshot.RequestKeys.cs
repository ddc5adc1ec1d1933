using System.Text.Json.Serialization;

namespace CampTrading.Core.Engine;

public sealed partial record EngineSnapshot
{
    /// <summary>Remembered request keys, by account id, then oldest first (see ExchangeEngine.RequestKeys).</summary>
    public IReadOnlyList<RequestKeyRecord> RequestKeys { get; init; } = [];

    /// <summary>
    /// A request key an account used, when (command time, UTC ticks), the first result it got, and what that request asked
    /// for (null in snapshots from before requests were remembered: any request with the key then counts as a repeat).
    /// </summary>
    public sealed record RequestKeyRecord(int AccountId, string Key, long Time, CommandResult Result,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Request = null);
}
