using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Core.Trading;

namespace CampTrading.Benchmarks.Engine;

/// <summary>
/// One engine workload of the throughput issue: the instrument's setup and the message mix.
/// Prices are either uniform integers in [<see cref="PriceMin"/>, <see cref="PriceMax"/>] or,
/// when <see cref="PriceStdDev"/> is positive, normal around <see cref="PriceMean"/>, rounded and
/// clamped to [<see cref="PriceMin"/>, <see cref="PriceMax"/>].
/// </summary>
internal sealed record WorkloadSpec
{
    public required string Name { get; init; }
    public required string Description { get; init; }
    public int Accounts { get; init; } = 10_000;
    public int Seed { get; init; } = 20250701;

    /// <summary>IPO price, which is also the reference price the band is centred on for the whole run.</summary>
    public required long IpoPrice { get; init; }
    public required int BandPercent { get; init; }

    public required double CancelShare { get; init; }
    public CancelTargeting CancelTargeting { get; init; } = CancelTargeting.RandomOpen;
    /// <summary>Market orders, half buys and half sells; the rest are limit orders, half buys and half sells.</summary>
    public double MarketShare { get; init; }

    public required long PriceMin { get; init; }
    public required long PriceMax { get; init; }
    public double PriceMean { get; init; }
    public double PriceStdDev { get; init; }
    public int QuantityMin { get; init; } = 1;
    public required int QuantityMax { get; init; }

    /// <summary>Same formulas as <see cref="Instrument.BandLow"/>/<see cref="Instrument.BandHigh"/>; checked against the engine at setup.</summary>
    public long BandLow => Math.Max(1, (IpoPrice * (100 - BandPercent) + 99) / 100);
    public long BandHigh => Math.Min(Instrument.MaxPrice, IpoPrice * (100 + BandPercent) / 100);

    /// <summary>Shallow book: 11 price levels, 45% limit buys, 45% limit sells, 10% cancels.</summary>
    public static WorkloadSpec W1 { get; } = new()
    {
        Name = "W1",
        Description = "shallow book: limit prices uniform 15..25, qty 1..30, 45% buy / 45% sell / 10% cancel",
        IpoPrice = 20,
        BandPercent = 50,
        CancelShare = 0.10,
        PriceMin = 15,
        PriceMax = 25,
        QuantityMax = 30,
    };

    /// <summary>Deep book: prices normal around 500, 20% cancels, 5% market orders.</summary>
    public static WorkloadSpec W2 { get; } = new()
    {
        Name = "W2",
        Description = "deep book: limit prices normal(500, sd 50) clamped 1..1000, qty 1..100, 37.5% buy / 37.5% sell / 5% market / 20% cancel",
        IpoPrice = 500,
        BandPercent = 100,
        CancelShare = 0.20,
        MarketShare = 0.05,
        PriceMin = 1,
        PriceMax = 1000,
        PriceMean = 500,
        PriceStdDev = 50,
        QuantityMax = 100,
    };

    /// <summary>
    /// W2's messages but with cancels aimed the way a client cancels its own stale orders: a random
    /// one of the account's recent limit orders, open or not. Cancels then often miss (already
    /// filled or cancelled: OrderUnknown), far-from-the-money orders are never cancelled, and the
    /// book grows deep, which W2 with cancels of random open orders does not.
    /// </summary>
    public static WorkloadSpec W2D { get; } = W2 with
    {
        Name = "W2D",
        Description = "W2 with cancels of a random one of the account's 8 most recent limit orders (open or not): deep book",
        CancelTargeting = CancelTargeting.RecentOwn,
    };

    public static IReadOnlyList<WorkloadSpec> All { get; } = [W1, W2, W2D];

    public static WorkloadSpec ByName(string name) =>
        All.FirstOrDefault(w => string.Equals(w.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown workload '{name}' (known: {string.Join(", ", All.Select(w => w.Name))}).", nameof(name));
}

internal enum CancelTargeting
{
    /// <summary>The issue's "cancel of a random open order": uniform over the orders resting at that moment.</summary>
    RandomOpen,
    /// <summary>A random one of a random account's <see cref="WorkloadGenerator.RecentPerAccount"/> most recent limit orders, open or not.</summary>
    RecentOwn,
}

/// <summary>What the bare matcher reads: the same messages as the engine's commands, as one compact struct.</summary>
internal enum BareKind : byte { LimitBuy, LimitSell, MarketBuy, MarketSell, Cancel }

#pragma warning disable CA1051 // A plain data struct read in the timed loop: fields, not properties.
internal struct BareMessage
{
    /// <summary>Cancels: the target order id. Placements: unused (ids are assigned by the matcher, like the engine).</summary>
    public long OrderId;
    /// <summary>Limit price; for market orders the band edge they may trade up (buy) or down (sell) to.</summary>
    public long Price;
    public int Account;
    public int Quantity;
    public BareKind Kind;
}
#pragma warning restore CA1051

/// <summary>Pre-generated messages of one workload, for both matchers, with the mix actually generated.</summary>
internal sealed class GeneratedWorkload
{
    public required WorkloadSpec Spec { get; init; }
    public required Command[] Commands { get; init; }
    public required BareMessage[] Bare { get; init; }
    public int LimitOrders { get; init; }
    public int MarketOrders { get; init; }
    public int Cancels { get; init; }
    /// <summary>Book depth seen by the shadow matcher, sampled every 1,000 messages: mean resting orders and occupied price levels.</summary>
    public double MeanOpenOrders { get; init; }
    public int MaxOpenOrders { get; init; }
    public double MeanLevels { get; init; }
    public int Count => Commands.Length;
}

/// <summary>
/// Generates a workload's messages with a fixed seed. "Cancel a random open order" needs to know
/// which orders are open, so generation runs a shadow <see cref="BareMatcher"/> alongside: it has
/// the engine's matching rules (price-time priority, fills at the resting price, self-trade
/// prevention that cancels the taker's remainder, market orders bounded by the band), so the
/// order ids it assigns (1, 2, ... one per placement, as the engine assigns them when nothing is
/// refused and no IPO order exists) and the orders it holds open are the engine's. A cancel picks
/// one of the open orders uniformly at random and names its owner.
/// </summary>
internal static class WorkloadGenerator
{
    public const int RecentPerAccount = 8;

    public static GeneratedWorkload Generate(WorkloadSpec spec, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var rng = new Random(spec.Seed);
        var commands = new Command[count];
        var bare = new BareMessage[count];
        var shadow = new BareMatcher();
        var candidates = new List<long>(); // RandomOpen: ids that rested at some point; pruned lazily when found filled
        var recent = new RecentOrders(spec.Accounts); // RecentOwn: each account's latest limit orders
        long nextOrderId = 1;
        int limits = 0, markets = 0, cancels = 0, samples = 0, maxOpen = 0;
        double sumOpen = 0, sumLevels = 0;

        for (var i = 0; i < count; i++)
        {
            var u = rng.NextDouble();
            ref var m = ref bare[i];
            if (u < spec.CancelShare && (spec.CancelTargeting == CancelTargeting.RandomOpen
                    ? TryPickOpen(rng, shadow, candidates, out var target, out var owner)
                    : recent.TryPick(rng, out target, out owner)))
            {
                m.Kind = BareKind.Cancel;
                m.Account = owner;
                m.OrderId = target;
                commands[i] = new CancelOrder(owner, target);
                cancels++;
            }
            else
            {
                var account = SystemAccounts.FirstUserAccount + rng.Next(spec.Accounts);
                var side = rng.Next(2) == 0 ? Side.Buy : Side.Sell;
                var quantity = rng.Next(spec.QuantityMin, spec.QuantityMax + 1);
                var isMarket = u >= spec.CancelShare && u < spec.CancelShare + spec.MarketShare;
                m.Account = account;
                m.Quantity = quantity;
                if (isMarket)
                {
                    m.Kind = side == Side.Buy ? BareKind.MarketBuy : BareKind.MarketSell;
                    m.Price = side == Side.Buy ? spec.BandHigh : spec.BandLow;
                    commands[i] = new PlaceOrder(account, 1, side, OrderType.Market, quantity);
                    markets++;
                }
                else
                {
                    var price = NextPrice(rng, spec);
                    m.Kind = side == Side.Buy ? BareKind.LimitBuy : BareKind.LimitSell;
                    m.Price = price;
                    commands[i] = new PlaceOrder(account, 1, side, OrderType.Limit, quantity, price);
                    limits++;
                }
            }

            shadow.Apply(in m);
            if (m.Kind is BareKind.LimitBuy or BareKind.LimitSell)
            {
                var id = nextOrderId++;
                if (spec.CancelTargeting == CancelTargeting.RecentOwn) recent.Add(m.Account, id);
                else if (shadow.IsOpen(id)) candidates.Add(id);
            }
            else if (m.Kind != BareKind.Cancel)
            {
                nextOrderId++;
            }

            if (i % 1000 == 999)
            {
                samples++;
                sumOpen += shadow.OpenOrders;
                sumLevels += shadow.BidLevels + shadow.AskLevels;
                maxOpen = Math.Max(maxOpen, shadow.OpenOrders);
            }
        }

        if (shadow.NextOrderId != nextOrderId) throw new InvalidOperationException("Generator and shadow matcher disagree on order ids.");
        return new GeneratedWorkload { Spec = spec, Commands = commands, Bare = bare, LimitOrders = limits, MarketOrders = markets, Cancels = cancels,
            MeanOpenOrders = samples == 0 ? shadow.OpenOrders : sumOpen / samples,
            MaxOpenOrders = Math.Max(maxOpen, shadow.OpenOrders),
            MeanLevels = samples == 0 ? shadow.BidLevels + shadow.AskLevels : sumLevels / samples,
        };
    }

    private static bool TryPickOpen(Random rng, BareMatcher shadow, List<long> candidates, out long orderId, out int owner)
    {
        while (candidates.Count > 0)
        {
            var index = rng.Next(candidates.Count);
            orderId = candidates[index];
            candidates[index] = candidates[^1];
            candidates.RemoveAt(candidates.Count - 1);
            if (shadow.TryGetOwner(orderId, out owner)) return true;
        }
        orderId = 0;
        owner = 0;
        return false;
    }

    /// <summary>Per account, the ids of its most recent limit orders (newest last), in one flat array.</summary>
    private sealed class RecentOrders(int accounts)
    {
        private readonly long[] _ids = new long[accounts * RecentPerAccount];
        private readonly int[] _counts = new int[accounts];

        public void Add(int account, long orderId)
        {
            var a = account - SystemAccounts.FirstUserAccount;
            var slots = _ids.AsSpan(a * RecentPerAccount, RecentPerAccount);
            if (_counts[a] == RecentPerAccount)
            {
                slots[1..].CopyTo(slots); // forget the oldest
                _counts[a]--;
            }
            slots[_counts[a]++] = orderId;
        }

        public bool TryPick(Random rng, out long orderId, out int owner)
        {
            var a = rng.Next(_counts.Length);
            owner = SystemAccounts.FirstUserAccount + a;
            orderId = 0;
            if (_counts[a] == 0) return false;
            var slots = _ids.AsSpan(a * RecentPerAccount, _counts[a]);
            var index = rng.Next(slots.Length);
            orderId = slots[index];
            slots[(index + 1)..].CopyTo(slots[index..]); // a client does not cancel the same order twice
            _counts[a]--;
            return true;
        }
    }

    private static long NextPrice(Random rng, WorkloadSpec spec)
    {
        if (spec.PriceStdDev <= 0) return rng.NextInt64(spec.PriceMin, spec.PriceMax + 1);
        // Box-Muller; 1 - NextDouble() is in (0, 1], so the logarithm is finite.
        var z = Math.Sqrt(-2.0 * Math.Log(1.0 - rng.NextDouble())) * Math.Cos(2.0 * Math.PI * rng.NextDouble());
        return Math.Clamp((long)Math.Round(spec.PriceMean + spec.PriceStdDev * z), spec.PriceMin, spec.PriceMax);
    }
}
