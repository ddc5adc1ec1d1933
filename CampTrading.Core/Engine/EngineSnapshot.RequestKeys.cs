namespace CampTrading.Core.Engine;

public sealed partial record EngineSnapshot
{
    /// <summary>Remembered request keys, by account id, then oldest first (see ExchangeEngine.RequestKeys).</summary>
    public IReadOnlyList<RequestKeyRecord> RequestKeys { get; init; } = [];

    /// <summary>A request key an account used, when (command time, UTC ticks), and the first result it got.</summary>
    public sealed record RequestKeyRecord(int AccountId, string Key, long Time, CommandResult Result);
}
