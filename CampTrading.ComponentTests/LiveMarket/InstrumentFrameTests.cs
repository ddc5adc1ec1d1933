using System.Text.Json;
using CampTrading.ComponentTests.Points;
using CampTrading.Core.Engine;
using CampTrading.Core.Market;
using CampTrading.Core.Trading;
using CampTrading.Web.LiveMarket;

namespace CampTrading.ComponentTests.LiveMarket;

/// <summary>What every phone on a trade page is sent of an instrument: the frame's content, from a real engine.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Disposed in DisposeAsync.")]
public sealed class InstrumentFrameTests : IAsyncLifetime
{
    private readonly TestMarket _market = new();
    private int _camp;
    private int _ann;
    private int _bob;

    public async Task InitializeAsync()
    {
        _camp = (int)(await _market.SubmitAsync(new ListInstrument("CAMP", "Camp Stock"))).Id;
        await _market.SubmitAsync(new SetMarketOverride(MarketOverride.ForceOpen, "test"));
        _ann = await _market.StudentAsync("Ann", null, 100_000);
        _bob = await _market.StudentAsync("Bob", null, 100_000);
        await _market.SubmitAsync(new PlaceOrder(_ann, _camp, Side.Buy, OrderType.Market, 1_300)); // from the IPO's ask at 20
    }

    public async Task DisposeAsync() => await _market.DisposeAsync();

    private JsonElement Frame()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer)) InstrumentFrame.Write(json, _market.Market, _market.Market.Instrument(_camp)!);
        return JsonDocument.Parse(buffer.WrittenMemory).RootElement;
    }

    private static string[] Column(JsonElement rows, int column) =>
        rows.EnumerateArray().Select(r => r[column].ValueKind == JsonValueKind.Number ? r[column].GetRawText() : r[column].GetString()!).ToArray();

    [Fact]
    public async Task The_book_lists_each_side_best_first_with_quantities_orders_and_log_depth()
    {
        await _market.SubmitAsync(new PlaceOrder(_ann, _camp, Side.Sell, OrderType.Limit, 1_200, Price: 22));
        await _market.SubmitAsync(new PlaceOrder(_ann, _camp, Side.Sell, OrderType.Limit, 5, Price: 21));
        await _market.SubmitAsync(new PlaceOrder(_bob, _camp, Side.Buy, OrderType.Limit, 30, Price: 18));
        await _market.SubmitAsync(new PlaceOrder(_bob, _camp, Side.Buy, OrderType.Limit, 7, Price: 19));

        var book = Frame().GetProperty("b");

        Assert.Equal(["19", "18"], Column(book.GetProperty("bids"), 0));
        Assert.Equal(["20", "21", "22"], Column(book.GetProperty("asks"), 0)); // the IPO's standing ask at 20 is the best
        var bigAsk = book.GetProperty("asks")[2];
        Assert.Equal("1,200", bigAsk[2].GetString());
        Assert.Equal(1, bigAsk[3].GetInt32());
        Assert.Equal("1", book.GetProperty("spread").GetString()); // 20 − 19
        Assert.Equal("20", book.GetProperty("mark").GetString());
        Assert.Equal("24.5%", BookDepth.Of(5, 1_500)); // a log scale: a small order is not flattened to nothing
        Assert.Equal("100%", BookDepth.Of(1_500, 1_500));
    }

    [Fact]
    public void An_empty_side_and_a_book_without_both_sides_have_no_spread()
    {
        var book = Frame().GetProperty("b");

        Assert.Empty(book.GetProperty("bids").EnumerateArray());
        Assert.False(book.TryGetProperty("spread", out _));
    }

    [Fact]
    public async Task The_tape_is_newest_first_coloured_by_the_side_that_took_and_names_nobody()
    {
        await _market.SubmitAsync(new PlaceOrder(_bob, _camp, Side.Buy, OrderType.Limit, 4, Price: 19));
        await _market.SubmitAsync(new PlaceOrder(_ann, _camp, Side.Sell, OrderType.Market, 4)); // a seller hits Bob's bid

        var frame = Frame();
        var tape = frame.GetProperty("t");

        var ids = Column(tape, 0).Select(long.Parse).ToArray();
        Assert.Equal(ids.OrderDescending(), ids);
        Assert.Equal(["19", "20"], Column(tape, 2));
        Assert.Equal(["down", "up"], Column(tape, 3)); // a seller hit a bid: green; a buyer took an ask: red
        Assert.Equal(["4", "1,300"], Column(tape, 4));
        Assert.Matches(@"^\d\d:\d\d:\d\d$", tape[0][1].GetString()!);
        var text = frame.GetRawText();
        Assert.DoesNotContain("Ann", text, StringComparison.Ordinal);
        Assert.DoesNotContain($"\"{_bob}\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_header_shows_the_last_price_against_the_reference_and_the_chart_its_current_candles()
    {
        await _market.SubmitAsync(new PlaceOrder(_bob, _camp, Side.Buy, OrderType.Limit, 4, Price: 19));
        await _market.SubmitAsync(new PlaceOrder(_ann, _camp, Side.Sell, OrderType.Market, 4));

        var frame = Frame();

        var header = frame.GetProperty("h");
        Assert.Equal("19", header.GetProperty("last").GetString());
        Assert.Equal("−1 (−5.00%)", header.GetProperty("change").GetString());
        Assert.Equal("down", header.GetProperty("trend").GetString());
        var minute = frame.GetProperty("c").GetProperty("OneMinute");
        Assert.InRange(minute.GetArrayLength(), 1, 2);
        Assert.Equal(19, minute[minute.GetArrayLength() - 1][4].GetInt64()); // the close
        Assert.Equal(4, frame.GetProperty("c").EnumerateObject().Count()); // every interval a student can pick
        Assert.Equal(_market.Market.Status.LastSeq, frame.GetProperty("v").GetInt64());
    }
}
