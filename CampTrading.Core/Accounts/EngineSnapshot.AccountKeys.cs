namespace CampTrading.Core.Engine;

public sealed partial record EngineSnapshot
{
    /// <summary>Idempotency keys of <see cref="OpenAccount"/> and the account each opened.</summary>
    public IReadOnlyDictionary<string, int> AccountKeys { get; init; } = new Dictionary<string, int>();
}
