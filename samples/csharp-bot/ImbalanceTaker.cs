using System.Globalization;
using System.Text.Json;

namespace SampleBot;

/// <summary>
/// The strategy: an order-book imbalance taker. Add up the shares waiting on the best few price levels of each side.
/// When buyers wait for much more than sellers offer (bids ≥ ratio × asks), the price is likely to rise: buy at the best
/// ask. When sellers offer much more than buyers want, sell at the best bid. Every order is immediate-or-cancel, so the
/// bot never leaves an order in the book; it trades at most once per cooldown and never beyond its points and shares.
/// </summary>
public sealed class ImbalanceTaker(BotOptions options, TradingApi api)
{
    private readonly OrderBook _book = new();
    private readonly string _runId = DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
    private long _points;
    private long _shares;
    private DateTime _nextTradeAt = DateTime.MinValue;

    public int OrdersPlaced { get; private set; }

    public bool Done => OrdersPlaced >= options.MaxOrders;

    public void SetBalance(long availablePoints, long availableShares) => (_points, _shares) = (availablePoints, availableShares);

    /// <summary>Handles one stream message; may ask for a snapshot after a gap in the book.</summary>
    public async Task OnMessageAsync(JsonElement message, MarketStream stream, CancellationToken ct)
    {
        switch (message.GetProperty("type").GetString())
        {
            case "book":
                _book.ApplySnapshot(message);
                break;
            case "bookUpdate":
                if (!_book.ApplyUpdate(message))
                {
                    Program.Log($"book gap before seq {message.GetProperty("seq").GetInt64()}: asking for a snapshot");
                    await stream.RequestSnapshotAsync("book:" + options.Symbol, ct);
                }
                break;
            case "trade":
                Program.Log($"trade {message.GetProperty("quantity").GetInt64()} @ {message.GetProperty("price").GetInt64()} ({message.GetProperty("takerSide").GetString()} taker)");
                break;
            case "fill":
                Program.Log($"fill: {(message.GetProperty("side").GetString() == "buy" ? "bought" : "sold")} {message.GetProperty("quantity").GetInt64()} " +
                    $"{message.GetProperty("symbol").GetString()} @ {message.GetProperty("price").GetInt64()} (order {message.GetProperty("orderId").GetInt64()})");
                break;
            case "balance":
                SetBalance(message.GetProperty("availablePoints").GetInt64(), AvailableShares(message.GetProperty("holdings")));
                break;
            case "subscribed":
                Program.Log("subscribed to " + string.Join(", ", message.GetProperty("channels").EnumerateArray().Select(c => c.GetString())));
                break;
            case "error":
                var code = message.GetProperty("code").GetString();
                Program.Log($"stream error: {code} {(message.TryGetProperty("message", out var text) ? text.GetString() : "")}");
                if (code is "token_invalid" or "token_required" or "channel_unknown") throw new ApiException(401, code, "the stream refused us");
                break;
        }
    }

    /// <summary>Trades when the book leans far enough to one side (and the cooldown is over).</summary>
    public async Task DecideAsync(CancellationToken ct)
    {
        if (!_book.IsValid || Done || DateTime.UtcNow < _nextTradeAt) return;
        var bids = _book.BidVolume(options.Depth);
        var asks = _book.AskVolume(options.Depth);
        if (_book.BestAsk is { } ask && asks > 0 && bids >= options.Ratio * asks)
        {
            var quantity = Math.Min(options.Size, _points / ask);
            if (quantity > 0) await TradeAsync("buy", quantity, ask, $"bids {bids} vs asks {asks}", ct);
        }
        else if (_book.BestBid is { } bid && bids > 0 && asks >= options.Ratio * bids)
        {
            var quantity = Math.Min(options.Size, _shares);
            if (quantity > 0) await TradeAsync("sell", quantity, bid, $"asks {asks} vs bids {bids}", ct);
        }
    }

    private async Task TradeAsync(string side, long quantity, long price, string why, CancellationToken ct)
    {
        _nextTradeAt = DateTime.UtcNow + options.Cooldown;
        OrdersPlaced++;
        var clientOrderId = $"csbot-{_runId}-{OrdersPlaced}";
        try
        {
            var result = await api.PlaceIocAsync(options.Symbol, side, quantity, price, clientOrderId, ct);
            var filled = result.GetProperty("filled").GetInt64();
            Program.Log($"{side} {quantity} {options.Symbol} @ {price} ({why}): order {result.GetProperty("orderId").GetInt64()} " +
                $"{result.GetProperty("status").GetString()}, filled {filled}");
            // Until the next balance message, count what we just spent or sold.
            if (side == "buy") _points -= result.GetProperty("filledValue").GetInt64();
            else _shares -= filled;
        }
        catch (ApiException ex) when (ex.Status is 400 or 404 or 409 or 422 or 429)
        {
            // The market moved, is closed, we lack points or shares, or still too many requests: say so and carry on.
            Program.Log($"order refused: {side} {quantity} @ {price}: {ex.Code}");
        }
    }

    /// <summary>Shares of our symbol we may sell: held minus reserved by open sell orders.</summary>
    public long AvailableShares(JsonElement holdings)
    {
        foreach (var holding in holdings.EnumerateArray())
            if (string.Equals(holding.GetProperty("symbol").GetString(), options.Symbol, StringComparison.OrdinalIgnoreCase))
                return holding.GetProperty("shares").GetInt64() - holding.GetProperty("reserved").GetInt64();
        return 0;
    }
}
