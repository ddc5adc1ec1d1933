using CampTrading.Core.Engine;

namespace CampTrading.Tests.Core;

/// <summary>
/// Rebuilds every balance from the Ledger events alone, checking each entry's BalanceAfter on the
/// way. If the rebuilt balances equal the engine's, every balance change had its ledger entry.
/// </summary>
internal sealed class LedgerAudit
{
    private readonly Dictionary<(int Account, int Asset), long> _balances = [];

    public int Entries { get; private set; }

    public void Read(ReadOnlySpan<EngineEvent> events)
    {
        foreach (ref readonly var e in events)
        {
            if (e.Kind != EventKind.Ledger) continue;
            Entries++;
            Assert.NotEqual(0, e.Amount);
            Assert.NotEqual(e.Account, e.Other);
            var key = (e.Account, e.Asset);
            var after = _balances.GetValueOrDefault(key) + e.Amount;
            if (after != e.BalanceAfter)
                Assert.Fail($"ledger entry seq {e.Seq} account {e.Account} asset {e.Asset}: {e.Amount} gives {after}, entry says {e.BalanceAfter}");
            _balances[key] = after;
        }
    }

    public void AssertMatches(ExchangeEngine engine)
    {
        var assets = engine.Instruments.Count + 1;
        foreach (var account in engine.Accounts())
            for (var asset = 0; asset < assets; asset++)
            {
                var expected = _balances.GetValueOrDefault((account.Id, asset));
                if (account.Balance(asset) != expected)
                    Assert.Fail($"account {account.Id} asset {asset}: balance {account.Balance(asset)}, ledger says {expected}");
            }
        foreach (var ((account, asset), balance) in _balances)
            Assert.True(balance == 0 || engine.FindAccount(account) is not null, $"ledger has a balance for missing account {account} asset {asset}");
    }

    /// <summary>Audits an engine that has kept every event since genesis.</summary>
    public static LedgerAudit Verify(ExchangeEngine engine)
    {
        var audit = new LedgerAudit();
        audit.Read(engine.Events.Span);
        audit.AssertMatches(engine);
        return audit;
    }
}
