using CampTrading.Core.Accounts;
using CampTrading.Core.Feeds;
using CampTrading.Core.Market;
using CampTrading.Core.Trading;

namespace CampTrading.Core.Engine;

/// <summary>
/// The whole mutable state of the exchange and the rules that change it. Single-threaded by
/// design: only the sequencer calls <see cref="Apply"/>, one command at a time. It never reads
/// the clock or a random source; both arrive with the command, so replay is deterministic.
/// </summary>
public sealed partial class ExchangeEngine
{
    private Account?[] _accounts = new Account?[SystemAccounts.FirstUserAccount * 2];
    private readonly List<Instrument> _instruments = [];
    private readonly OrderIndex _orders = new();
    private readonly Dictionary<string, int> _symbols = new(StringComparer.OrdinalIgnoreCase);
    private readonly Stack<Order> _orderPool = new();
    private readonly MarketClock _clock = new();
    private TradingRules _rules = new();
    private readonly TimeZoneInfo _timeZone;

    private int _nextAccountId = SystemAccounts.FirstUserAccount;
    private long _nextOrderId = 1;
    private long _nextTradeId = 1;
    private long _seq;
    private long _time;
    private long _nextBoundary = long.MinValue;
    private long _dayStart = long.MaxValue;
    private long _dayEnd = long.MinValue;
    private int _day;
    private bool _awaitingOpen = true;

    public ExchangeEngine(EngineSettings? settings = null)
    {
        Settings = settings ?? new EngineSettings();
        _timeZone = TimeZoneInfo.FindSystemTimeZoneById(Settings.TimeZoneId);
        foreach (var (id, name) in SystemAccounts.Names) CreateAccount(id, name, AccountKind.System);
    }

    public EngineSettings Settings { get; }
    public TradingRules Rules
    {
        get => _rules;
        private set
        {
            _rules = value;
            _clock.PreOpenTicks = value.PreOpenMinutes * TimeSpan.TicksPerMinute;
        }
    }
    public EventBuffer Events { get; } = new();
    public SessionState Session { get; private set; } = SessionState.Closed;
    public MarketOverride Override => _clock.Override;
    public IReadOnlyList<SessionInterval> Schedule => _clock.Intervals;
    public TimeZoneInfo TimeZone => _timeZone;

    /// <summary>Sequence number of the last applied command.</summary>
    public long LastSeq => _seq;
    public long LastTime => _time;
    public int AccountCount => _nextAccountId - SystemAccounts.FirstUserAccount;
    public int OpenOrderCount => _orders.Count;
    public IReadOnlyList<Instrument> Instruments => _instruments;

    /// <summary>When the sequencer must send a <see cref="Tick"/> for a scheduled session change.</summary>
    public long NextWakeUp => Math.Min(Math.Min(_nextBoundary, _nextDuelExpiry), _nextFeedStale);

    public Account? FindAccount(int id) => (uint)id < (uint)_accounts.Length ? _accounts[id] : null;
    public Instrument? FindInstrument(int id) => id >= 1 && id <= _instruments.Count ? _instruments[id - 1] : null;
    public Instrument? FindInstrument(string symbol) => _symbols.TryGetValue(symbol, out var id) ? FindInstrument(id) : null;

    public IEnumerable<Account> Accounts()
    {
        foreach (var account in _accounts)
            if (account is not null) yield return account;
    }

    /// <summary>Applies one stamped command and returns its result; events go to <see cref="Events"/>.</summary>
    public CommandResult Apply(long seq, long utcTicks, Command command)
    {
        _seq = seq;
        if (utcTicks > _time) _time = utcTicks; // time never runs backwards inside the engine
        if (_time >= _nextBoundary) CatchUpSessions();
        if (_time >= _nextDuelExpiry) ExpireDuels();
        if (_time >= _nextFeedStale) MarkStaleFeeds();

        try
        {
            return DispatchOnce(command);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or ArithmeticException or NullReferenceException or IndexOutOfRangeException or KeyNotFoundException)
        {
            // A bug must not become a poison command: the journal already holds it, so throwing would
            // fail every restart too. Replay fails the same way at the same point, so state stays
            // deterministic; the fault is counted and reported by the sequencer's health.
            Faults++;
            LastFault = $"seq {seq} {command.GetType().Name}: {ex.Message}";
            return CommandResult.Reject(RejectCode.InvalidCommand);
        }
    }

    /// <summary>Commands that threw inside the engine (a bug). Always 0 in a healthy exchange.</summary>
    public int Faults { get; private set; }
    public string? LastFault { get; private set; }

    private CommandResult Dispatch(Command command)
    {
        return command switch
        {
            PlaceOrder c => Place(c),
            CancelOrder c => Cancel(c.AccountId, c.OrderId, CancelReason.ByOwner),
            Grant c => ApplyGrant(c),
            OpenAccount c => Open(c),
            ListInstrument c => List(c),
            WithdrawIpo c => WithdrawIpo(c),
            SetIpoOffer c => ApplySetIpoOffer(c),
            SetMarketOverride c => SetOverride(c),
            SetSchedule c => SetSchedule(c),
            SetTradingRules c => SetRules(c),
            Transfer c => ApplyTransfer(c),
            GrantToGroup c => ApplyGrantToGroup(c),
            RecordDebt c => ApplyRecordDebt(c),
            ClearDebt c => ApplyClearDebt(c),
            SetRestrictions c => ApplySetRestrictions(c),
            SetTeam c => ApplySetTeam(c),
            CreateQrCodes c => ApplyCreateQrCodes(c),
            RedeemQr c => ApplyRedeemQr(c),
            VoidQr c => ApplyVoidQr(c),
            CreateBooth c => ApplyCreateBooth(c),
            ResetBoothSecret c => ApplyResetBoothSecret(c),
            AwardBooth c => ApplyAwardBooth(c),
            RegisterArcadeMachine c => ApplyRegisterArcadeMachine(c),
            RevokeArcadeMachine c => ApplyRevokeArcadeMachine(c),
            ArcadeTransaction c => ApplyArcadeTransaction(c),
            CreateDuel c => ApplyCreateDuel(c),
            AcceptDuel c => ApplyAcceptDuel(c),
            ChooseDuel c => ApplyChooseDuel(c),
            CancelDuel c => ApplyCancelDuel(c),
            Settle c => ApplySettle(c),
            ListFeedInstrument c => ApplyListFeedInstrument(c),
            ConfigureFeedInstrument c => ApplyConfigureFeedInstrument(c),
            FeedPrice c => ApplyFeedPrice(c),
            SetFeedControl c => ApplySetFeedControl(c),
            Tick => CommandResult.Ok(),
            _ => CommandResult.Reject(RejectCode.InvalidCommand),
        };
    }

    private CommandResult Open(OpenAccount c)
    {
        if (string.IsNullOrWhiteSpace(c.Name) || c.Kind == AccountKind.System || c.Key is { Length: 0 or > OpenAccount.MaxKeyLength })
            return CommandResult.Reject(RejectCode.InvalidCommand);
        if (c.Key is not null && _accountsByKey.TryGetValue(c.Key, out var existing)) return CommandResult.Ok(existing);
        var account = CreateAccount(_nextAccountId++, c.Name.Trim(), c.Kind);
        if (c.Key is not null) _accountsByKey.Add(c.Key, account.Id);
        account.Team = string.IsNullOrWhiteSpace(c.Team) ? null : c.Team.Trim();
        ref var e = ref NewEvent(EventKind.AccountOpened);
        e.Account = account.Id;
        return CommandResult.Ok(account.Id);
    }

    private Account CreateAccount(int id, string name, AccountKind kind)
    {
        if (id >= _accounts.Length) Array.Resize(ref _accounts, Math.Max(id + 1, _accounts.Length * 2));
        var account = new Account(id, name, kind, _instruments.Count + 1);
        _accounts[id] = account;
        return account;
    }

    private CommandResult List(ListInstrument c)
    {
        var symbol = c.Symbol?.Trim().ToUpperInvariant() ?? "";
        if (symbol.Length is 0 or > 12 || string.IsNullOrWhiteSpace(c.Name) || c.IpoPrice is <= 0 or > ListInstrument.MaxIpoPrice || c.IpoShares is < 0 or > Supply.MaxShares)
            return CommandResult.Reject(RejectCode.InvalidCommand);
        if (_symbols.ContainsKey(symbol)) return CommandResult.Reject(RejectCode.SymbolTaken);
        if (!CanMintShares(c.IpoShares)) return CommandResult.Reject(RejectCode.SupplyLimitReached, Supply.MaxShares);

        var instrument = new Instrument(_instruments.Count + 1, symbol, c.Name.Trim(), c.IpoPrice, c.IpoShares);
        _instruments.Add(instrument);
        _symbols[symbol] = instrument.Id;
        ref var e = ref NewEvent(EventKind.InstrumentListed);
        e.Asset = instrument.Id;
        e.Price = c.IpoPrice;
        e.Quantity = c.IpoShares;

        if (c.IpoShares > 0)
        {
            var treasury = _accounts[SystemAccounts.Treasury]!;
            Move(_accounts[SystemAccounts.Issuance]!, treasury, instrument.Id, c.IpoShares, LedgerKind.Issue, instrument.Id);
            if (c.IpoInOpeningAuction) KeepPoolForAuction(instrument, c.IpoShares);
            else instrument.IpoOrderId = Rest(treasury, instrument, Side.Sell, c.IpoPrice, c.IpoShares, c.IpoShares).Id;
        }
        return CommandResult.Ok(instrument.Id);
    }

    private CommandResult WithdrawIpo(WithdrawIpo c)
    {
        var instrument = FindInstrument(c.InstrumentId);
        if (instrument is null) return CommandResult.Reject(RejectCode.InstrumentUnknown);
        if (instrument.IpoAuctionShares > 0) return WithdrawAuctionPool(instrument);
        if (instrument.IpoOrderId == 0 || !_orders.ContainsKey(instrument.IpoOrderId)) return CommandResult.Reject(RejectCode.OrderUnknown);
        return Cancel(SystemAccounts.Treasury, instrument.IpoOrderId, CancelReason.ByStaff);
    }

    private CommandResult SetRules(SetTradingRules c)
    {
        if (!c.Rules.IsValid) return CommandResult.Reject(RejectCode.InvalidRules);
        var preOpenChanged = c.Rules.PreOpenMinutes != Rules.PreOpenMinutes;
        Rules = c.Rules;
        NewEvent(EventKind.RulesChanged);
        foreach (var instrument in _instruments) PurgeOutsideBand(instrument);
        if (preOpenChanged) AdvanceSession();
        return CommandResult.Ok();
    }

    private ref EngineEvent NewEvent(EventKind kind)
    {
        ref var e = ref Events.Add();
        e.Seq = _seq;
        e.Time = _time;
        e.Kind = kind;
        return ref e;
    }

    /// <summary>
    /// The camp-local day number of the engine's time (for daily limits and "bot today"); engine thread only. Before any
    /// dated command (time at the start of the calendar) there is no camp day yet: 0.
    /// </summary>
    public int Today => _time < MinDatedTicks ? 0 : CurrentDay();

    private const long MinDatedTicks = 2 * TimeSpan.TicksPerDay;

    /// <summary>The camp-local day number of the current time (for daily limits).</summary>
    private int CurrentDay()
    {
        if (_time >= _dayStart && _time < _dayEnd) return _day;
        var local = TimeZoneInfo.ConvertTime(new DateTimeOffset(_time, TimeSpan.Zero), _timeZone);
        var midnight = new DateTimeOffset(local.Date, local.Offset);
        _dayStart = midnight.UtcTicks;
        _dayEnd = midnight.AddDays(1).UtcTicks;
        _day = (int)(local.Date.Ticks / TimeSpan.TicksPerDay);
        return _day;
    }
}
