using System.Globalization;
using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Core.Feeds;
using CampTrading.Core.Journal;
using CampTrading.Core.Ledger;
using CampTrading.Core.Market;
using CampTrading.Core.MarketMaker;
using CampTrading.Core.ReadModels;
using CampTrading.Core.Trading;
using Xunit.Abstractions;

namespace CampTrading.Tests.Core;

/// <summary>
/// A random run through the session machinery the older randomized test leaves out: schedules and overrides moving the
/// market between Closed, PreOpen, Open and Halted (so opening auctions uncross again and again), limit and market
/// orders with both times in force, the house maker quoting through <see cref="MakerQuoter"/>, cancels, listings with
/// the IPO standing or in the opening auction, staff offers and withdrawals, and a feed-priced instrument (BTC in lots of
/// 0.001) whose prices move, go stale, pause and resume while students trade it against the house. The invariant checker runs after every
/// command; the journal, serialized with <see cref="CommandSerializer"/>, replays on a fresh engine (and on one restored
/// from a mid-run snapshot) to the same results, events and <see cref="EngineStateHash"/>.
/// </summary>
public sealed class RandomizedAuctionTests(ITestOutputHelper output)
{
    private const int CommandCount = 30_000;
    private static readonly DateTimeOffset Start = new(2025, 7, 1, 8, 0, 0, TimeSpan.FromHours(8));

    [Theory]
    [InlineData(1)]
    [InlineData(20260701)]
    [InlineData(8_675_309)]
    public void Random_sessions_auctions_ipos_and_maker_quotes_keep_the_books_balanced_and_replay_identically(int seed)
    {
        var run = new Run(seed);
        run.Go();
        output.WriteLine($"seed {seed}: {run.Stats}");

        // The run exercised what it claims to.
        var s = run.Stats;
        Assert.True(s.AuctionsThatTraded > 20, s.ToString());
        Assert.True(s.IpoAuctionFills > 5, s.ToString());
        Assert.True(s.PoolsWithdrawnAtOpen >= 1, s.ToString());
        Assert.True(s.PoolsBackToWaiting > 0, s.ToString());
        Assert.True(s.MakerOrders > 200, s.ToString());
        Assert.True(s.Trades > 1_000, s.ToString());
        Assert.True(s.Listings >= 3, s.ToString());
        Assert.True(s.FeedFills >= 10, s.ToString()); // the feed trades only while the market is open and its price is fresh
        Assert.True(s.Refusals.GetValueOrDefault(RejectCode.FeedStale) > 0, s.ToString());
        foreach (var state in Enum.GetValues<SessionState>())
            Assert.True(s.Entered.GetValueOrDefault(state) > 5, $"{state}: {s}");

        var journal = run.Journal.Select(c => (c.Time, Json: CommandSerializer.Serialize(c.Command))).ToArray();
        var replay = new ExchangeEngine();
        Replay(replay, journal, run, 0, journal.Length);
        Assert.Equal(EngineStateHash.Of(run.Engine), EngineStateHash.Of(replay));

        var half = journal.Length / 2;
        var first = new ExchangeEngine();
        Replay(first, journal, run, 0, half);
        var restored = ExchangeEngine.Restore(CommandSerializer.DeserializeSnapshot(CommandSerializer.SerializeSnapshot(first.CreateSnapshot())));
        Assert.Equal(EngineStateHash.Of(first), EngineStateHash.Of(restored));
        Replay(restored, journal, run, half, journal.Length);
        Assert.Equal(EngineStateHash.Of(run.Engine), EngineStateHash.Of(restored));
    }

    private static void Replay(ExchangeEngine engine, (long Time, string Json)[] journal, Run run, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            var result = engine.Apply(i + 1, journal[i].Time, CommandSerializer.Deserialize(journal[i].Json));
            if (result != run.Results[i]) Assert.Fail($"command {i} ({journal[i].Json}): {result} on replay, {run.Results[i]} at first");
            if (Hash(engine.Events.Span) != run.EventHashes[i]) Assert.Fail($"command {i} ({journal[i].Json}): events differ on replay");
            engine.Events.Clear();
        }
    }

    private static long Hash(ReadOnlySpan<EngineEvent> events)
    {
        const ulong prime = 1099511628211;
        var h = 14695981039346656037UL;
        foreach (ref readonly var e in events)
        {
            Span<long> fields =
            [
                e.Seq, e.Time, (long)e.Kind, (long)e.LedgerKind, (long)e.Side, e.Code, e.Account, e.Other, e.Asset,
                e.Order, e.OtherOrder, e.Price, e.Quantity, e.Remaining, e.OtherRemaining, e.Amount, e.BalanceAfter, e.Reference, (long)e.Origin,
            ];
            foreach (var f in fields) h = (h ^ (ulong)f) * prime;
        }
        return (long)h;
    }

    private sealed class Stats
    {
        public int Trades, AuctionsThatTraded, IpoAuctionFills, PoolsWithdrawnAtOpen, PoolsBackToWaiting, MakerOrders, Listings, Rejected, FeedFills;
        public Dictionary<SessionState, int> Entered { get; } = [];
        public Dictionary<RejectCode, int> Refusals { get; } = [];

        public override string ToString() =>
            $"{Trades} trades, {AuctionsThatTraded} auctions that traded, {IpoAuctionFills} treasury (IPO) fills in auctions, {PoolsWithdrawnAtOpen} pools "
            + $"withdrawn at an open, {PoolsBackToWaiting} pools back to waiting at a close, {MakerOrders} maker orders, {Listings} listings, {FeedFills} feed fills, "
            + $"{Rejected} refused [{string.Join(", ", Refusals.OrderBy(k => k.Key).Select(k => $"{k.Key}={k.Value}"))}], sessions entered [{string.Join(", ", Entered.OrderBy(k => k.Key).Select(k => $"{k.Key}={k.Value}"))}]";
    }

    private sealed class Run(int seed)
    {
        private readonly Random _random = new(seed);
        private readonly List<int> _students = [];
        private int _house;
        private int _feed;
        private long _feedPrice = 90_000;
        private long _time = Start.UtcTicks;

        public ExchangeEngine Engine { get; } = new();
        public List<(long Time, Command Command)> Journal { get; } = [];
        public List<CommandResult> Results { get; } = [];
        public List<long> EventHashes { get; } = [];
        public Stats Stats { get; } = new();

        public void Go()
        {
            Apply(new SetTradingRules(new TradingRules { PreOpenMinutes = 10 }, "staff"));
            Apply(new SetSchedule(RandomSchedule(), "staff"));
            _house = (int)Apply(new OpenAccount("house", AccountKind.House)).Id;
            Apply(new Grant(_house, Assets.Points, 500_000, "maker", "staff"));
            for (var i = 0; i < 12; i++)
            {
                var id = (int)Apply(new OpenAccount($"s{i}")).Id;
                Apply(new Grant(id, Assets.Points, 5_000 + _random.Next(20_000), "start", "staff"));
                _students.Add(id);
            }
            _feed = (int)Apply(ListFeedInstrument.Of("BTC", "Bitcoin", Feeds.FeedTestKit.BtcTerms with { StaleAfterSeconds = 120 }, Feeds.FeedTestKit.BtcSource, "staff")).Id;
            ListSome();

            while (Journal.Count < CommandCount) Step();
        }

        private void Step()
        {
            _time += _random.Next(10) == 0 ? _random.Next(3_600) * TimeSpan.TicksPerSecond : _random.Next(1, 30) * TimeSpan.TicksPerSecond;
            var roll = _random.Next(1000);
            if (roll < 450) Order();
            else if (roll < 560) CancelSome();
            else if (roll < 700) MakerRound();
            else if (roll < 760) Apply(new SetMarketOverride(Pick(Overrides), "staff"));
            else if (roll < 775) Apply(new SetSchedule(RandomSchedule(), "staff"));
            else if (roll < 790) Apply(new SetTradingRules(new TradingRules
            {
                PreOpenMinutes = _random.Next(4) == 0 ? 0 : _random.Next(1, 30),
                BandPercent = 10 + _random.Next(40),
                CancelAllAtClose = _random.Next(2) == 0,
            }, "staff"));
            else if (roll < 800) ListSome();
            else if (roll < 803) IpoOffer();
            else if (roll < 805 && Engine.Instruments.Count > 0) Apply(new WithdrawIpo(1 + _random.Next(Engine.Instruments.Count)));
            else if (roll < 860) GrantSome();
            else if (roll < 930) FeedTick();
            else if (roll < 935) Apply(new SetFeedControl(_feed, _random.Next(3) == 0 ? FeedControl.Pause : FeedControl.Resume, "staff"));
            else Apply(new Tick());
        }

        /// <summary>Mostly back to the schedule or into an auction, sometimes a halt or a forced close.</summary>
        private static readonly MarketOverride[] Overrides =
        [
            MarketOverride.None, MarketOverride.None, MarketOverride.None, MarketOverride.None, MarketOverride.ForceOpen, MarketOverride.ForceOpen,
            MarketOverride.PreOpen, MarketOverride.PreOpen, MarketOverride.ForceClose, MarketOverride.Halt,
        ];

        private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

        /// <summary>A few sessions over the next days, some with short gaps, so pre-opens and opens keep coming.</summary>
        private List<SessionInterval> RandomSchedule()
        {
            var intervals = new List<SessionInterval>();
            var at = new DateTimeOffset(_time, TimeSpan.Zero).AddMinutes(_random.Next(5, 90));
            for (var i = 0; i < 12; i++)
            {
                var end = at.AddMinutes(_random.Next(20, 120));
                intervals.Add(new SessionInterval(at, end));
                at = end.AddMinutes(_random.Next(1, 240));
            }
            return intervals;
        }

        private void ListSome()
        {
            if (Engine.Instruments.Count >= 10) return;
            var price = 5 + _random.Next(100);
            var shares = _random.Next(4) == 0 ? 0 : _random.Next(1, 5_000);
            var listed = Apply(new ListInstrument($"X{Engine.Instruments.Count}", "Random", price, shares) { IpoInOpeningAuction = _random.Next(3) > 0 });
            if (listed.IsOk)
            {
                Stats.Listings++;
                Apply(new Grant(_house, (int)listed.Id, 500 + _random.Next(1_000), "maker", "staff"));
            }
        }

        private void IpoOffer()
        {
            if (Engine.Instruments.Count == 0) return;
            var instrument = Pick(Engine.Instruments);
            var band = (instrument.BandLow(Engine.Rules.BandPercent), instrument.BandHigh(Engine.Rules.BandPercent));
            Apply(new SetIpoOffer(instrument.Id, _random.Next((int)band.Item1 - 2, (int)band.Item2 + 3), _random.Next(3) == 0 ? 0 : _random.Next(1, 3_000), "staff"));
        }

        /// <summary>The feed's price walks (a few basis points a tick); orders against it fill from the house at once or when a price crosses.</summary>
        private void FeedTick()
        {
            _feedPrice = Math.Max(1_000, _feedPrice + _random.Next(-30, 31) * _feedPrice / 10_000);
            Apply(new FeedPrice(_feed, _feedPrice, _time));
        }

        private void GrantSome()
        {
            var student = Pick(_students);
            if (_random.Next(2) == 0 || Engine.Instruments.Count == 0) Apply(new Grant(student, Assets.Points, _random.Next(-2_000, 8_000), "g", "staff"));
            else Apply(new Grant(student, 1 + _random.Next(Engine.Instruments.Count), _random.Next(1, 200), "g", "staff"));
        }

        private void Order()
        {
            if (Engine.Instruments.Count == 0) return;
            var student = Pick(_students);
            var instrument = Pick(Engine.Instruments);
            var (low, high) = (instrument.BandLow(Engine.Rules.BandPercent), instrument.BandHigh(Engine.Rules.BandPercent));
            var side = _random.Next(2) == 0 ? Side.Buy : Side.Sell;
            var type = _random.Next(4) == 0 ? OrderType.Market : OrderType.Limit;
            var tif = _random.Next(4) == 0 ? TimeInForce.Ioc : TimeInForce.Gtc;
            var price = type == OrderType.Market ? 0 : Math.Max(1, instrument.MarkPrice + _random.Next(-8, 9));
            if (_random.Next(30) == 0) price = _random.Next(2) == 0 ? low - 1 : high + 1; // refused: outside the band
            var quantity = _random.Next(50) == 0 ? 0 : _random.Next(1, 300);
            Apply(new PlaceOrder(student, instrument.Id, side, type, quantity, price, tif) { Origin = OrderOrigin.Web });
        }

        private void CancelSome()
        {
            var account = _random.Next(5) == 0 ? _house : Pick(_students);
            var open = Engine.OpenOrdersOf(account);
            if (open.Count == 0) return;
            // Now and then someone else's order: refused as order_not_owned.
            var owner = _random.Next(20) == 0 ? Pick(_students) : account;
            Apply(new CancelOrder(owner, Pick(open).Id));
        }

        /// <summary>One quoting round of the house on one instrument, as MarketMakerService runs it.</summary>
        private void MakerRound()
        {
            if (Engine.Instruments.Count == 0) return;
            var instrument = Pick(Engine.Instruments);
            if (instrument.Feed is not null) return; // the house does not make a market in a feed: the feed dealer is its counterparty
            var house = Engine.FindAccount(_house)!;
            var settings = new MakerSettings { InstrumentId = instrument.Id, SpreadTicks = 1 + _random.Next(4), Levels = 1 + _random.Next(3), SizePerLevel = 5 + _random.Next(30), MaxShares = 3_000 };
            var input = new MakerInput(settings, Engine.Session == SessionState.Open && instrument.Tradable, false, false, instrument.MarkPrice,
                instrument.BandLow(Engine.Rules.BandPercent), instrument.BandHigh(Engine.Rules.BandPercent), Levels(instrument, Side.Buy), Levels(instrument, Side.Sell),
                house.Balance(Assets.Points), house.Balance(instrument.Id),
                Engine.OpenOrdersOf(_house).Where(o => o.InstrumentId == instrument.Id).Select(o => new MakerOrder(o.Id, o.Side, o.Price, o.Remaining)).ToList(),
                MakerPnl.Of(house.RealizedPnl, house.Balance(instrument.Id), house.CostBasisOf(instrument.Id), instrument.MarkPrice).Total);
            var plan = MakerQuoter.Plan(input);
            foreach (var id in plan.Cancel) Apply(new CancelOrder(_house, id));
            foreach (var q in plan.Place)
            {
                Stats.MakerOrders++;
                Apply(new PlaceOrder(_house, instrument.Id, q.Side, OrderType.Limit, q.Quantity, q.Price) { Origin = OrderOrigin.House });
            }
        }

        /// <summary>Every book, order by order, for the failure message.</summary>
        private string Dump()
        {
            var sb = new System.Text.StringBuilder();
            foreach (var i in Engine.Instruments)
            {
                sb.Append(CultureInfo.InvariantCulture, $"{i.Symbol} ref {i.ReferencePrice} band {i.BandLow(Engine.Rules.BandPercent)}-{i.BandHigh(Engine.Rules.BandPercent)} ipo {Engine.IpoOf(i.Id)}\n");
                foreach (var side in new[] { i.Book.Bids, i.Book.Asks })
                    foreach (var level in side.Levels())
                        for (var o = level.Head; o is not null; o = o.Next)
                            sb.Append(CultureInfo.InvariantCulture, $"  {o.Side} #{o.Id} acct {o.AccountId} {o.Type} {o.TimeInForce} {o.Price} x{o.Remaining}\n");
            }
            return sb.ToString();
        }

        private readonly (long Price, long Quantity, int Orders)[] _depth = new (long, long, int)[64];

        private List<BookLevelView> Levels(Instrument instrument, Side side)
        {
            var n = instrument.Book.SideOf(side).CopyTop(_depth);
            return [.. _depth[..n].Select(l => new BookLevelView(l.Price, l.Quantity, l.Orders))];
        }

        private CommandResult Apply(Command command)
        {
            var before = Engine.Session;
            var pools = Engine.Instruments.Select(i => Engine.IpoOf(i.Id)).ToArray();
            Journal.Add((_time, command));
            var result = Engine.Apply(Journal.Count, _time, command);
            Results.Add(result);
            if (!result.IsOk)
            {
                Stats.Rejected++;
                Stats.Refusals[result.Code] = Stats.Refusals.GetValueOrDefault(result.Code) + 1;
            }

            var problems = InvariantChecker.Check(Engine);
            Assert.True(problems.Count == 0, $"after command {Journal.Count} ({command}): " + string.Join("; ", problems)
                + $" (was {before}, now {Engine.Session})\n" + (problems.Count > 0 ? Dump() : ""));
            Assert.True(Engine.Faults == 0, Engine.LastFault);
            Observe(before, pools);
            EventHashes.Add(Hash(Engine.Events.Span));
            Engine.Events.Clear();
            return result;
        }

        /// <summary>Counts what happened, and checks the pool's rules: no pool in the auction survives an open, none stays in the book at a close.</summary>
        private void Observe(SessionState before, IpoView[] pools)
        {
            var events = Engine.Events.Span;
            var opened = false;
            foreach (ref readonly var e in events)
                if (e.Kind == EventKind.SessionChanged)
                {
                    var state = (SessionState)e.Code;
                    Stats.Entered[state] = Stats.Entered.GetValueOrDefault(state) + 1;
                    opened |= state == SessionState.Open;
                }
            var trades = 0;
            foreach (ref readonly var e in events)
                if (e.Kind == EventKind.Trade)
                {
                    trades++;
                    if (e.Asset == _feed) Stats.FeedFills++;
                    if (opened && before != SessionState.Open && e.Other == SystemAccounts.Treasury) Stats.IpoAuctionFills++;
                }
            Stats.Trades += trades;
            if (opened && trades > 0) Stats.AuctionsThatTraded++;

            for (var i = 0; i < Engine.Instruments.Count; i++)
            {
                var now = Engine.IpoOf(i + 1);
                var was = i < pools.Length ? pools[i] : default;
                if (Engine.Session == SessionState.Open) Assert.NotEqual(IpoPhase.InAuction, now.Phase);
                if (Engine.Session == SessionState.Closed) Assert.NotEqual(IpoPhase.InAuction, now.Phase);
                if (was.Phase == IpoPhase.InAuction && now.Phase == IpoPhase.None && opened) Stats.PoolsWithdrawnAtOpen++;
                if (was.Phase == IpoPhase.InAuction && now.Phase == IpoPhase.WaitingForAuction) Stats.PoolsBackToWaiting++;
            }
        }
    }
}
