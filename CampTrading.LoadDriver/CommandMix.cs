using CampTrading.Core.Engine;
using CampTrading.Core.Trading;

namespace CampTrading.LoadDriver;

/// <summary>
/// A random but realistic command stream: mostly limit orders around 20, some cancels, market
/// orders, grants, student transfers and arcade charges (machine <see cref="Harness.ArcadeMachine"/>).
/// </summary>
internal sealed class CommandMix(int seed, int accounts)
{
    private readonly Random _random = new(seed);
    private long _highestOrderGuess = 1;
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
            return new Transfer(account, Harness.FirstAccount + (account - Harness.FirstAccount + 1 + _random.Next(accounts - 1)) % accounts, 1 + _random.Next(500));
        if (roll < 30)
            return new ArcadeTransaction(Harness.ArcadeMachine, $"{seed}-{++_arcadePlays}", account, -(1 + _random.Next(20)), "load");
        _highestOrderGuess++;
        var side = _random.Next(2) == 0 ? Side.Buy : Side.Sell;
        if (roll < 23) return new PlaceOrder(account, Harness.Instrument, side, OrderType.Market, 1 + _random.Next(20));
        var price = side == Side.Buy ? 15 + _random.Next(7) : 19 + _random.Next(7);
        var tif = _random.Next(10) == 0 ? TimeInForce.Ioc : TimeInForce.Gtc;
        return new PlaceOrder(account, Harness.Instrument, side, OrderType.Limit, 1 + _random.Next(30), price, tif);
    }
}
