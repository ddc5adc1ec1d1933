using System.Collections.Concurrent;
using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Core.Feeds;
using CampTrading.Core.Journal;
using CampTrading.Core.Market;
using CampTrading.Core.Trading;

namespace CampTrading.Core.ReadModels;

/// <summary>
/// In-memory views for the UI, API and bot, kept current from the engine's events. Built on
/// the engine thread after each durable batch and published as immutable records, so any
/// number of readers see consistent data without ever touching engine state.
/// </summary>
public sealed class MarketReadModel : IEngineObserver
{
    private const int DepthLevels = 10;
    private const int TapeLength = 200;

    private readonly ConcurrentDictionary<int, AccountView> _accounts = new();
    private readonly ConcurrentDictionary<int, ConcurrentDictionary<long, OpenOrderItem>> _openOrders = new();
    private readonly ConcurrentDictionary<int, InstrumentHistory> _history = new();
    private readonly HashSet<int> _touchedAccounts = [];
    private readonly HashSet<int> _touchedInstruments = [];
    private readonly List<TradeView> _batchTrades = [];
    private volatile InstrumentView[] _instruments = [];
    private TimeZoneInfo _timeZone = TimeZoneInfo.Utc;
    private int _day;

    public MarketStatusView Status { get; private set; } = MarketStatusView.Initial;
    /// <summary>The camp's time zone, for showing times.</summary>
    public TimeZoneInfo TimeZone => _timeZone;
    public Broadcast<MarketUpdate> Updates { get; } = new();

    public IReadOnlyList<InstrumentView> Instruments => _instruments;
    public InstrumentView? Instrument(int id) => id >= 1 && id <= _instruments.Length ? _instruments[id - 1] : null;
    public InstrumentView? Instrument(string symbol) => _instruments.FirstOrDefault(i => string.Equals(i.Symbol, symbol, StringComparison.OrdinalIgnoreCase));
    public AccountView? Account(int id) => _accounts.GetValueOrDefault(id);
    /// <summary>Every account the engine has reported (system accounts included).</summary>
    public IEnumerable<AccountView> AllAccounts => _accounts.Values;

    public IReadOnlyList<OpenOrderItem> OpenOrders(int accountId) =>
        _openOrders.TryGetValue(accountId, out var orders) ? orders.Values.OrderByDescending(o => o.Id).ToArray() : [];

    /// <summary>What of the account's order still rests: 0 once it filled or was cancelled (or was never the account's).</summary>
    public long RemainingOf(int accountId, long orderId) =>
        _openOrders.TryGetValue(accountId, out var orders) && orders.TryGetValue(orderId, out var order) ? order.Remaining : 0;

    /// <summary>Resting orders across every account (the IPO's standing offers included).</summary>
    public int OpenOrderCount => _openOrders.Values.Sum(orders => orders.Count);

    public IReadOnlyList<TradeView> RecentTrades(int instrumentId, int count = 50) =>
        _history.TryGetValue(instrumentId, out var h) ? h.Recent(count) : [];

    public IReadOnlyList<Candle> Candles(int instrumentId, CandleInterval interval, DateTimeOffset from) =>
        _history.TryGetValue(instrumentId, out var h) ? h.Candles(interval, from) : [];

    /// <summary>Seeds feed instruments' candles with feed prices from before the engine's snapshot (oldest first).</summary>
    public void LoadFeedPrices(IEnumerable<(int InstrumentId, DateTimeOffset Time, long Price)> prices)
    {
        foreach (var (instrument, time, price) in prices) History(instrument).AddPrice(time, price);
    }

    /// <summary>Seeds the tape and candles with trades from before the engine's snapshot (oldest first).</summary>
    public void LoadHistory(TimeZoneInfo timeZone, IEnumerable<TradeView> trades)
    {
        _timeZone = timeZone;
        foreach (var trade in trades) History(trade.InstrumentId).Add(trade);
    }

    public void OnBatch(ExchangeEngine engine, ReadOnlySpan<EngineEvent> events)
    {
        _timeZone = engine.TimeZone;
        var statusChanged = Status.LastSeq == 0 || engine.Override != Status.Override;
        foreach (ref readonly var e in events)
        {
            switch (e.Kind)
            {
                case EventKind.Ledger:
                case EventKind.AccountOpened:
                case EventKind.AccountChanged:
                    _touchedAccounts.Add(e.Account);
                    break;
                case EventKind.OrderAccepted:
                    OrdersOf(e.Account)[e.Order] = new OpenOrderItem(e.Order, e.Asset, e.Side, e.Price, e.Quantity, e.Quantity, Time(e.Time), e.Origin);
                    Touch(e.Account, e.Asset);
                    break;
                case EventKind.OrderCancelled:
                    OrdersOf(e.Account).TryRemove(e.Order, out _);
                    Touch(e.Account, e.Asset);
                    break;
                case EventKind.OrderRejected:
                    _touchedAccounts.Add(e.Account);
                    break;
                case EventKind.DuelChanged: // stakes are reservations: available points change without a ledger entry
                    _touchedAccounts.Add(e.Account);
                    if (e.Other != 0) _touchedAccounts.Add(e.Other);
                    break;
                case EventKind.Trade:
                    OnTrade(e);
                    break;
                case EventKind.InstrumentListed:
                case EventKind.FeedStatusChanged:
                    _touchedInstruments.Add(e.Asset);
                    break;
                case EventKind.FeedPriced:
                    History(e.Asset).AddPrice(Time(e.Time), e.Price);
                    _touchedInstruments.Add(e.Asset);
                    break;
                case EventKind.SessionChanged:
                case EventKind.RulesChanged:
                    statusChanged = true;
                    break;
            }
        }

        var today = engine.Today;
        if (today != _day)
        {
            _day = today; // a new camp day: yesterday's bots are people again until they use the API
            foreach (var view in _accounts.Values)
                if (view.IsBot) _touchedAccounts.Add(view.Id);
        }

        if (statusChanged || engine.Instruments.Count != _instruments.Length)
            foreach (var i in engine.Instruments) _touchedInstruments.Add(i.Id);
        RefreshInstruments(engine);
        foreach (var id in _touchedAccounts) RefreshAccount(engine, id);
        var next = engine.NextScheduledChange();
        Status = new MarketStatusView(engine.Session, engine.Override, next?.At, next?.Opens, engine.Rules, engine.LastSeq);

        if (_touchedAccounts.Count > 0 || _touchedInstruments.Count > 0 || statusChanged)
            Updates.Publish(new MarketUpdate(engine.LastSeq, _touchedAccounts.ToArray(), _touchedInstruments.ToArray(), _batchTrades.ToArray(), statusChanged));
        _touchedAccounts.Clear();
        _touchedInstruments.Clear();
        _batchTrades.Clear();
    }

    private void OnTrade(in EngineEvent e)
    {
        var buyer = e.Side == Side.Buy ? e.Account : e.Other;
        var seller = e.Side == Side.Buy ? e.Other : e.Account;
        var trade = new TradeView(e.Reference, e.Seq, Time(e.Time), e.Asset, e.Price, e.Quantity, e.Side, buyer, seller,
            e.Side == Side.Buy ? e.Order : e.OtherOrder, e.Side == Side.Buy ? e.OtherOrder : e.Order);
        History(e.Asset).Add(trade);
        _batchTrades.Add(trade);
        Touch(e.Account, e.Asset);
        _touchedAccounts.Add(e.Other);

        var makers = OrdersOf(e.Other);
        if (makers.TryGetValue(e.OtherOrder, out var maker))
        {
            if (e.OtherRemaining == 0) makers.TryRemove(e.OtherOrder, out _);
            else makers[e.OtherOrder] = maker with { Remaining = e.OtherRemaining };
        }
        var takers = OrdersOf(e.Account);
        if (takers.TryGetValue(e.Order, out var taker))
        {
            if (e.Remaining == 0) takers.TryRemove(e.Order, out _);
            else takers[e.Order] = taker with { Remaining = e.Remaining };
        }
    }

    private void Touch(int account, int instrument)
    {
        _touchedAccounts.Add(account);
        _touchedInstruments.Add(instrument);
    }

    private ConcurrentDictionary<long, OpenOrderItem> OrdersOf(int accountId) => _openOrders.GetOrAdd(accountId, _ => new());

    private InstrumentHistory History(int instrumentId) => _history.GetOrAdd(instrumentId, _ => new InstrumentHistory(_timeZone, TapeLength));

    private static DateTimeOffset Time(long ticks) => new(ticks, TimeSpan.Zero);

    private void RefreshAccount(ExchangeEngine engine, int id)
    {
        var account = engine.FindAccount(id);
        if (account is null) return;
        var holdings = new List<HoldingView>();
        foreach (var instrument in engine.Instruments)
        {
            var shares = account.Balance(instrument.Id);
            if (shares != 0 || account.ReservedOf(instrument.Id) != 0)
                holdings.Add(new HoldingView(instrument.Id, instrument.Symbol, shares, account.ReservedOf(instrument.Id), account.CostBasisOf(instrument.Id),
                    instrument.Feed?.Terms.UnitsPerWhole ?? 1));
        }
        _accounts[id] = new AccountView(id, account.Name, account.Balance(Assets.Points), account.ReservedOf(Assets.Points),
            account.Debt, account.Restrictions, holdings, account.Team, account.Kind, account.RealizedPnl, account.ApiOrdersOn(engine.Today));
    }

    private void RefreshInstruments(ExchangeEngine engine)
    {
        if (_touchedInstruments.Count == 0) return;
        var next = new InstrumentView[engine.Instruments.Count];
        Array.Copy(_instruments, next, Math.Min(_instruments.Length, next.Length));
        Span<(long Price, long Quantity, int Orders)> levels = stackalloc (long, long, int)[DepthLevels];
        foreach (var id in _touchedInstruments)
        {
            var i = engine.FindInstrument(id);
            if (i is null) continue;
            var bids = Depth(i.Book.Bids, levels);
            var asks = Depth(i.Book.Asks, levels);
            next[id - 1] = new InstrumentView(i.Id, i.Symbol, i.Name, i.LastPrice, i.ReferencePrice,
                i.BandLow(engine.Rules.BandPercent), i.BandHigh(engine.Rules.BandPercent), bids, asks, i.Tradable)
            {
                Indicative = engine.Session == SessionState.Open || i.Feed is not null ? AuctionOutcome.None : engine.IndicativeAuction(i.Id),
                Ipo = engine.IpoOf(i.Id),
                Feed = i.Feed is { } f
                    ? new FeedView(f.Terms, f.Source, f.Status, f.Price, f.Price == 0 ? 0 : f.Ask, f.Price == 0 ? 0 : f.Bid, f.Price == 0 ? null : Time(f.PricedAt))
                    : null,
            };
        }
        _instruments = next;
    }

    private static BookLevelView[] Depth(BookSide side, Span<(long Price, long Quantity, int Orders)> buffer)
    {
        var n = side.CopyTop(buffer);
        var result = new BookLevelView[n];
        for (var k = 0; k < n; k++) result[k] = new BookLevelView(buffer[k].Price, buffer[k].Quantity, buffer[k].Orders);
        return result;
    }

    /// <summary>
    /// The tape and candles of one instrument. Thousands of open pages read them on every frame while trades arrive, so
    /// reads take no lock: the first read after a change builds an immutable snapshot (newest trade first; candles in time
    /// order) that every later read shares until the next change (docs/decisions/0026-circuits-at-camp-scale.md).
    /// </summary>
    private sealed class InstrumentHistory(TimeZoneInfo timeZone, int tapeLength)
    {
        private readonly Lock _gate = new();
        private readonly Queue<TradeView> _tape = new();
        private readonly CandleSeries[] _series = Enum.GetValues<CandleInterval>().Select(i => new CandleSeries(i, timeZone)).ToArray();
        private TradeView[]? _recent;
        private readonly Candle[]?[] _candles = new Candle[]?[Enum.GetValues<CandleInterval>().Length];

        public void Add(TradeView trade)
        {
            lock (_gate)
            {
                _tape.Enqueue(trade);
                if (_tape.Count > tapeLength) _tape.Dequeue();
                Volatile.Write(ref _recent, null);
                // A feed instrument's candles are its feed prices; its fills (at the dealer's quote) only join the tape.
                if (trade.Involves(SystemAccounts.FeedDealer)) return;
                AddToSeries(trade.Time, trade.Price, trade.Quantity);
            }
        }

        /// <summary>A feed price: it moves the candles (with no volume) but is not a trade.</summary>
        public void AddPrice(DateTimeOffset time, long price)
        {
            lock (_gate) AddToSeries(time, price, 0);
        }

        private void AddToSeries(DateTimeOffset time, long price, long quantity)
        {
            foreach (var series in _series) series.Add(time, price, quantity);
            Array.Clear(_candles);
        }

        public IReadOnlyList<TradeView> Recent(int count)
        {
            var recent = Volatile.Read(ref _recent);
            if (recent is null)
                lock (_gate)
                {
                    recent = _tape.Reverse().ToArray(); // under the lock Add holds: the tape as it is now
                    Volatile.Write(ref _recent, recent);
                }
            // Typed as the interface: T[] converts to ArraySegment<T>, which would wrap (and box) the shared array on every read.
            return count >= recent.Length ? recent : (IReadOnlyList<TradeView>)new ArraySegment<TradeView>(recent, 0, Math.Max(0, count));
        }

        public IReadOnlyList<Candle> Candles(CandleInterval interval, DateTimeOffset from)
        {
            var candles = Volatile.Read(ref _candles[(int)interval]);
            if (candles is null)
                lock (_gate)
                {
                    candles = _series[(int)interval].All();
                    Volatile.Write(ref _candles[(int)interval], candles);
                }
            var start = _series[(int)interval].BucketStart(from);
            var first = FirstAtOrAfter(candles, start);
            return first == 0 ? candles : (IReadOnlyList<Candle>)new ArraySegment<Candle>(candles, first, candles.Length - first);
        }

        private static int FirstAtOrAfter(Candle[] candles, DateTimeOffset start)
        {
            int low = 0, high = candles.Length;
            while (low < high)
            {
                var mid = (low + high) >>> 1;
                if (candles[mid].Start < start) low = mid + 1;
                else high = mid;
            }
            return low;
        }
    }
}
