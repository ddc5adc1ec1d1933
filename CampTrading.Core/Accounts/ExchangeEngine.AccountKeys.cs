namespace CampTrading.Core.Engine;

public sealed partial class ExchangeEngine
{
    private readonly Dictionary<string, int> _accountsByKey = new(StringComparer.Ordinal);

    /// <summary>The account opened with this idempotency key, if any.</summary>
    public int? AccountByKey(string key) => _accountsByKey.TryGetValue(key, out var id) ? id : null;

    private EngineSnapshot CaptureAccountKeys(EngineSnapshot snapshot) => snapshot with { AccountKeys = new Dictionary<string, int>(_accountsByKey) };

    private void RestoreAccountKeys(EngineSnapshot snapshot)
    {
        foreach (var (key, id) in snapshot.AccountKeys) _accountsByKey.Add(key, id);
    }
}
