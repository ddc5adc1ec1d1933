using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Core.Market;
using CampTrading.Core.Trading;

namespace CampTrading.Core.Ledger;

/// <summary>
/// Proves the books balance: every asset sums to zero over all accounts (double entry through
/// system accounts), no user balance or reservation is negative or over-committed, reservations
/// equal what the open orders and unfinished duels hold, and no book is crossed while the market is open (orders collected
/// for the opening auction may cross until it runs). All sums are checked: a total that
/// does not fit a long is reported, never wrapped round to a value that happens to look right.
/// </summary>
public static class InvariantChecker
{
    public static IReadOnlyList<string> Check(ExchangeEngine engine)
    {
        var problems = new List<string>();
        try
        {
            CheckBalances(engine, problems);
        }
        catch (OverflowException)
        {
            problems.Add("a sum of balances, reservations or book quantities overflows a 64-bit integer");
        }
        return problems;
    }

    private static void CheckBalances(ExchangeEngine engine, List<string> problems)
    {
        var assetCount = engine.Instruments.Count + 1;
        var totals = new long[assetCount];
        var expectedReserved = new Dictionary<(int Account, int Asset), long>();

        foreach (var instrument in engine.Instruments)
        {
            CheckBook(instrument, engine.Session == SessionState.Open, problems);
            foreach (var order in BookOrders(instrument))
            {
                var key = order.Side == Side.Buy ? (order.AccountId, Assets.Points) : (order.AccountId, instrument.Id);
                var amount = order.Side == Side.Buy ? checked(order.Price * order.Remaining) : order.Remaining;
                expectedReserved[key] = checked(expectedReserved.GetValueOrDefault(key) + amount);
                if (order.Remaining <= 0) problems.Add($"order {order.Id} rests with remaining {order.Remaining}");
            }
        }

        // Resting feed orders reserve units (sells) or their cost and fee at the limit (buys).
        foreach (var instrument in engine.FeedInstruments)
        {
            foreach (var order in instrument.Feed!.Orders)
            {
                var key = order.Side == Side.Buy ? (order.AccountId, Assets.Points) : (order.AccountId, instrument.Id);
                var amount = order.Side == Side.Buy ? order.Held : order.Remaining;
                expectedReserved[key] = checked(expectedReserved.GetValueOrDefault(key) + amount);
                if (order.Remaining <= 0 || (order.Side == Side.Buy && order.Held <= 0))
                    problems.Add($"feed order {order.Id} rests with remaining {order.Remaining}, held {order.Held}");
            }
            if (!instrument.Book.Bids.IsEmpty || !instrument.Book.Asks.IsEmpty) problems.Add($"{instrument.Symbol}: a feed instrument has a book");
        }

        // Open duels reserve each player's stake in points, alongside the orders.
        foreach (var (accountId, stake) in engine.DuelReservations())
        {
            if (stake <= 0) problems.Add($"account {accountId}: duel stake {stake}");
            if (engine.FindAccount(accountId) is null or { IsSystem: true }) problems.Add($"duel stake held by account {accountId}");
            var key = (accountId, Assets.Points);
            expectedReserved[key] = checked(expectedReserved.GetValueOrDefault(key) + stake);
        }

        foreach (var account in engine.Accounts())
        {
            for (var asset = 0; asset < assetCount; asset++)
            {
                var balance = account.Balance(asset);
                var reserved = account.ReservedOf(asset);
                totals[asset] = checked(totals[asset] + balance);
                var expected = expectedReserved.GetValueOrDefault((account.Id, asset));
                if (reserved != expected)
                    problems.Add($"account {account.Id} asset {asset}: reserved {reserved} but orders and duels hold {expected}");
                if (account.IsSystem) continue;
                if (balance < 0) problems.Add($"account {account.Id} asset {asset}: negative balance {balance}");
                if (reserved < 0 || reserved > balance) problems.Add($"account {account.Id} asset {asset}: reserved {reserved} of balance {balance}");
            }
            if (account.Debt < 0) problems.Add($"account {account.Id}: negative debt {account.Debt}");
        }

        for (var asset = 0; asset < assetCount; asset++)
            if (totals[asset] != 0) problems.Add($"asset {asset} sums to {totals[asset]}, not zero");
    }

    public static void Assert(ExchangeEngine engine)
    {
        var problems = Check(engine);
        if (problems.Count > 0) throw new InvalidOperationException("Invariant broken: " + string.Join("; ", problems.Take(10)));
    }

    private static IEnumerable<Order> BookOrders(Instrument instrument) =>
        instrument.Book.Bids.Levels().Concat(instrument.Book.Asks.Levels()).SelectMany(LevelOrders);

    private static IEnumerable<Order> LevelOrders(PriceLevel level)
    {
        for (var order = level.Head; order is not null; order = order.Next) yield return order;
    }

    private static void CheckBook(Instrument instrument, bool open, List<string> problems)
    {
        var book = instrument.Book;
        if (open && !book.Bids.IsEmpty && !book.Asks.IsEmpty && book.Bids.BestPrice >= book.Asks.BestPrice)
            problems.Add($"{instrument.Symbol}: crossed book {book.Bids.BestPrice} >= {book.Asks.BestPrice}");
        foreach (var level in book.Bids.Levels().Concat(book.Asks.Levels()))
        {
            var sum = LevelOrders(level).Sum(o => o.Remaining); // Enumerable.Sum is checked
            if (sum != level.TotalQuantity || LevelOrders(level).Count() != level.Count)
                problems.Add($"{instrument.Symbol} level {level.Price}: total {level.TotalQuantity} but orders sum {sum}");
        }
    }
}
