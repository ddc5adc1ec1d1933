using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Core.Journal;
using CampTrading.Core.Market;
using CampTrading.Core.MarketMaker;
using CampTrading.Core.Trading;
using CampTrading.Core.ReadModels;
using CampTrading.Web.Exchange;
using CampTrading.Web.Identity.Staff;

namespace CampTrading.Web.MarketMaker;

/// <summary>
/// Runs the house market maker: every <see cref="MakerSettings.RefreshSeconds"/> (and at once after a staff change) it
/// reads the engine (its own open orders and holdings, straight from the engine between commands, so a restart resumes
/// from what really rests), asks <see cref="MakerQuoter"/> for a plan and submits it as ordinary CancelOrder/PlaceOrder
/// commands from the house account, cancels first. Staff settings and pause live in PostgreSQL
/// (<see cref="MarketMakerStore"/>, docs/decisions/0021-house-market-maker.md).
/// </summary>
public sealed class MarketMakerService(
    ExchangeService exchange,
    MarketMakerStore store,
    AuditLog audit,
    TimeProvider time,
    ILogger<MarketMakerService> logger) : BackgroundService
{
    public const string HouseAccountKey = "house:market-maker";
    public const string HouseAccountName = "house";
    public const string SelfActor = "market-maker";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SemaphoreSlim _wake = new(0, 1);
    private MarketMakerRecord? _record;

    public MarketMakerStatus Status { get; private set; } = MarketMakerStatus.Initial;

    /// <summary>Raised after every round (on the maker's thread).</summary>
    public event Action? Changed;

    public async Task<MarketMakerRecord> RecordAsync(CancellationToken ct = default) => _record ??= await store.GetAsync(ct);

    /// <summary>
    /// The maker makes a market in a camp stock's own book; a feed-priced instrument has no book (its orders fill against the
    /// feed dealer), so it is never quoted, even if settings saved before it was listed name it.
    /// </summary>
    public static bool QuotesOn(InstrumentView? instrument) => instrument is { Feed: null };

    /// <summary>Stores validated settings (opening the house account on first use); the caller audits.</summary>
    public async Task<MarketMakerRecord> SaveSettingsAsync(MakerSettings settings, string actor, CancellationToken ct = default)
    {
        if (settings.Problem is { } problem) throw new ArgumentException(problem, nameof(settings));
        if (!QuotesOn(exchange.Market.Instrument(settings.InstrumentId)))
            throw new ArgumentException("只能為營隊股票報價，外部報價商品由報價源定價。Only a camp stock can be quoted: a feed-priced instrument takes its price from the feed.", nameof(settings));
        return await ChangeAsync(r => r with { Settings = settings }, actor, ct);
    }

    /// <summary>Staff pause: every quote is cancelled on the next round (started at once).</summary>
    public Task<MarketMakerRecord> PauseAsync(string actor, CancellationToken ct = default) =>
        ChangeAsync(r => r with { PausedByStaff = true }, actor, ct);

    /// <summary>Staff resume: also clears a pause at the loss limit.</summary>
    public Task<MarketMakerRecord> ResumeAsync(string actor, CancellationToken ct = default) =>
        ChangeAsync(r => r with { PausedByStaff = false, PausedAtLimit = false, LimitReason = null }, actor, ct);

    /// <summary>
    /// Funds the house with a staff grant of points or shares of its stock (an ordinary ledgered <see cref="Grant"/>). Granted
    /// shares arrive at no cost, so they would count as a gain of their whole value: the day's baseline takes them in at the
    /// mark price (as if bought there), so only later price moves count as P&amp;L. The caller audits.
    /// </summary>
    public async Task<Acknowledgement> FundAsync(int asset, long amount, string actor, CancellationToken ct = default)
    {
        var house = await EnsureHouseAccountAsync(actor, ct);
        await _gate.WaitAsync(ct);
        try
        {
            var acknowledgement = await exchange.SubmitTrackedAsync(new Grant(house, asset, amount, "market maker funding", actor), ct);
            var record = await RecordAsync(ct);
            if (acknowledgement.Result.IsOk && asset != Assets.Points && record.DayNumber is not null)
            {
                var mark = await exchange.ReadEngineAsync(e => e.FindInstrument(asset)?.MarkPrice ?? 0, ct);
                record = record with { DayStart = record.DayStart with { Unrealized = record.DayStart.Unrealized + amount * mark } };
                await store.SaveAsync(record, actor, ct);
                _record = record;
            }
            return acknowledgement;
        }
        finally
        {
            _gate.Release();
            Wake();
        }
    }

    /// <summary>The house account's id, opening it (idempotently, by key) when needed.</summary>
    public async Task<int> EnsureHouseAccountAsync(string actor, CancellationToken ct = default)
    {
        var record = await ChangeAsync(r => r, actor, ct);
        return record.HouseAccountId!.Value;
    }

    private async Task<MarketMakerRecord> ChangeAsync(Func<MarketMakerRecord, MarketMakerRecord> change, string actor, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var record = change(await RecordAsync(ct));
            if (record.HouseAccountId is null)
            {
                var opened = await exchange.SubmitAsync(new OpenAccount(HouseAccountName, AccountKind.House, Key: HouseAccountKey), ct);
                if (!opened.IsOk) throw new InvalidOperationException($"The house account could not be opened: {RejectCodes.Code(opened.Code)}");
                record = record with { HouseAccountId = (int)opened.Id };
            }
            await store.SaveAsync(record, actor, ct);
            _record = record;
        }
        finally
        {
            _gate.Release();
        }
        Wake();
        return _record;
    }

    /// <summary>Starts a round now instead of at the next refresh.</summary>
    public void Wake()
    {
        try { _wake.Release(); }
        catch (SemaphoreFullException) { }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested && !exchange.IsReady)
            await Task.Delay(TimeSpan.FromMilliseconds(500), time, stoppingToken);

        while (!stoppingToken.IsCancellationRequested)
        {
            var every = TimeSpan.FromSeconds(MakerSettings.MinRefreshSeconds);
            try
            {
                await RunOnceAsync(stoppingToken);
                every = TimeSpan.FromSeconds(Math.Clamp((await RecordAsync(stoppingToken)).Settings.RefreshSeconds, MakerSettings.MinRefreshSeconds, MakerSettings.MaxRefreshSeconds));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // a failed round must never stop the host (an unhandled BackgroundService exception does): log it and try again
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Market maker round failed; retrying");
            }
#pragma warning restore CA1031
            await _wake.WaitAsync(every, stoppingToken);
        }
    }

    /// <summary>One round: read, plan, cancel, place. Public for tests.</summary>
    public async Task<MakerPlan?> RunOnceAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            return await RunLockedAsync(ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<MakerPlan?> RunLockedAsync(CancellationToken ct)
    {
        if (!exchange.IsReady) return null;
        var record = await RecordAsync(ct);
        var now = time.GetUtcNow();
        if (record.HouseAccountId is not { } house)
        {
            Publish(MarketMakerStatus.Initial with { Settings = record.Settings, LastRunAt = now });
            return null;
        }

        var settings = record.Settings;
        var snapshot = await exchange.ReadEngineAsync(e => EngineFacts.Read(e, house, settings.InstrumentId), ct);
        var view = exchange.Market.Instrument(settings.InstrumentId);

        // The day's P&L baseline: taken at the first round of each camp day.
        var day = CampDay(now);
        if (record.DayNumber != day)
        {
            record = record with { DayNumber = day, DayStart = snapshot.Pnl };
            await store.SaveAsync(record, SelfActor, ct);
            _record = record;
        }
        var pnlToday = snapshot.Pnl.Since(record.DayStart);

        var input = new MakerInput(settings, snapshot.Open && QuotesOn(view), record.PausedByStaff, record.PausedAtLimit,
            snapshot.MarkPrice, snapshot.BandLow, snapshot.BandHigh, view?.Bids ?? [], view?.Asks ?? [],
            snapshot.Points, snapshot.Shares, snapshot.Orders, pnlToday.Total);
        var plan = MakerQuoter.Plan(input);

        string? refusal = null;
        foreach (var orderId in snapshot.Stray.Concat(plan.Cancel))
        {
            var result = await exchange.SubmitAsync(new CancelOrder(house, orderId), ct);
            if (!result.IsOk && result.Code != RejectCode.OrderUnknown) refusal = RejectCodes.Code(result.Code);
            if (result.Code == RejectCode.RateLimited) break;
        }
        if (refusal is null)
        {
            foreach (var quote in plan.Place)
            {
                var result = await exchange.SubmitAsync(new PlaceOrder(house, settings.InstrumentId, quote.Side, OrderType.Limit, quote.Quantity, quote.Price) { Origin = OrderOrigin.House }, ct);
                if (result.IsOk) continue;
                refusal = RejectCodes.Code(result.Code);
                if (result.Code is RejectCode.RateLimited or RejectCode.DailyLimitReached or RejectCode.MarketClosed or RejectCode.MarketHalted) break;
            }
        }

        if (plan.HitLossLimit)
        {
            var reason = $"P&L {pnlToday.Total} ≤ −{settings.DailyLossLimit}";
            record = record with { PausedAtLimit = true, LimitReason = reason };
            await store.SaveAsync(record, SelfActor, ct);
            _record = record;
            await audit.WriteAsync(SelfActor, "market_maker.paused_at_limit", settings.InstrumentId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                new { pnl = pnlToday.Total, realized = pnlToday.Realized, unrealized = pnlToday.Unrealized, limit = settings.DailyLossLimit }, ct);
            logger.LogWarning("Market maker paused itself at its daily loss limit: {Reason}", reason);
        }

        Publish(new MarketMakerStatus(plan.State, house, settings, snapshot.Points, snapshot.Shares, pnlToday, plan.Desired.Count,
            record.LimitReason, refusal, now));
        return plan;
    }

    private int CampDay(DateTimeOffset now) =>
        (int)(TimeZoneInfo.ConvertTime(now, exchange.Market.TimeZone).Date.Ticks / TimeSpan.TicksPerDay);

    private void Publish(MarketMakerStatus status)
    {
        Status = status;
        Changed?.Invoke();
    }

    /// <summary>What one round needs from the engine, read between two commands so it is consistent and current.</summary>
    /// <param name="Stray">The house's orders on other stocks (left from a previous setting): cancelled.</param>
    private sealed record EngineFacts(bool Open, long MarkPrice, long BandLow, long BandHigh, long Points, long Shares, MakerPnl Pnl,
        IReadOnlyList<MakerOrder> Orders, IReadOnlyList<long> Stray)
    {
        public static EngineFacts Read(ExchangeEngine engine, int house, int instrumentId)
        {
            var account = engine.FindAccount(house);
            var all = engine.OpenOrdersOf(house);
            var stray = all.Where(o => o.InstrumentId != instrumentId).Select(o => o.Id).ToList();
            var instrument = engine.FindInstrument(instrumentId);
            if (account is null || instrument is null) return new(false, 0, 0, 0, 0, 0, default, [], stray);
            var orders = all.Where(o => o.InstrumentId == instrumentId)
                .Select(o => new MakerOrder(o.Id, o.Side, o.Price, o.Remaining)).ToList();
            var shares = account.Balance(instrumentId);
            var open = engine.Session == SessionState.Open && instrument.Tradable && !engine.IsSettled;
            return new(open, instrument.MarkPrice, instrument.BandLow(engine.Rules.BandPercent), instrument.BandHigh(engine.Rules.BandPercent),
                account.Balance(Assets.Points), shares, MakerPnl.Of(account.RealizedPnl, shares, account.CostBasisOf(instrumentId), instrument.MarkPrice), orders, stray);
        }
    }
}
