using System.Globalization;
using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Core.Journal;
using CampTrading.Core.Market;
using CampTrading.Core.MarketMaker;
using CampTrading.Core.ReadModels;
using CampTrading.Core.Trading;
using Xunit.Abstractions;

namespace CampTrading.Tests.Core;

/// <summary>
/// Two simulated camp days on the real engine (docs/decisions/0023-ipo-in-the-opening-auction.md): CAMP listed with the
/// defaults (1,000,000 shares at 20), a 10-minute pre-open before each of three daily sessions, the house market maker
/// quoting through <see cref="MakerQuoter"/> as the web's MarketMakerService does, and 40 seeded random traders (limit and
/// market orders, buys and sells, cancels) whose mood drifts. With the IPO in the opening auction the price moves both
/// above and below 20; with the old standing pool it never prints above 20. The invariants hold after every command.
/// </summary>
public sealed class CampDaySimulationTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(20260701)]
    [InlineData(42)]
    [InlineData(8_675_309)]
    public void With_the_ipo_in_the_opening_auction_the_price_moves_both_ways_and_the_book_is_never_capped(int seed)
    {
        var day = new CampDay(seed, ipoInAuction: true);
        day.Run();
        output.WriteLine(day.Summary());

        Assert.True(day.AuctionIpoShares > 0, "students bought IPO shares in the first opening auction");
        Assert.Equal(20, day.FirstAuctionPrice);
        Assert.True(day.High > 20, $"the price never rose above the IPO price (high {day.High})");
        Assert.True(day.Low < 20, $"the price never fell below the IPO price (low {day.Low})");
        Assert.Equal(0, day.CommandsWithTreasuryAskWhileOpen); // no standing pool once the market opened
        Assert.True(day.MakerTrades > 0, "the maker traded");
        day.AssertReplaysToTheSameState();
    }

    [Fact]
    public void With_the_old_standing_pool_the_same_day_never_prints_above_the_ipo_price()
    {
        var day = new CampDay(20260701, ipoInAuction: false);
        day.Run();
        output.WriteLine(day.Summary());

        Assert.True(day.Trades > 100);
        Assert.Equal(20, day.High); // every buy at 20 or more is filled by the pool
        Assert.True(day.CommandsWithTreasuryAskWhileOpen > 0);
    }

    private sealed class CampDay
    {
        private static readonly TimeSpan Taipei = TimeSpan.FromHours(8);
        private const int Traders = 40;
        private const long StartingPoints = 2_000; // the checklist's suggestion: IPO price × a round lot of 100
        private static readonly (int Hour, int Minute, int Minutes)[] Sessions = [(9, 0, 60), (10, 30, 60), (14, 0, 60)];

        private readonly Random _random;
        private readonly bool _ipoInAuction;
        private readonly TestExchange _x;
        private readonly List<(long Time, Command Command)> _journal = [];
        private readonly List<int> _traders = [];
        private readonly List<SessionPath> _path = [];
        private MakerSettings _maker;
        private int _camp;
        private int _house;
        private double _mood;

        public CampDay(int seed, bool ipoInAuction)
        {
            _random = new Random(seed);
            _ipoInAuction = ipoInAuction;
            _x = new TestExchange(forceOpen: false, start: Day(0, 8, 0));
            _maker = new MakerSettings { SpreadTicks = 2, SizePerLevel = 20, Levels = 3, MaxShares = 4_000, DailyLossLimit = 1_000_000 };
        }

        public long FirstAuctionPrice { get; private set; }
        public long AuctionIpoShares { get; private set; }
        public long High { get; private set; }
        public long Low { get; private set; } = long.MaxValue;
        public int Trades { get; private set; }
        public int MakerTrades { get; private set; }
        public int CommandsWithTreasuryAskWhileOpen { get; private set; }
        private int _rejected;
        private int _commands;

        private static DateTimeOffset Day(int day, int hour, int minute) => new DateTimeOffset(2025, 7, 1, hour, minute, 0, Taipei).AddDays(day);

        public void Run()
        {
            Do(Day(0, 8, 0), new SetTradingRules(new TradingRules { PreOpenMinutes = 10 }, "staff"));
            var intervals = Enumerable.Range(0, 2).SelectMany(d => Sessions.Select(s =>
                new SessionInterval(Day(d, s.Hour, s.Minute), Day(d, s.Hour, s.Minute).AddMinutes(s.Minutes)))).ToList();
            Do(Day(0, 8, 0), new SetSchedule(intervals, "staff"));
            _camp = (int)Do(Day(0, 8, 0), new ListInstrument("CAMP", "Camp Stock") { IpoInOpeningAuction = _ipoInAuction }).Id;
            _house = (int)Do(Day(0, 8, 0), new OpenAccount("house", AccountKind.House)).Id;
            Do(Day(0, 8, 0), new Grant(_house, Assets.Points, 100_000, "maker funding", "staff"));
            Do(Day(0, 8, 0), new Grant(_house, _camp, 2_000, "maker funding", "staff"));
            _maker = _maker with { InstrumentId = _camp };
            for (var i = 0; i < Traders; i++)
            {
                var id = (int)Do(Day(0, 8, 1), new OpenAccount($"trader{i:00}")).Id;
                Do(Day(0, 8, 1), new Grant(id, Assets.Points, StartingPoints, "starting points", "staff"));
                _traders.Add(id);
            }

            for (var d = 0; d < 2; d++)
                foreach (var (hour, minute, minutes) in Sessions)
                    RunSession(Day(d, hour, minute), minutes);
        }

        private void RunSession(DateTimeOffset open, int minutes)
        {
            var session = new SessionPath($"{open:MM-dd HH:mm}");
            _path.Add(session);
            for (var at = open.AddMinutes(-12); at < open.AddMinutes(minutes + 2); at = at.AddSeconds(3))
            {
                var ticks = at.UtcTicks;
                if (_x.Engine.Session is not (SessionState.Open or SessionState.PreOpen) || at.Second % 30 == 0) Do(ticks, new Tick());
                var state = _x.Engine.Session;
                if (state == SessionState.PreOpen) session.Reference = _x.Instrument(_camp).ReferencePrice; // re-centred at the pre-open
                if (state is SessionState.Open or SessionState.PreOpen) TraderActs(ticks, state == SessionState.PreOpen);
                if (state == SessionState.Open && at.Second % 15 == 0) MakerQuotes(ticks);
                Record(session);
            }
        }

        private void TraderActs(long ticks, bool preOpen)
        {
            if (_random.Next(60) == 0) _mood = Math.Clamp(_mood + (_random.NextDouble() - 0.5) * 0.9, -0.8, 0.8);
            var trader = _traders[_random.Next(_traders.Count)];
            var account = _x.Account(trader);
            var instrument = _x.Instrument(_camp);
            var (low, high) = (instrument.BandLow(_x.Engine.Rules.BandPercent), instrument.BandHigh(_x.Engine.Rules.BandPercent));
            var mark = instrument.MarkPrice;

            var open = _x.OpenOrders(trader);
            if (open.Count > 0 && _random.Next(8) == 0)
            {
                Do(ticks, new CancelOrder(trader, open[_random.Next(open.Count)].Id));
                return;
            }

            // Each trader wants a share of its wealth in CAMP that follows the crowd's mood (plus its own noise): below it, it buys.
            var stock = account.Balance(_camp) * mark;
            var held = (double)stock / Math.Max(1, stock + account.Balance(Assets.Points));
            var wanted = Math.Clamp(0.5 + 0.45 * _mood + (_random.NextDouble() - 0.5) * 0.3, 0.05, 0.95);
            var buy = held < wanted || account.Available(_camp) == 0;
            var market = !preOpen && _random.Next(4) == 0;
            if (buy)
            {
                // In the first pre-open everyone wants a piece of the IPO: bids at or near the offer price.
                var price = Math.Clamp(mark + _random.Next(-3, 3), low, high);
                var afford = account.Available(Assets.Points) / (market ? high : price);
                if (afford <= 0) return;
                var quantity = Math.Min(afford, 1 + _random.Next(60));
                Do(ticks, new PlaceOrder(trader, _camp, Side.Buy, market ? OrderType.Market : OrderType.Limit, quantity, market ? 0 : price));
            }
            else
            {
                var price = Math.Clamp(mark + _random.Next(-2, 4), low, high);
                var quantity = Math.Min(account.Available(_camp), 1 + _random.Next(60));
                Do(ticks, new PlaceOrder(trader, _camp, Side.Sell, market ? OrderType.Market : OrderType.Limit, quantity, market ? 0 : price));
            }
        }

        /// <summary>One round of the house maker, as MarketMakerService runs it: read the book and holdings, plan, cancel, place.</summary>
        private void MakerQuotes(long ticks)
        {
            var instrument = _x.Instrument(_camp);
            var house = _x.Account(_house);
            var levels = (Side side) => _x.Depth(_camp, side).Select(l => new BookLevelView(l.Price, l.Quantity, l.Orders)).ToList();
            var orders = _x.OpenOrders(_house).Select(o => new MakerOrder(o.Id, o.Side, o.Price, o.Remaining)).ToList();
            var pnl = MakerPnl.Of(house.RealizedPnl, house.Balance(_camp), house.CostBasisOf(_camp), instrument.MarkPrice);
            var input = new MakerInput(_maker, _x.Engine.Session == SessionState.Open, false, false, instrument.MarkPrice,
                instrument.BandLow(_x.Engine.Rules.BandPercent), instrument.BandHigh(_x.Engine.Rules.BandPercent), levels(Side.Buy), levels(Side.Sell),
                house.Balance(Assets.Points), house.Balance(_camp), orders, pnl.Total);
            var plan = MakerQuoter.Plan(input);
            foreach (var id in plan.Cancel) Do(ticks, new CancelOrder(_house, id));
            foreach (var q in plan.Place)
                Do(ticks, new PlaceOrder(_house, _camp, q.Side, OrderType.Limit, q.Quantity, q.Price) { Origin = OrderOrigin.House });
        }

        private int _seen;

        /// <summary>Reads the trades since the last call into the session's path and checks that no treasury ask stands while open.</summary>
        private void Record(SessionPath session)
        {
            var events = _x.Engine.Events.Span;
            for (; _seen < events.Length; _seen++)
            {
                var e = events[_seen];
                if (e.Kind != EventKind.Trade) continue;
                Trades++;
                if (e.Account == _house || e.Other == _house) MakerTrades++;
                if (e.Other == SystemAccounts.Treasury && e.Kind == EventKind.Trade && FirstAuctionPrice == 0) FirstAuctionPrice = e.Price;
                if (e.Other == SystemAccounts.Treasury && _path.Count == 1) AuctionIpoShares += e.Quantity;
                session.Add(e.Price, e.Quantity);
                High = Math.Max(High, e.Price);
                Low = Math.Min(Low, e.Price);
            }
        }

        private CommandResult Do(DateTimeOffset at, Command command) => Do(at.UtcTicks, command);

        private CommandResult Do(long ticks, Command command)
        {
            _journal.Add((ticks, command));
            var result = _x.ApplyAt(ticks, command); // asserts the invariants and that nothing threw
            _commands++;
            if (!result.IsOk) _rejected++;
            if (_x.Engine.Session == SessionState.Open && _x.OpenOrders(SystemAccounts.Treasury).Count > 0) CommandsWithTreasuryAskWhileOpen++;
            return result;
        }

        public void AssertReplaysToTheSameState()
        {
            var replay = new ExchangeEngine();
            var seq = 0L;
            foreach (var (time, command) in _journal) replay.Apply(++seq, time, CommandSerializer.Deserialize(CommandSerializer.Serialize(command)));
            Assert.Equal(EngineStateHash.Of(_x.Engine), EngineStateHash.Of(replay));
        }

        public string Summary()
        {
            var lines = new List<string>
            {
                $"IPO {(_ipoInAuction ? "in the opening auction" : "as a standing ask")}: {_commands:N0} commands ({_rejected:N0} refused), {Trades:N0} trades "
                + $"({MakerTrades:N0} with the maker), first auction at {FirstAuctionPrice}, {AuctionIpoShares:N0} IPO shares sold in it; "
                + $"treasury keeps {_x.Shares(SystemAccounts.Treasury, _camp):N0}; range {Low}–{High}",
                "session       ref  open  high   low close   volume trades",
            };
            lines.AddRange(_path.Select(p => p.ToString()));
            return string.Join(Environment.NewLine, lines);
        }
    }

    private sealed class SessionPath(string name)
    {
        public long Reference { get; set; }

        private long _open, _high, _low = long.MaxValue, _close, _volume;
        private int _trades;

        public void Add(long price, long quantity)
        {
            if (_trades++ == 0) _open = price;
            _high = Math.Max(_high, price);
            _low = Math.Min(_low, price);
            _close = price;
            _volume += quantity;
        }

        public override string ToString() => _trades == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{name} {Reference,5}  (no trades)")
            : string.Create(CultureInfo.InvariantCulture, $"{name} {Reference,5} {_open,5} {_high,5} {_low,5} {_close,5} {_volume,8:N0} {_trades,6}");
    }
}
