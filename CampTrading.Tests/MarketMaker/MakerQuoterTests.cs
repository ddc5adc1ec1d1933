using CampTrading.Core.MarketMaker;
using CampTrading.Core.ReadModels;
using CampTrading.Core.Trading;

namespace CampTrading.Tests.MarketMaker;

/// <summary>The house market maker's quoting rules (docs/decisions/0021-house-market-maker.md), worked by hand.</summary>
public sealed class MakerQuoterTests
{
    private static readonly MakerSettings Settings = new()
    {
        InstrumentId = 1, SpreadTicks = 2, LevelStepTicks = 1, SizePerLevel = 10, Levels = 3, MaxShares = 1_000, MinShares = 0, DailyLossLimit = 500,
    };

    private static MakerInput Input(MakerSettings? settings = null, long mark = 100, long low = 80, long high = 120, long points = 100_000, long shares = 500,
        IReadOnlyList<MakerOrder>? open = null, IReadOnlyList<BookLevelView>? bids = null, IReadOnlyList<BookLevelView>? asks = null,
        bool marketOpen = true, bool pausedByStaff = false, bool pausedAtLimit = false, long pnl = 0) =>
        new(settings ?? Settings, marketOpen, pausedByStaff, pausedAtLimit, mark, low, high, bids ?? [], asks ?? [], points, shares, open ?? [], pnl);

    private static MakerQuote Bid(long price, long quantity = 10) => new(Side.Buy, price, quantity);
    private static MakerQuote Ask(long price, long quantity = 10) => new(Side.Sell, price, quantity);

    [Fact]
    public void It_quotes_levels_on_both_sides_around_the_mark_price_with_the_spread()
    {
        var plan = MakerQuoter.Plan(Input());

        Assert.Equal(MakerState.Quoting, plan.State);
        Assert.Empty(plan.Cancel);
        Assert.Equal([Bid(99), Bid(98), Bid(97), Ask(101), Ask(102), Ask(103)], plan.Place);
    }

    [Fact]
    public void An_odd_spread_puts_the_extra_tick_on_the_ask_and_the_level_step_spaces_the_levels()
    {
        var plan = MakerQuoter.Plan(Input(Settings with { SpreadTicks = 3, LevelStepTicks = 5, Levels = 2 }));

        Assert.Equal([Bid(99), Bid(94), Ask(102), Ask(107)], plan.Place);
    }

    [Fact]
    public void A_spread_in_basis_points_wins_when_wider_and_is_rounded_up()
    {
        // 150 bp of 100 = 1.5 ticks → 2; 450 bp → 4.5 → 5 ticks: bid 100 − 2 = 98, ask 98 + 5 = 103.
        Assert.Equal(2, (Settings with { SpreadTicks = 1, SpreadBasisPoints = 150 }).SpreadAt(100));
        var plan = MakerQuoter.Plan(Input(Settings with { SpreadTicks = 1, SpreadBasisPoints = 450, Levels = 1 }));

        Assert.Equal([Bid(98), Ask(103)], plan.Place);
    }

    [Fact]
    public void A_spread_of_one_tick_quotes_the_mark_and_one_above_and_never_crosses()
    {
        var plan = MakerQuoter.Plan(Input(Settings with { SpreadTicks = 1, Levels = 1 }));

        Assert.Equal([Bid(100), Ask(101)], plan.Place);
    }

    [Fact]
    public void Levels_outside_the_price_band_are_left_out()
    {
        var plan = MakerQuoter.Plan(Input(low: 98, high: 102));

        Assert.Equal([Bid(99), Bid(98), Ask(101), Ask(102)], plan.Place);
    }

    [Fact]
    public void At_the_maximum_holding_it_stops_bidding_and_keeps_asking()
    {
        // 985 shares: one bid of 10 would make 995 ≤ 1000, a second 1005 > 1000.
        var plan = MakerQuoter.Plan(Input(shares: 985));
        Assert.Equal([Bid(99), Ask(101), Ask(102), Ask(103)], plan.Place);

        var full = MakerQuoter.Plan(Input(shares: 1_000));
        Assert.DoesNotContain(full.Place, q => q.Side == Side.Buy);
        Assert.Equal(3, full.Place.Count(q => q.Side == Side.Sell));
    }

    [Fact]
    public void At_the_minimum_holding_it_stops_asking_and_keeps_bidding()
    {
        var plan = MakerQuoter.Plan(Input(Settings with { MinShares = 100 }, shares: 115));
        Assert.Equal([Bid(99), Bid(98), Bid(97), Ask(101)], plan.Place);

        var none = MakerQuoter.Plan(Input(shares: 0));
        Assert.Equal([Bid(99), Bid(98), Bid(97)], none.Place);
    }

    [Fact]
    public void It_bids_only_what_its_points_pay_for()
    {
        // 99×10 + 98×10 = 1,970 ≤ 2,000 < 1,970 + 970.
        var plan = MakerQuoter.Plan(Input(points: 2_000));

        Assert.Equal([Bid(99), Bid(98), Ask(101), Ask(102), Ask(103)], plan.Place);
    }

    [Fact]
    public void It_never_takes_from_the_book_a_bid_stays_below_another_accounts_ask()
    {
        // A student asks 99: the maker's best bid would be 99 (and trade), so its bids step below it.
        var plan = MakerQuoter.Plan(Input(asks: [new BookLevelView(99, 5, 1)]));

        Assert.Equal([Bid(98), Bid(97), Bid(96), Ask(101), Ask(102), Ask(103)], plan.Place);
    }

    [Fact]
    public void It_never_takes_from_the_book_an_ask_stays_above_another_accounts_bid()
    {
        var plan = MakerQuoter.Plan(Input(bids: [new BookLevelView(102, 5, 1)]));

        Assert.Equal([Bid(99), Bid(98), Bid(97), Ask(103), Ask(104), Ask(105)], plan.Place);
    }

    [Fact]
    public void Its_own_resting_quotes_do_not_count_as_another_accounts_book()
    {
        var open = new[] { new MakerOrder(7, Side.Sell, 101, 10) };
        var plan = MakerQuoter.Plan(Input(open: open, asks: [new BookLevelView(101, 10, 1)]));

        Assert.Empty(plan.Cancel);
        Assert.Equal([Bid(99), Bid(98), Bid(97), Ask(102), Ask(103)], plan.Place);
    }

    [Fact]
    public void Its_bid_is_always_below_its_ask_whatever_the_book()
    {
        var random = new Random(14);
        for (var i = 0; i < 2_000; i++)
        {
            var mark = random.Next(1, 300);
            var settings = Settings with { SpreadTicks = random.Next(1, 6), SpreadBasisPoints = random.Next(0, 500), Levels = random.Next(1, 5), LevelStepTicks = random.Next(1, 4) };
            var bestBid = random.Next(1, 300);
            var bestAsk = bestBid + random.Next(1, 10);
            var plan = MakerQuoter.Plan(Input(settings, mark: mark, low: 1, high: 1_000, bids: [new BookLevelView(bestBid, 5, 1)], asks: [new BookLevelView(bestAsk, 5, 1)]));

            var bids = plan.Desired.Where(q => q.Side == Side.Buy).Select(q => q.Price).ToList();
            var asks = plan.Desired.Where(q => q.Side == Side.Sell).Select(q => q.Price).ToList();
            if (bids.Count > 0 && asks.Count > 0) Assert.True(bids.Max() < asks.Min(), $"mark {mark}: bid {bids.Max()} ask {asks.Min()}");
            Assert.All(bids, b => Assert.True(b < bestAsk));
            Assert.All(asks, a => Assert.True(a > bestBid));
        }
    }

    [Fact]
    public void Only_what_changed_is_cancelled_and_replaced()
    {
        // The mark moved from 100 to 101: bids 100/99/98 and asks 102/103/104 are wanted.
        var open = new[]
        {
            new MakerOrder(1, Side.Buy, 99, 10), new MakerOrder(2, Side.Buy, 98, 10), new MakerOrder(3, Side.Buy, 97, 10),
            new MakerOrder(4, Side.Sell, 101, 10), new MakerOrder(5, Side.Sell, 102, 10), new MakerOrder(6, Side.Sell, 103, 4), // 6 was partly filled
        };
        var plan = MakerQuoter.Plan(Input(mark: 101, open: open));

        Assert.Equal([3L, 4L, 6L], plan.Cancel);
        Assert.Equal([Bid(100), Ask(103), Ask(104)], plan.Place);
    }

    [Fact]
    public void Unchanged_quotes_give_an_empty_plan()
    {
        var first = MakerQuoter.Plan(Input());
        var open = first.Place.Select((q, i) => new MakerOrder(i + 1, q.Side, q.Price, q.Quantity)).ToList();

        Assert.True(MakerQuoter.Plan(Input(open: open)).IsEmpty);
    }

    [Fact]
    public void A_duplicate_quote_is_cancelled()
    {
        var open = new[] { new MakerOrder(1, Side.Buy, 99, 10), new MakerOrder(2, Side.Buy, 99, 10) };
        var plan = MakerQuoter.Plan(Input(Settings with { Levels = 1 }, open: open));

        Assert.Equal([2L], plan.Cancel);
        Assert.Equal([Ask(101)], plan.Place);
    }

    [Theory]
    [InlineData(false, true, false, MakerState.PausedByStaff)]
    [InlineData(false, false, true, MakerState.PausedAtLimit)]
    [InlineData(true, false, false, MakerState.MarketClosed)]
    public void Paused_or_closed_it_cancels_every_quote_and_places_none(bool closed, bool byStaff, bool atLimit, MakerState expected)
    {
        var open = new[] { new MakerOrder(1, Side.Buy, 99, 10), new MakerOrder(2, Side.Sell, 101, 10) };
        var plan = MakerQuoter.Plan(Input(open: open, marketOpen: !closed, pausedByStaff: byStaff, pausedAtLimit: atLimit));

        Assert.Equal(expected, plan.State);
        Assert.Equal([1L, 2L], plan.Cancel);
        Assert.Empty(plan.Place);
        Assert.False(plan.HitLossLimit);
    }

    [Fact]
    public void At_the_daily_loss_limit_it_cancels_everything_and_pauses_itself()
    {
        var open = new[] { new MakerOrder(1, Side.Buy, 99, 10) };
        Assert.Equal(MakerState.Quoting, MakerQuoter.Plan(Input(open: open, pnl: -499)).State);

        var plan = MakerQuoter.Plan(Input(open: open, pnl: -500));

        Assert.Equal(MakerState.PausedAtLimit, plan.State);
        Assert.True(plan.HitLossLimit);
        Assert.Equal([1L], plan.Cancel);
        Assert.Empty(plan.Place);
    }

    [Fact]
    public void Invalid_settings_quote_nothing()
    {
        var plan = MakerQuoter.Plan(Input(Settings with { InstrumentId = 0 }, open: [new MakerOrder(3, Side.Buy, 99, 10)]));

        Assert.Equal(MakerState.NotConfigured, plan.State);
        Assert.Equal([3L], plan.Cancel);
        Assert.Empty(plan.Place);
    }

    [Theory]
    [InlineData(0, 2, 10, 3, 5, 0, 100, 10, "choose a stock")]
    [InlineData(1, 0, 10, 3, 5, 0, 100, 10, "spread")]
    [InlineData(1, 2, 0, 3, 5, 0, 100, 10, "size")]
    [InlineData(1, 2, 10, 11, 5, 0, 100, 10, "levels")]
    [InlineData(1, 2, 10, 3, 0, 0, 100, 10, "refresh")]
    [InlineData(1, 2, 10, 3, 5, 200, 100, 10, "inventory")]
    [InlineData(1, 2, 10, 3, 5, 0, 100, 0, "loss")]
    public void Settings_out_of_range_name_their_problem(int instrument, long spread, long size, int levels, int refresh, long min, long max, long loss, string problem)
    {
        var settings = new MakerSettings { InstrumentId = instrument, SpreadTicks = spread, SizePerLevel = size, Levels = levels, RefreshSeconds = refresh, MinShares = min, MaxShares = max, DailyLossLimit = loss };

        Assert.Contains(problem, settings.Problem);
    }

    [Fact]
    public void The_days_pnl_is_realized_plus_unrealized_since_the_baseline()
    {
        // Start of day: 100 shares cost 2,000, mark 20, realized 50. Now: sold 40 at 25 (realized +200), mark 18.
        var start = MakerPnl.Of(50, 100, 2_000, 20);
        var now = MakerPnl.Of(250, 60, 1_200, 18);

        var today = now.Since(start);
        Assert.Equal(200, today.Realized);
        Assert.Equal(1_080 - 1_200 - 0, today.Unrealized);
        Assert.Equal(80, today.Total);
    }
}
