using CampTrading.Core.Engine;
using CampTrading.Core.Trading;

namespace CampTrading.LoadDriver;

/// <summary>
/// A random but realistic command stream: mostly limit orders around 20, some cancels, market orders, grants, student
/// transfers and arcade charges (machine <see cref="Harness.ArcadeMachine"/>); with <paramref name="everyKind"/> also QR
/// redemptions (the codes <see cref="Harness.QrCode"/> makes) and coin-flip duels created and accepted.
/// </summary>
internal sealed class CommandMix(int seed, int accounts, bool everyKind = false)
{
    private readonly Random _random = new(seed);
    private long _highestOrderGuess = 1;
    private long _highestDuelGuess;
    private long _arcadePlays;

    public Command Next()
    {
        var account = Harness.FirstAccount + _random.Next(accounts);
        var roll = _random.Next(100);
        if (roll < 15)
            return new CancelOrder(account, 1 + _random.NextInt64(_highestOrderGuess));
        if (roll < 18)
            return new Grant(account, 0, 1 + _random.Next(100), "load bonus", "load");
        if (roll < 24)
            return new Transfer(account, Other(account), 1 + _random.Next(500));
        if (roll < 30)
            return new ArcadeTransaction(Harness.ArcadeMachine, $"{seed}-{++_arcadePlays}", account, -(1 + _random.Next(20)), "load");
        if (everyKind && roll is >= 35 and < 44) return Extra(account, roll);
        _highestOrderGuess++;
        var side = _random.Next(2) == 0 ? Side.Buy : Side.Sell;
        if (roll < 35) return new PlaceOrder(account, Harness.Instrument, side, OrderType.Market, 1 + _random.Next(20));
        var price = side == Side.Buy ? 15 + _random.Next(7) : 19 + _random.Next(7);
        var tif = _random.Next(10) == 0 ? TimeInForce.Ioc : TimeInForce.Gtc;
        return new PlaceOrder(account, Harness.Instrument, side, OrderType.Limit, 1 + _random.Next(30), price, tif);
    }

    /// <summary>QR redemptions (each code once per account, so many are refused), duels created and accepted by guessed id.</summary>
    private Command Extra(int account, int roll)
    {
        if (roll < 38) return new RedeemQr(account, Harness.QrCode(_random.Next(Harness.QrCodes)));
        if (roll < 41)
        {
            _highestDuelGuess++;
            return new CreateDuel(account, null, 1 + _random.Next(50), DuelGame.CoinFlip);
        }
        return new AcceptDuel(1 + _random.NextInt64(Math.Max(1, _highestDuelGuess)), account, _random.Next());
    }

    private int Other(int account) => Harness.FirstAccount + (account - Harness.FirstAccount + 1 + _random.Next(accounts - 1)) % accounts;
}
