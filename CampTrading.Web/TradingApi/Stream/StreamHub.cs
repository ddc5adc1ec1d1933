using System.Text.Json;
using CampTrading.Core.ReadModels;
using CampTrading.Core.Trading;
using Microsoft.Extensions.Options;

namespace CampTrading.Web.TradingApi.Stream;

/// <summary>
/// The one fan-out point of the market-data stream. It takes the engine's batches from <see cref="StreamFeed"/> on its
/// own loop, keeps the top of each book with a contiguous per-instrument sequence number, serializes each message ONCE
/// and offers the same bytes to every subscriber's bounded queue (<see cref="StreamConnection.TryEnqueue"/> never
/// waits). Subscriptions, snapshots and fan-out share one lock, so a snapshot with sequence S is always followed on that
/// connection by update S+1. Private channels are indexed by account id. Every <see cref="StreamOptions.RecheckEvery"/>
/// the authenticated streams' tokens (revoked, expired, student disabled) and the API switch are checked again.
/// </summary>
public sealed class StreamHub(StreamFeed feed, MarketReadModel market, StreamMetrics metrics, ApiTokenDirectory tokens, ApiSwitch apiSwitch,
    IOptions<StreamOptions> options, IHostApplicationLifetime lifetime, ILogger<StreamHub> logger) : BackgroundService
{
    private static readonly CandleInterval[] Intervals = Enum.GetValues<CandleInterval>();

    private sealed class InstrumentState(int id, string symbol)
    {
        public int Id { get; } = id;
        public string Symbol { get; } = symbol;
        public FeedLevel[] Bids { get; set; } = [];
        public FeedLevel[] Asks { get; set; } = [];
        public long BookSeq { get; set; }
        public long TradeSeq { get; set; }
        public long LastPrice { get; set; }
        public long ReferencePrice { get; set; }
        public StreamMessage? Ticker { get; set; }
        public bool SkipNextBookUpdate { get; set; }
        public List<StreamConnection> TradeSubscribers { get; } = [];
        public List<StreamConnection> BookSubscribers { get; } = [];
        public List<StreamConnection> TickerSubscribers { get; } = [];
        public List<StreamConnection>[] CandleSubscribers { get; } = Intervals.Select(_ => new List<StreamConnection>()).ToArray();
    }

    private sealed class AccountState
    {
        public List<StreamConnection> Orders { get; } = [];
        public List<StreamConnection> Fills { get; } = [];
        public List<StreamConnection> Balances { get; } = [];
        public StreamMessage? Balance { get; set; }
        public bool IsEmpty => Orders.Count == 0 && Fills.Count == 0 && Balances.Count == 0;
    }

    private readonly object _gate = new();
    private readonly Dictionary<int, InstrumentState> _instruments = [];
    private readonly Dictionary<string, InstrumentState> _symbols = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<int, AccountState> _accounts = [];
    private readonly List<StreamConnection> _statusSubscribers = [];
    private readonly HashSet<StreamConnection> _connections = [];
    private readonly Dictionary<string, int> _perAddress = new(StringComparer.Ordinal);
    private readonly Dictionary<long, int> _perToken = [];
    private readonly Dictionary<int, int> _perAccount = [];
    private StreamMessage? _status;
    private StreamOptions Options => options.Value;

    // ---- connections ----

    /// <summary>Counts a new stream toward the limits; null when accepted, else why not.</summary>
    public string? TryOpen(StreamConnection connection)
    {
        lock (_gate)
        {
            if (_connections.Count >= Options.MaxConnections) return $"This server has its maximum of {Options.MaxConnections} open streams; try again later.";
            var fromAddress = _perAddress.GetValueOrDefault(connection.Address);
            if (fromAddress >= Options.MaxConnectionsPerAddress) return $"At most {Options.MaxConnectionsPerAddress} open streams from one address.";
            _perAddress[connection.Address] = fromAddress + 1;
            _connections.Add(connection);
            connection.Counted = true;
            connection.OnClosing = c => metrics.Closed(c.CloseReason);
        }
        metrics.Opened();
        return null;
    }

    /// <summary>Takes the stream's caller if the token's and student's stream limits allow; null when accepted, else why not.</summary>
    public string? TryAuthenticate(StreamConnection connection, ApiCaller caller, string presented)
    {
        lock (_gate)
        {
            if (connection.Caller is not null) return "This stream is already authenticated.";
            if (_perToken.GetValueOrDefault(caller.Token.Id) >= Options.MaxConnectionsPerToken)
                return $"At most {Options.MaxConnectionsPerToken} authenticated streams per token.";
            if (_perAccount.GetValueOrDefault(caller.AccountId) >= Options.MaxConnectionsPerStudent)
                return $"At most {Options.MaxConnectionsPerStudent} authenticated streams per student.";
            _perToken[caller.Token.Id] = _perToken.GetValueOrDefault(caller.Token.Id) + 1;
            _perAccount[caller.AccountId] = _perAccount.GetValueOrDefault(caller.AccountId) + 1;
            connection.Caller = caller;
            connection.PresentedToken = presented;
            return null;
        }
    }

    /// <summary>Forgets a stream that ended: its subscriptions and its place in the limits.</summary>
    public void Close(StreamConnection connection)
    {
        var removed = 0;
        lock (_gate)
        {
            if (!connection.Counted) return;
            connection.Counted = false;
            _connections.Remove(connection);
            Decrement(_perAddress, connection.Address);
            if (connection.Caller is { } caller)
            {
                Decrement(_perToken, caller.Token.Id);
                Decrement(_perAccount, caller.AccountId);
            }
            foreach (var name in connection.Channels)
                if (Parse(name) is { } channel && ListFor(channel, connection) is { } list && list.Remove(connection)) removed++;
            connection.Channels.Clear();
            if (connection.Caller is { } c && _accounts.TryGetValue(c.AccountId, out var account) && account.IsEmpty) _accounts.Remove(c.AccountId);
        }
        metrics.Subscribed(-removed);
        metrics.Ended();
    }

    private static void Decrement<TKey>(Dictionary<TKey, int> counts, TKey key) where TKey : notnull
    {
        if (counts.TryGetValue(key, out var n) && n > 1) counts[key] = n - 1;
        else counts.Remove(key);
    }

    // ---- client operations ----

    public void Subscribe(StreamConnection connection, long? id, IReadOnlyList<string> names)
    {
        var added = 0;
        lock (_gate)
        {
            var channels = new List<StreamChannel>();
            foreach (var name in names)
            {
                if (Parse(name) is not { } channel)
                {
                    connection.TryEnqueue(StreamMessage.Error(id, StreamCodes.ChannelUnknown, UnknownText(name)));
                    return;
                }
                if (channel.IsPrivate && connection.Caller is null)
                {
                    connection.TryEnqueue(StreamMessage.Error(id, StreamCodes.TokenRequired,
                        $"'{channel.Name}' is private: authenticate first (Authorization: Bearer on the upgrade, or {{\"op\":\"auth\",\"token\":\"ctk_…\"}})."));
                    return;
                }
                if (!channels.Exists(c => c.Name == channel.Name)) channels.Add(channel);
            }
            var fresh = channels.Count(c => !connection.Channels.Contains(c.Name));
            if (connection.Channels.Count + fresh > Options.MaxChannelsPerConnection)
            {
                connection.TryEnqueue(StreamMessage.Error(id, StreamCodes.TooManyChannels, $"At most {Options.MaxChannelsPerConnection} channels per connection."));
                return;
            }
            foreach (var channel in channels)
                if (connection.Channels.Add(channel.Name))
                {
                    ListFor(channel, connection, create: true)!.Add(connection);
                    added++;
                }
            if (!connection.TryEnqueue(StreamMessage.Reply("subscribed", id, channels.Select(c => c.Name)))) return;
            foreach (var channel in channels) SendCurrent(connection, channel);
        }
        metrics.Subscribed(added);
    }

    public void Unsubscribe(StreamConnection connection, long? id, IReadOnlyList<string> names)
    {
        var removed = 0;
        lock (_gate)
        {
            var channels = new List<StreamChannel>();
            foreach (var name in names)
            {
                if (Parse(name) is not { } channel)
                {
                    connection.TryEnqueue(StreamMessage.Error(id, StreamCodes.ChannelUnknown, UnknownText(name)));
                    return;
                }
                channels.Add(channel);
            }
            foreach (var channel in channels)
                if (connection.Channels.Remove(channel.Name) && ListFor(channel, connection)?.Remove(connection) == true) removed++;
            connection.TryEnqueue(StreamMessage.Reply("unsubscribed", id, channels.Select(c => c.Name).Distinct()));
        }
        metrics.Subscribed(-removed);
    }

    /// <summary>A fresh book snapshot on this connection (the resync after a gap), in order with the updates.</summary>
    public void Snapshot(StreamConnection connection, long? id, string? name)
    {
        lock (_gate)
        {
            if (Parse(name) is not { Kind: ChannelKind.Book } channel)
            {
                connection.TryEnqueue(StreamMessage.Error(id, StreamCodes.ChannelUnknown, "snapshot takes one book channel, such as \"book:CAMP\"."));
                return;
            }
            connection.TryEnqueue(BookMessage("book", _symbols[channel.Symbol!], _symbols[channel.Symbol!].Bids, _symbols[channel.Symbol!].Asks));
        }
    }

    /// <summary>Why these channels cannot be streamed without a token (unknown or private), or null when they all can.</summary>
    public string? CheckPublicChannels(IReadOnlyList<string> names)
    {
        lock (_gate)
            foreach (var name in names)
            {
                if (Parse(name) is not { } channel) return UnknownText(name);
                if (channel.IsPrivate) return $"'{channel.Name}' is private: use the WebSocket stream with a token.";
            }
        return null;
    }

    /// <summary>For tests of gap recovery: the next book update of this instrument is counted (its seq is used) but sent to nobody, as if lost.</summary>
    public void LoseNextBookUpdate(string symbol)
    {
        lock (_gate)
            if (_symbols.TryGetValue(symbol, out var state)) state.SkipNextBookUpdate = true;
    }

    private void SendCurrent(StreamConnection connection, StreamChannel channel)
    {
        switch (channel.Kind)
        {
            case ChannelKind.Book:
                var book = _symbols[channel.Symbol!];
                connection.TryEnqueue(BookMessage("book", book, book.Bids, book.Asks));
                break;
            case ChannelKind.Ticker:
                var state = _symbols[channel.Symbol!];
                state.Ticker = TickerMessage(state, DateTimeOffset.UtcNow);
                connection.TryEnqueue(state.Ticker);
                break;
            case ChannelKind.Status:
                _status ??= StatusMessage();
                connection.TryEnqueue(_status);
                break;
            case ChannelKind.Balances:
                var account = _accounts[connection.Caller!.AccountId];
                account.Balance = BalanceMessage(connection.Caller.AccountId);
                if (account.Balance is { } balance) connection.TryEnqueue(balance);
                break;
        }
    }

    private StreamChannel? Parse(string? name) =>
        StreamChannel.Parse(name, symbol => symbol.Length <= 16 && _symbols.TryGetValue(symbol, out var state) ? state.Symbol : null);

    private static string UnknownText(string? name) =>
        $"Unknown channel '{(name is { Length: > 40 } ? name[..40] + "…" : name)}'. Channels: trades:SYM, book:SYM, ticker:SYM, candles:SYM:1m|5m|1h|1d, status, orders, fills, balances.";

    private List<StreamConnection>? ListFor(StreamChannel channel, StreamConnection connection, bool create = false)
    {
        if (channel.IsPrivate)
        {
            if (connection.Caller is not { } caller) return null;
            if (!_accounts.TryGetValue(caller.AccountId, out var account))
            {
                if (!create) return null;
                _accounts[caller.AccountId] = account = new AccountState();
            }
            return channel.Kind switch { ChannelKind.Orders => account.Orders, ChannelKind.Fills => account.Fills, _ => account.Balances };
        }
        if (channel.Kind == ChannelKind.Status) return _statusSubscribers;
        var state = _symbols[channel.Symbol!];
        return channel.Kind switch
        {
            ChannelKind.Trades => state.TradeSubscribers,
            ChannelKind.Book => state.BookSubscribers,
            ChannelKind.Ticker => state.TickerSubscribers,
            _ => state.CandleSubscribers[(int)channel.Interval],
        };
    }

    // ---- the feed ----

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var stopping = lifetime.ApplicationStopping.Register(() => CloseAll(StreamClose.GoingAway, StreamClose.ShuttingDown));
        var rechecking = RecheckAsync(stoppingToken);
        try
        {
            await foreach (var batch in feed.Batches.ReadAllAsync(stoppingToken))
            {
                try
                {
                    Apply(batch);
                }
                catch (Exception ex)
                {
                    logger.LogError(ex, "The stream hub failed on the batch up to seq {Seq}", batch.Seq);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        CloseAll(StreamClose.GoingAway, StreamClose.ShuttingDown);
        await rechecking;
    }

    private void CloseAll(int code, string reason)
    {
        StreamConnection[] all;
        lock (_gate) all = [.. _connections];
        foreach (var connection in all) connection.Close(code, reason);
    }

    internal void Apply(FeedBatch batch)
    {
        lock (_gate)
        {
            foreach (var book in batch.Books) ApplyBook(book);
            var tradedInstruments = new HashSet<int>();
            foreach (var trade in batch.Trades)
            {
                if (!_instruments.TryGetValue(trade.InstrumentId, out var state)) continue;
                tradedInstruments.Add(trade.InstrumentId);
                state.TradeSeq++;
                if (state.TradeSubscribers.Count > 0) Fanout(state.TradeSubscribers, TradeMessage(state, trade));
            }
            foreach (var id in tradedInstruments) SendCandles(_instruments[id], batch.Trades.First(t => t.InstrumentId == id).Time);

            if (batch.StatusChanged)
            {
                var status = StatusMessage();
                if (!Same(status, _status))
                {
                    _status = status;
                    Fanout(_statusSubscribers, status);
                }
            }
            foreach (var state in _instruments.Values)
            {
                if (!batch.StatusChanged && !tradedInstruments.Contains(state.Id) && !Array.Exists(batch.Books, b => b.InstrumentId == state.Id)) continue;
                if (state.TickerSubscribers.Count == 0)
                {
                    state.Ticker = null; // built again when someone subscribes
                    continue;
                }
                var ticker = TickerMessage(state, batch.Time);
                if (Same(ticker, state.Ticker)) continue;
                state.Ticker = ticker;
                Fanout(state.TickerSubscribers, ticker);
            }

            if (_accounts.Count > 0) ApplyPrivate(batch);
        }
    }

    private void ApplyBook(FeedBook book)
    {
        if (!_instruments.TryGetValue(book.InstrumentId, out var state))
        {
            _instruments[book.InstrumentId] = state = new InstrumentState(book.InstrumentId, book.Symbol);
            _symbols[book.Symbol] = state;
        }
        state.LastPrice = book.LastPrice;
        state.ReferencePrice = book.ReferencePrice;
        var bids = Diff(state.Bids, book.Bids);
        var asks = Diff(state.Asks, book.Asks);
        state.Bids = book.Bids;
        state.Asks = book.Asks;
        if (bids.Count == 0 && asks.Count == 0) return;
        state.BookSeq++;
        if (state.SkipNextBookUpdate)
        {
            state.SkipNextBookUpdate = false;
            return;
        }
        if (state.BookSubscribers.Count > 0) Fanout(state.BookSubscribers, BookMessage("bookUpdate", state, bids, asks));
    }

    /// <summary>The levels that differ: [price, new total] for new or changed ones, [price, 0] for those gone from the top.</summary>
    private static List<FeedLevel> Diff(FeedLevel[] before, FeedLevel[] after)
    {
        var changes = new List<FeedLevel>();
        foreach (var level in after)
            if (!Array.Exists(before, b => b == level)) changes.Add(level);
        foreach (var level in before)
            if (!Array.Exists(after, a => a.Price == level.Price)) changes.Add(new FeedLevel(level.Price, 0));
        return changes;
    }

    private void SendCandles(InstrumentState state, DateTimeOffset firstTrade)
    {
        foreach (var interval in Intervals)
        {
            var subscribers = state.CandleSubscribers[(int)interval];
            if (subscribers.Count == 0) continue;
            var channel = $"candles:{state.Symbol}:{StreamChannel.IntervalText(interval)}";
            foreach (var candle in market.Candles(state.Id, interval, firstTrade))
                Fanout(subscribers, StreamMessage.Write("candle", json =>
                {
                    json.WriteString("channel", channel);
                    json.WriteString("start", candle.Start);
                    json.WriteNumber("open", candle.Open);
                    json.WriteNumber("high", candle.High);
                    json.WriteNumber("low", candle.Low);
                    json.WriteNumber("close", candle.Close);
                    json.WriteNumber("volume", candle.Volume);
                }));
        }
    }

    private void ApplyPrivate(FeedBatch batch)
    {
        foreach (var order in batch.Orders)
        {
            if (!_accounts.TryGetValue(order.AccountId, out var account) || account.Orders.Count == 0) continue;
            Fanout(account.Orders, StreamMessage.Write("order", json =>
            {
                json.WriteString("channel", "orders");
                json.WriteNumber("orderId", order.OrderId);
                json.WriteString("symbol", SymbolOf(order.InstrumentId));
                json.WriteString("side", PublicMarketEndpoints.SideText(order.Side));
                json.WriteNumber("price", order.Price);
                json.WriteNumber("quantity", order.Quantity);
                json.WriteNumber("filled", order.Quantity - order.Remaining);
                json.WriteNumber("remaining", order.Status == "open" ? order.Remaining : 0);
                json.WriteString("status", order.Status);
                if (order.CancelReason == CancelReason.None) json.WriteNull("cancelReason");
                else json.WriteString("cancelReason", PrivateEndpoints.Snake(order.CancelReason.ToString()));
            }));
        }
        foreach (var trade in batch.Trades)
        {
            Fill(trade, trade.BuyerId, Side.Buy);
            Fill(trade, trade.SellerId, Side.Sell);
        }
        foreach (var id in batch.Accounts)
        {
            if (!_accounts.TryGetValue(id, out var account) || account.Balances.Count == 0) continue;
            var balance = BalanceMessage(id);
            if (balance is null || Same(balance, account.Balance)) continue;
            account.Balance = balance;
            Fanout(account.Balances, balance);
        }
    }

    private void Fill(TradeView trade, int accountId, Side side)
    {
        if (!_accounts.TryGetValue(accountId, out var account) || account.Fills.Count == 0) return;
        Fanout(account.Fills, StreamMessage.Write("fill", json =>
        {
            json.WriteString("channel", "fills");
            json.WriteNumber("tradeId", trade.Id);
            json.WriteNumber("orderId", side == Side.Buy ? trade.BuyOrderId : trade.SellOrderId);
            json.WriteString("symbol", SymbolOf(trade.InstrumentId));
            json.WriteString("side", PublicMarketEndpoints.SideText(side));
            json.WriteNumber("price", trade.Price);
            json.WriteNumber("quantity", trade.Quantity);
            json.WriteString("time", trade.Time);
        }));
    }

    private string SymbolOf(int instrumentId) => _instruments.TryGetValue(instrumentId, out var s) ? s.Symbol : "#" + instrumentId;

    private static void Fanout(List<StreamConnection> subscribers, StreamMessage message)
    {
        foreach (var connection in subscribers) connection.TryEnqueue(message);
    }

    private static bool Same(StreamMessage a, StreamMessage? b) => b is not null && a.Utf8.Span.SequenceEqual(b.Utf8.Span);

    // ---- messages ----

    private static StreamMessage BookMessage(string type, InstrumentState state, IReadOnlyList<FeedLevel> bids, IReadOnlyList<FeedLevel> asks) =>
        StreamMessage.Write(type, json =>
        {
            json.WriteString("channel", "book:" + state.Symbol);
            json.WriteNumber("seq", state.BookSeq);
            Levels(json, "bids", bids);
            Levels(json, "asks", asks);
        });

    private static void Levels(Utf8JsonWriter json, string name, IReadOnlyList<FeedLevel> levels)
    {
        json.WriteStartArray(name);
        foreach (var level in levels)
        {
            json.WriteStartArray();
            json.WriteNumberValue(level.Price);
            json.WriteNumberValue(level.Quantity);
            json.WriteEndArray();
        }
        json.WriteEndArray();
    }

    private static StreamMessage TradeMessage(InstrumentState state, TradeView trade) => StreamMessage.Write("trade", json =>
    {
        json.WriteString("channel", "trades:" + state.Symbol);
        json.WriteNumber("seq", state.TradeSeq);
        json.WriteNumber("id", trade.Id);
        json.WriteString("time", trade.Time);
        json.WriteNumber("price", trade.Price);
        json.WriteNumber("quantity", trade.Quantity);
        json.WriteString("takerSide", PublicMarketEndpoints.SideText(trade.TakerSide));
    });

    private StreamMessage TickerMessage(InstrumentState state, DateTimeOffset now)
    {
        var days = market.Candles(state.Id, CandleInterval.OneDay, now);
        var volume = days.Count > 0 ? days[^1].Volume : 0;
        var session = PublicMarketEndpoints.SessionText(market.Status.Session);
        return StreamMessage.Write("ticker", json =>
        {
            json.WriteString("channel", "ticker:" + state.Symbol);
            json.WriteNumber("lastPrice", state.LastPrice);
            json.WriteNumber("referencePrice", state.ReferencePrice);
            if (state.Bids.Length > 0) json.WriteNumber("bestBid", state.Bids[0].Price);
            else json.WriteNull("bestBid");
            if (state.Asks.Length > 0) json.WriteNumber("bestAsk", state.Asks[0].Price);
            else json.WriteNull("bestAsk");
            json.WriteNumber("dayVolume", volume);
            json.WriteString("session", session);
        });
    }

    private StreamMessage StatusMessage()
    {
        var status = market.Status;
        return StreamMessage.Write("status", json =>
        {
            json.WriteString("channel", "status");
            json.WriteString("session", PublicMarketEndpoints.SessionText(status.Session));
            if (status.NextChangeAt is { } next) json.WriteString("nextChangeAt", next);
            else json.WriteNull("nextChangeAt");
        });
    }

    private StreamMessage? BalanceMessage(int accountId)
    {
        if (market.Account(accountId) is not { } a) return null;
        return StreamMessage.Write("balance", json =>
        {
            json.WriteString("channel", "balances");
            json.WriteNumber("points", a.Points);
            json.WriteNumber("reservedPoints", a.ReservedPoints);
            json.WriteNumber("availablePoints", a.AvailablePoints);
            json.WriteNumber("debt", a.Debt);
            json.WriteStartArray("holdings");
            foreach (var h in a.Holdings)
            {
                json.WriteStartObject();
                json.WriteString("symbol", h.Symbol);
                json.WriteNumber("shares", h.Shares);
                json.WriteNumber("reserved", h.Reserved);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        });
    }

    // ---- re-checking tokens and the switch ----

    private async Task RecheckAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Options.RecheckEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await RecheckOnceAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning("Stream tokens not re-checked this time: {Error}", ex.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RecheckOnceAsync(CancellationToken cancellationToken)
    {
        StreamConnection[] all;
        lock (_gate) all = [.. _connections];
        if (all.Length == 0) return;
        if (!await apiSwitch.IsEnabledAsync(cancellationToken))
        {
            foreach (var connection in all)
                connection.Close(StreamClose.Unauthorized, connection.Caller is null ? StreamClose.ApiDisabled : StreamClose.TokenRevoked);
            return;
        }
        foreach (var group in all.Where(c => c.Caller is not null && !c.IsClosing).GroupBy(c => c.PresentedToken!, StringComparer.Ordinal))
        {
            var (caller, _) = await tokens.AuthenticateAsync(group.Key, cancellationToken, countUsage: false);
            if (caller is not null) continue;
            foreach (var connection in group) connection.Close(StreamClose.Unauthorized, StreamClose.TokenRevoked);
        }
    }
}
