using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Core.ReadModels;
using CampTrading.Tests.Core;

namespace CampTrading.Tests.Leaderboards;

/// <summary>Rankings by net worth (points + holdings at the mark price − debt) and team scores with multipliers.</summary>
public class LeaderboardTests
{
    private readonly TestExchange _x = new();
    private readonly MarketReadModel _market = new();
    private readonly int _camp;
    private int _seen;

    public LeaderboardTests() => _camp = _x.List("CAMP", 20, 0);

    private int Student(string name, string? team, long points = 0)
    {
        var id = (int)_x.Ok(new OpenAccount(name, AccountKind.Student, team)).Id;
        if (points != 0) _x.GrantPoints(id, points);
        return id;
    }

    /// <summary>Feeds the read model what the engine emitted since the last call, as the sequencer does.</summary>
    private MarketReadModel Sync()
    {
        _market.OnBatch(_x.Engine, _x.Engine.Events.Span[_seen..]);
        _seen = _x.Engine.Events.Count;
        return _market;
    }

    private Leaderboard Board(LeaderboardOptions? options = null) => new(Sync(), options);

    [Fact]
    public void Students_rank_by_net_worth_with_holdings_at_the_mark_price_and_debt_subtracted()
    {
        var rich = Student("rich", "red", 1_000);
        var holder = Student("holder", "blue", 500);
        _x.GrantShares(holder, _camp, 30);                 // 30 × 20 (IPO price, no trade yet) = 600
        var debtor = Student("debtor", "red", 100);
        _x.Ok(new Grant(debtor, Assets.Points, -400, "fine", "staff")); // 0 points, owes 300
        var bidder = Student("bidder", null, 900);
        _x.Buy(bidder, _camp, 10, 20);                    // reserved points still count
        _x.OpenAccount("house", 1_000_000, AccountKind.House); // not a student: not ranked

        var view = Board().Current();

        Assert.Equal([holder, rich, bidder, debtor], view.Individuals.Select(e => e.AccountId).ToArray());
        Assert.Equal([1_100L, 1_000, 900, -300], view.Individuals.Select(e => e.NetWorth).ToArray());
        Assert.Equal([1, 2, 3, 4], view.Individuals.Select(e => e.Rank).ToArray());
        var d = view.Of(debtor)!;
        Assert.Equal((0L, 0L, 300L), (d.Points, d.HoldingsValue, d.Debt));
        Assert.Equal(600, view.Of(holder)!.HoldingsValue);
    }

    [Fact]
    public void Holdings_follow_the_last_trade_price()
    {
        var seller = Student("seller", null, 0);
        var buyer = Student("buyer", null, 1_000);
        _x.GrantShares(seller, _camp, 50);
        _x.Sell(seller, _camp, 1, 24);
        _x.Buy(buyer, _camp, 1, 24);                       // last = 24

        var view = Board().Current();
        Assert.Equal(49 * 24 + 24, view.Of(seller)!.NetWorth);
        Assert.Equal(1_000 - 24 + 24, view.Of(buyer)!.NetWorth);
    }

    [Fact]
    public void Equal_net_worth_shares_a_rank_in_id_order()
    {
        var a = Student("a", null, 100);
        var b = Student("b", null, 300);
        var c = Student("c", null, 100);
        var d = Student("d", null, 50);
        var view = Board().Current();
        Assert.Equal([b, a, c, d], view.Individuals.Select(e => e.AccountId).ToArray());
        Assert.Equal([1, 2, 2, 4], view.Individuals.Select(e => e.Rank).ToArray());
    }

    [Fact]
    public void Teams_sum_their_members_times_their_multiplier()
    {
        Student("r1", "red", 1_000);
        Student("r2", "red", 500);
        var b1 = Student("b1", "blue", 1_200);
        Student("g1", "green", 700);
        Student("loner", null, 10_000);                   // no team: individual only
        _x.Ok(new Grant(b1, Assets.Points, -1_300, "fine", "staff")); // blue: 0 points, 100 debt

        var plain = Board().Current().Teams;
        Assert.Equal(["red", "green", "blue"], plain.Select(t => t.Team).ToArray());
        Assert.Equal([1_500L, 700, -100], plain.Select(t => t.Score).ToArray());
        Assert.Equal([2, 1, 1], plain.Select(t => t.Members).ToArray());

        var options = new LeaderboardOptions { TeamMultiplierPercent = { ["GREEN"] = 250, ["red"] = 50 } };
        var boosted = Board(options).Current().Teams;
        Assert.Equal(["green", "red", "blue"], boosted.Select(t => t.Team).ToArray());
        Assert.Equal([1_750L, 750, -100], boosted.Select(t => t.Score).ToArray());
        Assert.Equal([1_500L, 1_500L, -100L], [boosted[1].NetWorth, plain[0].NetWorth, boosted[2].NetWorth]);
        Assert.Equal(250, boosted[0].MultiplierPercent);
    }

    [Fact]
    public void Multipliers_round_toward_zero_and_equal_scores_share_a_rank()
    {
        Student("a", "alpha", 333);
        Student("b", "beta", 222);
        var board = Board(new LeaderboardOptions { TeamMultiplierPercent = { ["alpha"] = 150, ["beta"] = 225 } });
        var teams = board.Current().Teams;
        Assert.Equal([499L, 499], teams.Select(t => t.Score).ToArray()); // 499.5 and 499.5 → 499
        Assert.Equal([1, 1], teams.Select(t => t.Rank).ToArray());
        Assert.Equal(["alpha", "beta"], teams.Select(t => t.Team).ToArray());
    }

    [Fact]
    public void The_view_is_cached_per_sequence_and_options_changes_invalidate_it()
    {
        Student("a", "red", 100);
        var board = Board();
        var first = board.Current();
        Assert.Same(first, board.Current());

        board.Options = new LeaderboardOptions { DefaultMultiplierPercent = 200 };
        var doubled = board.Current();
        Assert.NotSame(first, doubled);
        Assert.Equal(200, doubled.Teams[0].Score);

        Student("b", "red", 50);
        Sync();
        Assert.Equal(2, board.Current().Individuals.Count);
        Assert.Throws<ArgumentException>(() => board.Options = new LeaderboardOptions { DefaultMultiplierPercent = -1 });
    }

    [Fact]
    public void The_settlement_dry_run_matches_the_settled_rankings()
    {
        var byte_ = _x.List("BYTE", 50, 0);
        var a = Student("a", "red", 1_000);
        var b = Student("b", "blue", 200);
        var c = Student("c", "red", 0);
        _x.GrantShares(b, _camp, 40);
        _x.GrantShares(c, byte_, 30);
        _x.Sell(c, byte_, 1, 55);
        _x.Buy(a, byte_, 1, 55);                           // BYTE last = 55
        _x.Ok(new Grant(c, Assets.Points, -100, "fine", "staff")); // takes 55, owes 45
        _x.Buy(a, _camp, 5, 19);                           // a resting bid, cancelled at settlement
        var board = Board();

        var dryLast = board.FinalRankings(SettlementPriceMode.LastPrice);
        var dryFixed = board.FinalRankings(SettlementPriceMode.Fixed, new Dictionary<int, long> { [_camp] = 5, [byte_] = 100 });
        Assert.Equal(1_000 - 55 + 55, dryLast.Of(a)!.NetWorth);
        Assert.Equal(200 + 40 * 20, dryLast.Of(b)!.NetWorth);
        Assert.Equal(29 * 55 - 45, dryLast.Of(c)!.NetWorth);
        Assert.Equal(29 * 100 - 45, dryFixed.Of(c)!.NetWorth);

        _x.Ok(new Settle(SettlementPriceMode.LastPrice, null, "admin"));
        Sync();
        var settled = board.Current();
        Assert.NotEqual(dryLast.Seq, settled.Seq);
        Assert.Equal(Summary(dryLast), Summary(settled));
        Assert.All(settled.Individuals, e => Assert.Equal(0, e.HoldingsValue));
        Assert.Equal(dryLast.Teams.Select(t => (t.Team, t.Score)), settled.Teams.Select(t => (t.Team, t.Score)));

        static (int, int, long)[] Summary(LeaderboardView v) => v.Individuals.Select(e => (e.Rank, e.AccountId, e.NetWorth)).ToArray();
    }

    /// <summary>
    /// At camp scale the ranking stays right. How fast it is belongs to a benchmark, not here: this test used to time
    /// itself (under 2 s for ten rankings) and failed on a loaded CI machine (2.5 s) while taking ~250 ms on a quiet one.
    /// </summary>
    [Fact]
    public void Ten_thousand_students_are_ranked_by_net_worth_and_their_teams_add_up()
    {
        var rng = new Random(3);
        var accounts = Enumerable.Range(0, 10_000).Select(i => new AccountView(1_000 + i, $"s{i}", rng.Next(0, 100_000), 0, rng.Next(0, 3) == 0 ? rng.Next(0, 500) : 0,
            AccountRestrictions.None, [new HoldingView(1, "CAMP", rng.Next(0, 500), 0), new HoldingView(2, "BYTE", rng.Next(0, 50), 0)], $"team{i % 12}")).ToArray();
        var prices = new Dictionary<int, long> { [1] = 21, [2] = 57 };
        var options = new LeaderboardOptions();
        var view = Leaderboard.Compute(1, accounts, prices, options);

        Assert.Equal(10_000, view.Individuals.Count);
        Assert.Equal(12, view.Teams.Count);
        Assert.True(view.Individuals.Zip(view.Individuals.Skip(1)).All(p => p.First.NetWorth >= p.Second.NetWorth));
        Assert.Equal(accounts.Sum(a => a.Points + a.Holdings[0].Shares * 21 + a.Holdings[1].Shares * 57 - a.Debt), view.Teams.Sum(t => t.Score));
    }
}
