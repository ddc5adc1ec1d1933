using System.Text.Json;
using CampTrading.ComponentTests.Points;
using CampTrading.Core.Engine;
using CampTrading.Core.Market;
using CampTrading.Core.ReadModels;
using CampTrading.Core.Trading;
using CampTrading.Web.LiveMarket;

namespace CampTrading.ComponentTests.LiveMarket;

/// <summary>What every screen on /board is sent: the price tiles, the featured instrument's day and tape, both rankings.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Disposed in DisposeAsync.")]
public sealed class BoardFrameTests : IAsyncLifetime
{
    private readonly TestMarket _market = new();
    private int _camp;

    public async Task InitializeAsync()
    {
        _camp = (int)(await _market.SubmitAsync(new ListInstrument("CAMP", "Camp Stock"))).Id;
        await _market.SubmitAsync(new SetMarketOverride(MarketOverride.ForceOpen, "test"));
    }

    public async Task DisposeAsync() => await _market.DisposeAsync();

    private JsonElement Frame()
    {
        var board = new BoardFrame(_market.Exchange, new Leaderboard(_market.Market), TimeProvider.System);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer)) board.Write(json);
        return JsonDocument.Parse(buffer.WrittenMemory).RootElement;
    }

    [Fact]
    public async Task One_instrument_shows_its_day_and_its_trades_coloured_by_the_tick()
    {
        var ann = await _market.StudentAsync("Ann", "Red", 10_000);
        var bob = await _market.StudentAsync("Bob", "Blue", 10_000);
        await _market.SubmitAsync(new PlaceOrder(ann, _camp, Side.Buy, OrderType.Market, 10)); // 20, from the IPO
        await _market.SubmitAsync(new PlaceOrder(bob, _camp, Side.Buy, OrderType.Limit, 4, Price: 19));
        await _market.SubmitAsync(new PlaceOrder(ann, _camp, Side.Sell, OrderType.Market, 4)); // 19: a downtick

        var frame = Frame();

        Assert.Equal(_camp, frame.GetProperty("featured").GetInt32());
        var tile = frame.GetProperty("tickers")[0];
        Assert.Equal("CAMP", tile[0].GetString());
        Assert.Equal("19", tile[2].GetString());
        Assert.Equal("▼ −1 (−5.00%)", tile[3].GetString());
        Assert.Equal("down", tile[4].GetString());
        var tape = frame.GetProperty("tape");
        Assert.Equal(["19", "20"], tape.EnumerateArray().Select(t => t[2].GetString()));
        Assert.Equal(["down", "flat"], tape.EnumerateArray().Select(t => t[3].GetString())); // 20 is the reference: no tick
        Assert.Equal("4", tape[0][4].GetString());
        var day = frame.GetProperty("day");
        Assert.Equal(("20", "20", "19", "14"), (day.GetProperty("open").GetString(), day.GetProperty("high").GetString(),
            day.GetProperty("low").GetString(), day.GetProperty("volume").GetString()));
        Assert.False(frame.TryGetProperty("movers", out _));
        // The board's chart follows this stream too: the featured instrument's minutes, nothing else.
        Assert.Equal(_camp, frame.GetProperty("ci").GetInt32());
        Assert.Equal(["OneMinute"], frame.GetProperty("c").EnumerateObject().Select(p => p.Name));
        var minutes = frame.GetProperty("c").GetProperty("OneMinute");
        Assert.Equal(19, minutes[minutes.GetArrayLength() - 1][4].GetInt64()); // the close
    }

    [Fact]
    public async Task Several_instruments_show_movers_and_the_last_traded_one_is_featured()
    {
        var fun = (int)(await _market.SubmitAsync(new ListInstrument("FUN", "Fun Fair"))).Id;
        var ann = await _market.StudentAsync("Ann", null, 10_000);
        await _market.SubmitAsync(new PlaceOrder(ann, _camp, Side.Buy, OrderType.Market, 1));
        await _market.SubmitAsync(new PlaceOrder(ann, fun, Side.Buy, OrderType.Market, 1));

        var frame = Frame();

        Assert.Equal(fun, frame.GetProperty("featured").GetInt32());
        Assert.Equal(2, frame.GetProperty("movers").GetArrayLength());
        Assert.Equal(2, frame.GetProperty("tickers").GetArrayLength());
        Assert.False(frame.TryGetProperty("day", out _));
    }

    [Fact]
    public async Task The_rankings_are_the_top_ten_people_and_teams_with_their_multiplier()
    {
        for (var i = 1; i <= 12; i++) await _market.StudentAsync($"S{i:00}", i % 2 == 0 ? "Red" : "Blue", 1_000 * i);

        var frame = Frame();

        var people = frame.GetProperty("people");
        Assert.Equal(BoardFrame.RankRows, people.GetArrayLength());
        Assert.Equal((1, "S12", "Red", "12,000"), (people[0][0].GetInt32(), people[0][1].GetString(), people[0][2].GetString(), people[0][3].GetString()));
        var teams = frame.GetProperty("teams");
        Assert.Equal(2, teams.GetArrayLength());
        Assert.Equal(("Red", "×1"), (teams[0][1].GetString(), teams[0][2].GetString()));
    }

    [Fact]
    public async Task A_board_before_any_listing_has_no_market_and_no_ranking()
    {
        await using var empty = new TestMarket();
        var board = new BoardFrame(empty.Exchange, new Leaderboard(empty.Market), TimeProvider.System);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer)) board.Write(json);
        var frame = JsonDocument.Parse(buffer.WrittenMemory).RootElement;

        Assert.False(frame.TryGetProperty("featured", out _));
        Assert.Empty(frame.GetProperty("people").EnumerateArray());
    }
}
