using System.Text.Json;
using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Core.Ledger;
using CampTrading.Core.Market;
using CampTrading.Core.Trading;

namespace CampTrading.Tests.Core;

/// <summary>
/// Drives one <see cref="ExchangeEngine"/> the way the sequencer does: every command gets the next
/// sequence number and a time that moves forward. After every command the conservation invariant
/// is asserted, so any test step that breaks the books fails where it happens.
/// </summary>
internal sealed class TestExchange
{
    /// <summary>09:00 on 1 July 2025 in Asia/Taipei (UTC+8).</summary>
    public static readonly DateTimeOffset DefaultStart = new(2025, 7, 1, 9, 0, 0, TimeSpan.FromHours(8));

    private long _seq;

    public TestExchange(bool forceOpen = true, DateTimeOffset? start = null, EngineSettings? settings = null)
        : this(new ExchangeEngine(settings), 0, (start ?? DefaultStart).UtcTicks)
    {
        if (forceOpen) Ok(new SetMarketOverride(MarketOverride.ForceOpen, "test"));
    }

    private TestExchange(ExchangeEngine engine, long seq, long time)
    {
        Engine = engine;
        _seq = seq;
        Now = time;
    }

    /// <summary>Wraps a restored engine, continuing its sequence and clock.</summary>
    public static TestExchange Around(ExchangeEngine engine) => new(engine, engine.LastSeq, engine.LastTime);

    public ExchangeEngine Engine { get; }

    /// <summary>The time (UTC ticks) the last command carried.</summary>
    public long Now { get; private set; }

    public DateTimeOffset NowUtc => new(Now, TimeSpan.Zero);

    /// <summary>Events emitted so far; take one before a command and read <see cref="EventsSince"/> after.</summary>
    public int Mark => Engine.Events.Count;

    public static JsonSerializerOptions Json { get; } = new() { WriteIndented = false };

    // ---- commands ------------------------------------------------------------------------------

    /// <summary>Applies a command one millisecond after the previous one.</summary>
    public CommandResult Apply(Command command) => ApplyAt(Now + TimeSpan.TicksPerMillisecond, command);

    public CommandResult ApplyAt(DateTimeOffset at, Command command) => ApplyAt(at.UtcTicks, command);

    public CommandResult ApplyAt(long utcTicks, Command command)
    {
        Now = Math.Max(Now, utcTicks);
        var result = Engine.Apply(++_seq, utcTicks, command);
        AssertInvariants();
        return result;
    }

    /// <summary>Applies a command that must succeed.</summary>
    public CommandResult Ok(Command command)
    {
        var result = Apply(command);
        Assert.True(result.IsOk, $"{command} was rejected: {result.Code}");
        return result;
    }

    /// <summary>
    /// Applies a command that must be rejected with <paramref name="code"/>, and proves the rejection
    /// changed nothing: the snapshot (apart from sequence and time) is identical, and an order
    /// rejection emits exactly one OrderRejected event carrying the code.
    /// </summary>
    public CommandResult Reject(Command command, RejectCode code)
    {
        var before = StateJson();
        var mark = Mark;
        var result = Apply(command);
        Assert.Equal(code, result.Code);
        Assert.False(result.IsOk);
        Assert.Equal(OrderStatus.Rejected, result.Status);
        Assert.Equal(0, result.Filled);
        Assert.Equal(before, StateJson());

        var events = EventsSince(mark);
        if (command is PlaceOrder place)
        {
            var e = Assert.Single(events);
            Assert.Equal(EventKind.OrderRejected, e.Kind);
            Assert.Equal(code, e.RejectCode);
            Assert.Equal(place.AccountId, e.Account);
            Assert.Equal(place.InstrumentId, e.Asset);
            Assert.Equal(place.Quantity, e.Quantity);
        }
        else
        {
            Assert.Empty(events);
        }
        return result;
    }

    public void Advance(TimeSpan by) => Now += by.Ticks;

    public CommandResult Tick() => Apply(new Tick());

    public CommandResult TickAt(DateTimeOffset at) => ApplyAt(at, new Tick());

    public void Override(MarketOverride value) => Ok(new SetMarketOverride(value, "test"));

    public void SetRules(TradingRules rules) => Ok(new SetTradingRules(rules, "test"));

    public int OpenAccount(string name, long points = 0, AccountKind kind = AccountKind.Student)
    {
        var id = (int)Ok(new OpenAccount(name, kind)).Id;
        if (points != 0) GrantPoints(id, points);
        return id;
    }

    /// <summary>Lists an instrument; by default without an IPO pool, so its book starts empty.</summary>
    public int List(string symbol, long ipoPrice = 20, long ipoShares = 0) =>
        (int)Ok(new ListInstrument(symbol, symbol + " Inc.", ipoPrice, ipoShares)).Id;

    public CommandResult GrantPoints(int account, long amount) => Ok(new Grant(account, Assets.Points, amount, "test", "test"));

    public CommandResult GrantShares(int account, int instrument, long amount) => Ok(new Grant(account, instrument, amount, "test", "test"));

    public CommandResult Buy(int account, int instrument, long quantity, long price, TimeInForce tif = TimeInForce.Gtc) =>
        Apply(new PlaceOrder(account, instrument, Side.Buy, OrderType.Limit, quantity, price, tif));

    public CommandResult Sell(int account, int instrument, long quantity, long price, TimeInForce tif = TimeInForce.Gtc) =>
        Apply(new PlaceOrder(account, instrument, Side.Sell, OrderType.Limit, quantity, price, tif));

    public CommandResult MarketBuy(int account, int instrument, long quantity) =>
        Apply(new PlaceOrder(account, instrument, Side.Buy, OrderType.Market, quantity));

    public CommandResult MarketSell(int account, int instrument, long quantity) =>
        Apply(new PlaceOrder(account, instrument, Side.Sell, OrderType.Market, quantity));

    public CommandResult Cancel(int account, long orderId) => Apply(new CancelOrder(account, orderId));

    // ---- state ---------------------------------------------------------------------------------

    public Account Account(int id) => Engine.FindAccount(id) ?? throw new InvalidOperationException($"no account {id}");

    public Instrument Instrument(int id) => Engine.FindInstrument(id) ?? throw new InvalidOperationException($"no instrument {id}");

    public long Points(int account) => Account(account).Balance(Assets.Points);
    public long ReservedPoints(int account) => Account(account).ReservedOf(Assets.Points);
    public long AvailablePoints(int account) => Account(account).Available(Assets.Points);
    public long Shares(int account, int instrument) => Account(account).Balance(instrument);
    public long ReservedShares(int account, int instrument) => Account(account).ReservedOf(instrument);
    public long AvailableShares(int account, int instrument) => Account(account).Available(instrument);

    public IReadOnlyList<OpenOrderView> OpenOrders(int account) => Engine.OpenOrdersOf(account);

    /// <summary>Price levels of one side, best first: (price, total quantity, order count).</summary>
    public (long Price, long Quantity, int Orders)[] Depth(int instrument, Side side)
    {
        var into = new (long, long, int)[256];
        var n = Instrument(instrument).Book.SideOf(side).CopyTop(into);
        return into[..n];
    }

    /// <summary>Order ids resting on one side, in priority order (best price first, FIFO within a price).</summary>
    public long[] QueueOf(int instrument, Side side)
    {
        var ids = new List<long>();
        foreach (var level in Instrument(instrument).Book.SideOf(side).Levels())
            for (var order = level.Head; order is not null; order = order.Next) ids.Add(order.Id);
        return [.. ids];
    }

    public EngineEvent[] EventsSince(int mark) => Engine.Events.Span[mark..].ToArray();

    public EngineEvent[] EventsSince(int mark, EventKind kind) => [.. EventsSince(mark).Where(e => e.Kind == kind)];

    public string SnapshotJson() => JsonSerializer.Serialize(Engine.CreateSnapshot(), Json);

    /// <summary>The snapshot without sequence number and time: what a command must not change if rejected.</summary>
    public string StateJson() => JsonSerializer.Serialize(Engine.CreateSnapshot() with { Seq = 0, Time = 0 }, Json);

    public void AssertInvariants()
    {
        var problems = InvariantChecker.Check(Engine);
        Assert.True(problems.Count == 0, $"after seq {_seq}: " + string.Join("; ", problems));
        Assert.True(Engine.Faults == 0, Engine.LastFault); // no command may throw inside the engine
    }
}
