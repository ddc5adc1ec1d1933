using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;

namespace CampTrading.Core.ReadModels;

/// <summary>
/// Team bonus multipliers in whole percent (100 = ×1, 150 = ×1.5), so scores stay integer arithmetic.
/// Bound from configuration section <see cref="Section"/>; staff may replace it at run time.
/// </summary>
public sealed class LeaderboardOptions
{
    public const string Section = "Leaderboard";
    public const int MaxMultiplierPercent = 10_000;

    public int DefaultMultiplierPercent { get; set; } = 100;
    public Dictionary<string, int> TeamMultiplierPercent { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public int MultiplierFor(string team) =>
        TeamMultiplierPercent.TryGetValue(team, out var percent) ? percent : DefaultMultiplierPercent;

    public bool IsValid =>
        DefaultMultiplierPercent is >= 0 and <= MaxMultiplierPercent
        && TeamMultiplierPercent.Values.All(p => p is >= 0 and <= MaxMultiplierPercent);
}

/// <summary>
/// One student's place: net worth = points + Σ shares × price − debt (reserved points and shares count: they are still owned).
/// <paramref name="IsBot"/>: the student placed an order through the trading API today (docs/decisions/0020-order-origin.md).
/// </summary>
public sealed record LeaderboardEntry(int Rank, int AccountId, string Name, string? Team, long Points, long HoldingsValue, long Debt,
    bool IsBot = false)
{
    public long NetWorth => Points + HoldingsValue - Debt;
}

/// <summary>A team's place: Score = Σ members' net worth × MultiplierPercent / 100 (rounded toward zero).</summary>
public sealed record TeamStanding(int Rank, string Team, int Members, long NetWorth, int MultiplierPercent, long Score);

/// <summary>Both rankings as of the read model's <see cref="Seq"/>, best first. Equal scores share a rank (1, 2, 2, 4).</summary>
public sealed record LeaderboardView(long Seq, IReadOnlyList<LeaderboardEntry> Individuals, IReadOnlyList<TeamStanding> Teams)
{
    public LeaderboardEntry? Of(int accountId) => Individuals.FirstOrDefault(e => e.AccountId == accountId);

    /// <summary>
    /// The individual ranking of people, of bots, or of all. People and bots are each ranked among themselves (the first
    /// person is #1 among people even when a bot leads overall), with the same tie rule (1, 2, 2, 4).
    /// </summary>
    public IReadOnlyList<LeaderboardEntry> IndividualsOf(TraderFilter filter)
    {
        if (filter == TraderFilter.All) return Individuals;
        var bots = filter == TraderFilter.Bots;
        var ranked = new List<LeaderboardEntry>();
        foreach (var e in Individuals)
        {
            if (e.IsBot != bots) continue;
            var rank = ranked.Count > 0 && ranked[^1].NetWorth == e.NetWorth ? ranked[^1].Rank : ranked.Count + 1;
            ranked.Add(e with { Rank = rank });
        }
        return ranked;
    }
}

/// <summary>Which traders a ranking lists: everybody, people (no API order today) or bots (at least one).</summary>
public enum TraderFilter { All = 0, People = 1, Bots = 2 }

/// <summary>
/// Individual and team rankings, computed on demand from the <see cref="MarketReadModel"/>'s immutable views (never
/// from engine state), and cached per read-model sequence number, so any number of pages and bots can ask cheaply:
/// one pass over the students (10,000 take a few milliseconds) at most once per applied batch.
/// Only students are ranked (not house or system accounts); teamless students appear only individually.
/// </summary>
public sealed class Leaderboard(MarketReadModel market, LeaderboardOptions? options = null)
{
    private volatile LeaderboardOptions _options = options ?? new();
    private volatile LeaderboardView? _cached;

    public LeaderboardOptions Options
    {
        get => _options;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (!value.IsValid) throw new ArgumentException("Multipliers must be 0–10000 percent.", nameof(value));
            _options = value;
            _cached = null;
        }
    }

    /// <summary>The current rankings at mark prices (last trade, or the reference price before any trade).</summary>
    public LeaderboardView Current()
    {
        var seq = market.Status.LastSeq;
        var cached = _cached;
        if (cached is not null && cached.Seq == seq) return cached;
        var prices = market.Instruments.ToDictionary(i => i.Id, i => i.MarkPrice);
        var options = _options;
        var view = Compute(seq, market.AllAccounts, prices, options);
        if (ReferenceEquals(options, _options)) _cached = view;
        return view;
    }

    /// <summary>
    /// Dry run of final settlement: the rankings if the game were settled now at these prices. Settlement converts
    /// shares at the price and repays debt from the proceeds, which leaves points − debt unchanged, so the final net
    /// worth is the same formula at the settlement prices.
    /// </summary>
    public LeaderboardView FinalRankings(SettlementPriceMode mode, IReadOnlyDictionary<int, long>? fixedPrices = null)
    {
        var prices = market.Instruments.ToDictionary(i => i.Id, i => mode == SettlementPriceMode.Fixed
            ? fixedPrices?.GetValueOrDefault(i.Id) ?? 0
            : i.MarkPrice);
        return Compute(market.Status.LastSeq, market.AllAccounts, prices, _options);
    }

    public static LeaderboardView Compute(long seq, IEnumerable<AccountView> accounts, IReadOnlyDictionary<int, long> prices, LeaderboardOptions options)
    {
        var people = new List<LeaderboardEntry>();
        foreach (var a in accounts)
        {
            if (a.Kind != AccountKind.Student) continue;
            long holdings = 0;
            foreach (var h in a.Holdings) holdings += h.Value(prices.GetValueOrDefault(h.InstrumentId));
            people.Add(new LeaderboardEntry(0, a.Id, a.Name, a.Team, a.Points, holdings, a.Debt, a.IsBot));
        }
        people.Sort((x, y) => x.NetWorth != y.NetWorth ? y.NetWorth.CompareTo(x.NetWorth) : x.AccountId.CompareTo(y.AccountId));
        var individuals = new LeaderboardEntry[people.Count];
        for (var k = 0; k < people.Count; k++)
        {
            var rank = k > 0 && people[k].NetWorth == people[k - 1].NetWorth ? individuals[k - 1].Rank : k + 1;
            individuals[k] = people[k] with { Rank = rank };
        }

        var teams = people.Where(p => p.Team is not null)
            .GroupBy(p => p.Team!, StringComparer.OrdinalIgnoreCase)
            .Select(g =>
            {
                var worth = g.Sum(p => p.NetWorth);
                var percent = options.MultiplierFor(g.Key);
                return new TeamStanding(0, g.Key, g.Count(), worth, percent, (long)((Int128)worth * percent / 100));
            })
            .OrderByDescending(t => t.Score).ThenBy(t => t.Team, StringComparer.Ordinal)
            .ToList();
        for (var k = 0; k < teams.Count; k++)
            teams[k] = teams[k] with { Rank = k > 0 && teams[k].Score == teams[k - 1].Score ? teams[k - 1].Rank : k + 1 };

        return new LeaderboardView(seq, individuals, teams);
    }
}
