using System.Text;
using CampTrading.Web.Feeds.Sources;

namespace CampTrading.Tests.Feeds.Sources;

public sealed class BinanceMessageParserTests
{
    private const string Btc = "BTCUSDT";

    private static FeedMessageOutcome Parse(string json, out FeedTick tick) => BinanceMessageParser.Parse(Encoding.UTF8.GetBytes(json), Btc, out tick);

    private static FeedMessageOutcome Parse(string json) => Parse(json, out _);

    [Fact]
    public void A_trade_gives_its_price_and_trade_time()
    {
        var outcome = Parse("""{"e":"trade","E":1764000000200,"s":"BTCUSDT","t":12345,"p":"97000.12000000","q":"0.01000000","T":1764000000123,"m":true,"M":true}""", out var tick);

        Assert.Equal(FeedMessageOutcome.Tick, outcome);
        Assert.Equal(new FeedTick(Btc, 97000.12m, DateTimeOffset.FromUnixTimeMilliseconds(1764000000123)), tick);
    }

    [Fact]
    public void An_aggregate_trade_and_a_trade_without_T_use_the_event_time()
    {
        Assert.Equal(FeedMessageOutcome.Tick, Parse("""{"e":"aggTrade","E":1764000000200,"s":"BTCUSDT","a":5,"p":"1.5","q":"2","f":1,"l":2,"T":1764000000100,"m":false}""", out var agg));
        Assert.Equal(1.5m, agg.Price);
        Assert.Equal(FeedMessageOutcome.Tick, Parse("""{"e":"trade","E":1764000000200,"s":"BTCUSDT","p":"2"}""", out var noT));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1764000000200), noT.Time);
    }

    [Fact]
    public void A_kline_gives_its_close_at_its_close_time_or_the_earlier_event_time()
    {
        var closed = FakeBinanceServer.Kline(Btc, 96500.5m, closeTimeMs: 1764000059999, eventTimeMs: 1764000060003);
        Assert.Equal(FeedMessageOutcome.Tick, Parse(closed, out var tick));
        Assert.Equal(new FeedTick(Btc, 96500.5m, DateTimeOffset.FromUnixTimeMilliseconds(1764000059999)), tick);

        // An unfinished kline's close time lies in the future: the event time says when the price was seen.
        var open = FakeBinanceServer.Kline(Btc, 96501m, closeTimeMs: 1764000059999, eventTimeMs: 1764000030000, closed: false);
        Assert.Equal(FeedMessageOutcome.Tick, Parse(open, out tick));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1764000030000), tick.Time);
    }

    [Fact]
    public void A_kline_with_only_its_inner_symbol_is_read()
    {
        Assert.Equal(FeedMessageOutcome.Tick, Parse("""{"e":"kline","k":{"s":"BTCUSDT","c":"5.25","T":1764000059999}}""", out var tick));
        Assert.Equal(5.25m, tick.Price);
    }

    [Fact]
    public void A_combined_stream_wrapper_is_unwrapped_whichever_field_comes_first()
    {
        var trade = FakeBinanceServer.Trade(Btc, 97001m, 1764000000123);
        Assert.Equal(FeedMessageOutcome.Tick, Parse(FakeBinanceServer.Combined("btcusdt@trade", trade), out var first));
        Assert.Equal(97001m, first.Price);
        Assert.Equal(FeedMessageOutcome.Tick, Parse($$"""{"data":{{trade}},"stream":"btcusdt@trade"}""", out var second));
        Assert.Equal(first, second);
        var kline = FakeBinanceServer.Kline(Btc, 5m, 1764000059999, 1764000060000);
        Assert.Equal(FeedMessageOutcome.Tick, Parse(FakeBinanceServer.Combined("btcusdt@kline_1m", kline), out var third));
        Assert.Equal(5m, third.Price);
    }

    [Fact]
    public void Another_symbol_is_told_apart_from_junk()
    {
        Assert.Equal(FeedMessageOutcome.OtherSymbol, Parse(FakeBinanceServer.Trade("ETHUSDT", 3600m, 1764000000000)));
        Assert.Equal(FeedMessageOutcome.OtherSymbol, Parse(FakeBinanceServer.Kline("ETHUSDT", 3600m, 1764000059999, 1764000060000)));
        Assert.Equal(FeedMessageOutcome.OtherSymbol, Parse(FakeBinanceServer.Trade("btcusdt", 1m, 1764000000000))); // symbols are upper case
    }

    [Theory]
    [InlineData("""{"result":null,"id":1}""")]
    [InlineData("""{"e":"24hrTicker","E":1764000000000,"s":"BTCUSDT","p":"-12.5","c":"97000"}""")]
    [InlineData("""{"e":"depthUpdate","E":1764000000000,"s":"BTCUSDT","b":[["1","2"]],"a":[]}""")]
    [InlineData("""{}""")]
    [InlineData("""{"data":{"data":{"e":"trade","s":"BTCUSDT","p":"1","T":1764000000000}}}""")] // wrapped twice: no wrapper nests
    public void Messages_without_a_price_are_not_prices(string json) => Assert.Equal(FeedMessageOutcome.NotAPrice, Parse(json));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not json")]
    [InlineData("[1,2,3]")]
    [InlineData("\"trade\"")]
    [InlineData("""{"e":"trade","s":"BTCUSDT","p":"97000.1","T":1764000000000""")] // truncated
    [InlineData("""{"e":"trade","s":"BTCUSDT","p":"97000.1","T":1764000000000} {}""")] // trailing content
    [InlineData("""{"e":"trade","s":"BTCUSDT","p":"97000.1","T":1764000000000}x""")]
    [InlineData("""{"e":"trade","s":"BTCUSDT","p":"97000.1","T":1764000000000,}""")] // trailing comma
    [InlineData("""{"e":"trade","s":"BTCUSDT","p":"97000.1","T":1764000000000 /* c */}""")]
    [InlineData("""{"e":"trade","s":"BTCUSDT","T":1764000000000}""")] // no price
    [InlineData("""{"e":"trade","p":"1","T":1764000000000}""")] // no symbol
    [InlineData("""{"e":"trade","s":"BTCUSDT","p":"1"}""")] // no time
    [InlineData("""{"e":"trade","s":"BTCUSDT","p":"1e5","T":1764000000000}""")]
    [InlineData("""{"e":"trade","s":"BTCUSDT","p":" 1","T":1764000000000}""")]
    [InlineData("""{"e":"trade","s":"BTCUSDT","p":"1.2.3","T":1764000000000}""")]
    [InlineData("""{"e":"trade","s":"BTCUSDT","p":"NaN","T":1764000000000}""")]
    [InlineData("""{"e":"trade","s":"BTCUSDT","p":"Infinity","T":1764000000000}""")]
    [InlineData("""{"e":"trade","s":"BTCUSDT","p":"\u0031","T":1764000000000}""")] // escaped digits
    [InlineData("""{"e":"trade","s":"BTCUSDT","p":"","T":1764000000000}""")]
    [InlineData("""{"e":"trade","s":"BTCUSDT","p":".","T":1764000000000}""")]
    [InlineData("""{"e":"trade","s":"BTCUSDT","p":true,"T":1764000000000}""")]
    [InlineData("""{"e":"trade","s":"BTCUSDT","p":"1","T":"1764000000000"}""")] // time as text
    [InlineData("""{"e":"trade","s":"BTCUSDT","p":"1","T":1764000000000.5}""")]
    [InlineData("""{"e":"trade","s":"BTCUSDT","p":"1","T":99999999999999999999}""")]
    [InlineData("""{"e":"trade","s":"BTCUSDT","p":"1","T":-1}""")] // 1969
    [InlineData("""{"e":"trade","s":"BTCUSDT","p":"1","T":9999999999999}""")] // year 2286
    [InlineData("""{"e":"trade","s":7,"p":"1","T":1764000000000}""")]
    [InlineData("""{"e":1,"s":"BTCUSDT","p":"1","T":1764000000000}""")]
    [InlineData("""{"e":"trade","s":"BTCUSDT","p":"1","p":"2","T":1764000000000}""")] // duplicate price: which one?
    [InlineData("""{"e":"trade","s":"BTCUSDT","s":"ETHUSDT","p":"1","T":1764000000000}""")]
    [InlineData("""{"e":"trade","s":"BTCUSDT","p":"1","T":1764000000000,"data":{"e":"trade"}}""")] // wrapper and message at once
    [InlineData("""{"data":[1]}""")]
    [InlineData("""{"e":"kline","s":"BTCUSDT","E":1764000000000}""")] // no k
    [InlineData("""{"e":"kline","s":"BTCUSDT","k":{"T":1764000059999}}""")] // no close
    [InlineData("""{"e":"kline","s":"BTCUSDT","k":{"c":"1"}}""")] // no close time
    [InlineData("""{"e":"kline","s":"BTCUSDT","k":{"s":"ETHUSDT","c":"1","T":1764000059999}}""")] // symbols disagree
    [InlineData("""{"e":"kline","s":"BTCUSDT","k":"c"}""")]
    [InlineData("""{"e":"trade","s":"BTCUSDT","p":"1","T":1764000000000,"x":[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]}""")] // too deep
    public void Malformed_messages_are_malformed(string json) => Assert.Equal(FeedMessageOutcome.Malformed, Parse(json));

    [Theory]
    [InlineData("0")]
    [InlineData("0.00000000")]
    [InlineData("-97000.12")]
    [InlineData("-0")]
    [InlineData("1000000000000.01")]
    [InlineData("99999999999999999999999999")]
    public void Impossible_prices_are_bad_prices(string price) =>
        Assert.Equal(FeedMessageOutcome.BadPrice, Parse($$"""{"e":"trade","s":"BTCUSDT","p":"{{price}}","T":1764000000000}"""));

    [Fact]
    public void A_price_longer_than_any_real_one_is_malformed_not_parsed()
    {
        var longPrice = "1." + new string('0', 60);
        Assert.Equal(FeedMessageOutcome.Malformed, Parse($$"""{"e":"trade","s":"BTCUSDT","p":"{{longPrice}}","T":1764000000000}"""));
    }

    [Fact]
    public void A_number_price_and_unknown_fields_of_any_shape_are_tolerated()
    {
        Assert.Equal(FeedMessageOutcome.Tick, Parse("""{"x":{"y":[1,{"z":null}]},"e":"trade","s":"BTCUSDT","p":97000.5,"T":1764000000000,"extra":"\u00e9"}""", out var tick));
        Assert.Equal(97000.5m, tick.Price);
        Assert.Equal(FeedMessageOutcome.Tick, Parse(" \r\n{\"e\":\"trade\",\"s\":\"BTCUSDT\",\"p\":\"0.00000001\",\"T\":1764000000000}\n ", out tick));
        Assert.Equal(0.00000001m, tick.Price);
        Assert.Equal(FeedMessageOutcome.Tick, Parse("""{"e":"trade","s":"BTCUSDT","p":"1000000000000","T":1764000000000}""")); // the cap itself
    }

    [Fact]
    public void Random_bytes_never_throw()
    {
        var random = new Random(7);
        var valid = Encoding.UTF8.GetBytes(FakeBinanceServer.Trade(Btc, 97000.12m, 1764000000123));
        for (var i = 0; i < 20_000; i++)
        {
            var bytes = i % 2 == 0 ? new byte[random.Next(0, 300)] : (byte[])valid.Clone();
            if (i % 2 == 0) random.NextBytes(bytes);
            else for (var flips = random.Next(1, 4); flips > 0; flips--) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            var outcome = BinanceMessageParser.Parse(bytes, Btc, out var tick);
            if (outcome == FeedMessageOutcome.Tick) Assert.True(tick.Price > 0 && tick.Price <= BinanceMessageParser.MaxPrice && tick.Symbol == Btc);
            else Assert.Equal<FeedTick>(default, tick);
        }
    }
}
