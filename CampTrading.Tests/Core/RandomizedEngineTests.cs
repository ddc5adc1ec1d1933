using System.Diagnostics;
using System.Text.Json;
using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Core.Ledger;
using CampTrading.Core.Market;
using CampTrading.Core.Trading;
using Xunit.Abstractions;

namespace CampTrading.Tests.Core;

/// <summary>
/// A long random session against one engine, checking the invariant as it goes, then the same
/// command sequence replayed on a fresh engine and on engines restored from mid-run snapshots:
/// all must agree on every result, every event and the final state.
/// </summary>
public class RandomizedEngineTests(ITestOutputHelper output)
{
    private const int CommandCount = 150_000;
    private const int BatchSize = 1_000;
    private static readonly DateTimeOffset Start = new(2025, 7, 1, 8, 0, 0, TimeSpan.FromHours(8));

    private readonly record struct Stamped(long Time, Command Command);

    [Theory]
    [InlineData(20250701)]
    [InlineData(8_675_309)]
    public void Random_commands_keep_the_books_balanced_and_replay_identically(int seed)
    {
        var clock = Stopwatch.StartNew();
        var generator = new Generator(seed);
        var results = new CommandResult[CommandCount];
        var hashes = new long[CommandCount];
        var commands = new Stamped[CommandCount];
        var stats = generator.Run(commands, results, hashes);
        var firstRun = clock.Elapsed;
        var finalJson = Json(generator.Engine);

        // The same commands on a fresh engine: identical results, events and final state.
        var replay = new ExchangeEngine();
        Replay(replay, commands, 0, CommandCount, results, hashes);
        Assert.Equal(finalJson, Json(replay));

        // Snapshot and restore at two points on the way, continuing with the same commands.
        var restored = new ExchangeEngine();
        var cuts = new[] { CommandCount / 3, CommandCount * 2 / 3 };
        var from = 0;
        foreach (var cut in cuts)
        {
            Replay(restored, commands, from, cut, results, hashes);
            var snapshot = JsonSerializer.Deserialize<EngineSnapshot>(Json(restored))!;
            output.WriteLine($"restoring at {cut}: {snapshot.Orders.Count} resting orders, session {snapshot.Session}, override {snapshot.Override}");
            restored = ExchangeEngine.Restore(snapshot);
            Assert.Equal(Json(snapshot), Json(restored));
            from = cut;
        }
        Replay(restored, commands, from, CommandCount, results, hashes);
        Assert.Equal(finalJson, Json(restored));
        Assert.Empty(InvariantChecker.Check(restored));

        output.WriteLine($"seed {seed}: {stats}; {generator.Engine.OpenOrderCount} open orders, prices {string.Join("/", generator.Engine.Instruments.Select(i => i.ReferencePrice))}; first run {firstRun.TotalMilliseconds:F0} ms (sampling {generator.Sampling.ElapsedMilliseconds} ms, checks {generator.Checking.ElapsedMilliseconds} ms), all {clock.Elapsed.TotalMilliseconds:F0} ms");

        // The run must have exercised what it claims to.
        Assert.True(stats.Trades > 20_000, stats.ToString());
        Assert.True(stats.Accepted > 30_000, stats.ToString());
        Assert.True(stats.PartialFills > 1_000, stats.ToString());
        Assert.True(stats.Cancels > 3_000, stats.ToString());
        Assert.True(stats.RejectCodes.Count >= 14, stats.ToString());
        Assert.Contains(RejectCode.DailyLimitReached, stats.RejectCodes.Keys);
        Assert.True(stats.CancelReasons.Count >= 5, stats.ToString());
        Assert.True(stats.DebtRepayments > 50, stats.ToString());
        Assert.True(stats.SessionChanges > 20, stats.ToString());
        Assert.True(stats.StateChecks > 50, stats.ToString());
        // Every way points move was exercised, settlement last.
        foreach (var kind in Enum.GetValues<LedgerKind>())
            Assert.True(stats.LedgerKinds.GetValueOrDefault(kind) > (kind is LedgerKind.Settlement or LedgerKind.Issue ? 0 : 20), $"{kind}: {stats}");
        Assert.True(generator.Engine.IsSettled);
        Assert.True(generator.Engine.Faults == 0, generator.Engine.LastFault);
    }

    private static string Json(ExchangeEngine engine) => Json(engine.CreateSnapshot());

    private static string Json(EngineSnapshot snapshot) => JsonSerializer.Serialize(snapshot, TestExchange.Json);

    private static void Replay(ExchangeEngine engine, Stamped[] commands, int from, int to, CommandResult[] results, long[] hashes)
    {
        for (var i = from; i < to; i++)
        {
            var result = engine.Apply(i + 1, commands[i].Time, commands[i].Command);
            if (result != results[i]) Assert.Fail($"command {i} ({commands[i].Command}): {result} on replay, {results[i]} at first");
            var hash = Hash(engine.Events.Span);
            if (hash != hashes[i]) Assert.Fail($"command {i} ({commands[i].Command}): events differ on replay");
            engine.Events.Clear();
        }
    }

    /// <summary>A stable hash of every field of every event (process independent).</summary>
    private static long Hash(ReadOnlySpan<EngineEvent> events)
    {
        const ulong prime = 1099511628211;
        var h = 14695981039346656037UL;
        foreach (ref readonly var e in events)
        {
            Span<long> fields =
            [
                e.Seq, e.Time, (long)e.Kind, (long)e.LedgerKind, (long)e.Side, e.Code, e.Account, e.Other, e.Asset,
                e.Order, e.OtherOrder, e.Price, e.Quantity, e.Remaining, e.OtherRemaining, e.Amount, e.BalanceAfter, e.Reference,
            ];
            foreach (var f in fields) h = (h ^ (ulong)f) * prime;
        }
        return (long)h;
    }

    private readonly struct Timing : IDisposable
    {
        private readonly Stopwatch _watch;
        public Timing(Stopwatch watch) { _watch = watch; watch.Start(); }
        public void Dispose() => _watch.Stop();
    }

    internal sealed class Stats
    {
        public int Accepted;
        public int Trades;
        public int PartialFills;
        public int Cancels;
        public int DebtRepayments;
        public int SessionChanges;
        public int StateChecks;
        public Dictionary<RejectCode, int> RejectCodes { get; } = [];
        public Dictionary<CancelReason, int> CancelReasons { get; } = [];
        public Dictionary<LedgerKind, int> LedgerKinds { get; } = [];

        public override string ToString() =>
            $"{Accepted} accepted, {Trades} trades, {PartialFills} partial fills, {Cancels} cancels, {DebtRepayments} debt repayments, " +
            $"{SessionChanges} session changes, {StateChecks} rejection state checks, rejects [{string.Join(", ", RejectCodes.OrderBy(k => k.Key).Select(k => $"{k.Key}={k.Value}"))}], " +
            $"cancels [{string.Join(", ", CancelReasons.OrderBy(k => k.Key).Select(k => $"{k.Key}={k.Value}"))}], " +
            $"ledger [{string.Join(", ", LedgerKinds.OrderBy(k => k.Key).Select(k => $"{k.Key}={k.Value}"))}]";
    }

    /// <summary>Makes random commands from the state of its own engine, applying and checking each.</summary>
    private sealed class Generator(int seed)
    {
        private const int Students = 80;
        private const int Houses = 4;

        private readonly Random _rng = new(seed);
        private readonly List<int> _accounts = [];
        private readonly List<(long Id, int Account)> _open = [];
        private readonly LedgerAudit _audit = new();
        private readonly Stats _stats = new();
        private long _time = Start.UtcTicks;
        private int _seq;
        private bool _ipoWithdrawn;
        private bool _lateListed;

        public ExchangeEngine Engine { get; } = new();
        public Stopwatch Sampling { get; } = new();
        public Stopwatch Checking { get; } = new();

        public Stats Run(Stamped[] commands, CommandResult[] results, long[] hashes)
        {
            foreach (var command in Genesis()) Store(Apply(command, setup: true));
            while (_seq < CommandCount)
            {
                _time += _rng.Next(0, 2_000) * TimeSpan.TicksPerMillisecond;
                Store(Apply(Next(), setup: false));
                if (_seq % BatchSize == 0) CheckBatch();
            }
            CheckBatch();
            return _stats;

            void Store((Stamped Command, CommandResult Result, long Hash) entry)
            {
                commands[_seq - 1] = entry.Command;
                results[_seq - 1] = entry.Result;
                hashes[_seq - 1] = entry.Hash;
            }
        }

        private IEnumerable<Command> Genesis()
        {
            var intervals = new List<SessionInterval>();
            for (var day = 0; day < 3; day++)
            {
                var d = Start.Date.AddDays(day);
                intervals.Add(new(new DateTimeOffset(d.AddHours(9), Start.Offset), new DateTimeOffset(d.AddHours(12), Start.Offset)));
                intervals.Add(new(new DateTimeOffset(d.AddHours(13), Start.Offset), new DateTimeOffset(d.AddHours(17), Start.Offset)));
                intervals.Add(new(new DateTimeOffset(d.AddHours(19), Start.Offset), new DateTimeOffset(d.AddHours(22), Start.Offset)));
            }
            yield return new SetSchedule(intervals, "admin");
            yield return new SetMarketOverride(MarketOverride.ForceOpen, "admin");
            yield return new SetTradingRules(new TradingRules { MaxOrderQuantity = 1_000, DailyOrderLimit = 400 }, "admin");
            yield return new ListInstrument("CAMP", "Camp stock", 20, 1_000_000);
            yield return new ListInstrument("BYTE", "Byte stock", 50, 20_000);
            for (var i = 0; i < Students + Houses; i++)
                yield return new OpenAccount($"u{i}", i < Students ? AccountKind.Student : AccountKind.House, $"team{i % 5}");
            yield return new CreateBooth("Rust Taiwan", "hash-1", "admin");
            yield return new CreateBooth("PyCon", "hash-2", "admin", 500);
            yield return new RegisterArcadeMachine("pinball", "key-1", "admin");
            for (var i = 0; i < Students + Houses; i++)
            {
                var id = SystemAccounts.FirstUserAccount + i;
                yield return new Grant(id, Assets.Points, _rng.Next(20_000, 300_000), "start", "admin");
                if (_rng.Next(4) > 0) yield return new Grant(id, 1, _rng.Next(1, 3_000), "start", "admin");
                if (_rng.Next(4) > 0) yield return new Grant(id, 2, _rng.Next(1, 800), "start", "admin");
            }
        }

        private Command Next()
        {
            // Keep the market mostly open: a closed or halted market is soon forced open again.
            if (Engine.Session != SessionState.Open && _rng.Next(40) == 0)
                return new SetMarketOverride(MarketOverride.ForceOpen, "admin");

            // A third instrument is listed half way, after every account holds balances.
            if (!_lateListed && _seq >= CommandCount / 2)
            {
                _lateListed = true;
                return new ListInstrument("LATE", "Late listing", 8, 5_000);
            }

            if (_seq == CommandCount - 1)
                return new Settle(SettlementPriceMode.LastPrice, null, "admin");

            var roll = _rng.Next(1_000);
            return roll switch
            {
                < 520 => Order(),
                < 580 => Cancel(),
                < 620 => Grant(),
                < 750 => Economy(),
                < 760 => new Tick(),
                < 764 => Override(),
                < 766 => Rules(),
                < 767 => new OpenAccount($"late{_seq}", AccountKind.Student),
                < 768 when !_ipoWithdrawn && _seq > CommandCount * 3 / 5 => WithdrawIpo(),
                _ => Order(),
            };
        }

        private readonly List<(long Id, int Challenger)> _duels = [];
        private readonly Dictionary<long, int> _accepters = [];
        private readonly List<string> _qrCodes = [];
        private int _arcadeTx;

        /// <summary>Every other way points move: transfers, group grants, debt, restrictions, QR, booths, arcade, duels.</summary>
        private Command Economy()
        {
            var account = AnyAccount();
            var other = AnyAccount();
            var r = _rng.Next(130);
            return r switch
            {
                < 30 => new Transfer(account, _rng.Next(20) == 0 ? account : other, _rng.Next(20) == 0 ? -_rng.Next(0, 5) : _rng.Next(1, 5_000)),
                < 33 => new GrantToGroup(_rng.Next(4) == 0 ? null : $"team{_rng.Next(6)}", _rng.Next(3) == 0 ? -_rng.Next(1, 2_000) : _rng.Next(1, 2_000), "group", "staff"),
                < 36 => new RecordDebt(account, _rng.Next(10) == 0 ? 0 : _rng.Next(1, 20_000), "fine", "staff"),
                < 38 => new ClearDebt(account, "forgiven", "staff"),
                < 40 => new SetRestrictions(account, _rng.Next(10) switch { < 6 => AccountRestrictions.None, < 8 => AccountRestrictions.Frozen, _ => AccountRestrictions.Disabled }, "staff"),
                < 41 => new SetTeam(account, $"team{_rng.Next(6)}", "staff"),
                < 44 => NewQrCodes(),
                < 58 => new RedeemQr(account, _qrCodes.Count == 0 || _rng.Next(20) == 0 ? "NOSUCHCODE" : _qrCodes[_rng.Next(_qrCodes.Count)]),
                < 59 when _qrCodes.Count > 0 => new VoidQr(_qrCodes[_rng.Next(_qrCodes.Count)], "staff"),
                < 68 => new AwardBooth(_rng.Next(0, 4), account, "booth staff"),
                < 84 => new ArcadeTransaction(1, _rng.Next(10) == 0 && _arcadeTx > 0 ? $"tx{_rng.Next(_arcadeTx)}" : $"tx{_arcadeTx++}", account,
                    _rng.Next(3) == 0 ? _rng.Next(1, 300) : -_rng.Next(0, 50), "pinball"),
                < 96 => new CreateDuel(account, _rng.Next(3) == 0 ? other : null, _rng.Next(10) == 0 ? -1 : _rng.Next(1, 3_000),
                    _rng.Next(2) == 0 ? DuelGame.CoinFlip : DuelGame.RockPaperScissors, TimeSpan.FromMinutes(_rng.Next(1, 10))),
                < 110 => _duels.Count == 0 ? new Tick() : new AcceptDuel(PickDuel().Id, other, _rng.Next()),
                < 126 => _duels.Count == 0 ? new Tick() : ChooseInDuel(),
                _ => _duels.Count == 0 ? new Tick() : new CancelDuel(PickDuel().Id, _rng.Next(3) == 0 ? other : PickDuel().Challenger, _rng.Next(4) == 0 ? "staff" : null),
            };
        }

        private CreateQrCodes NewQrCodes()
        {
            var codes = Enumerable.Range(0, _rng.Next(1, 4)).Select(_ => $"QR{_seq}X{_rng.Next(1_000_000)}").ToArray();
            _qrCodes.AddRange(codes);
            var expires = _rng.Next(3) == 0 ? new DateTimeOffset(_time, TimeSpan.Zero).AddMinutes(_rng.Next(1, 120)) : (DateTimeOffset?)null;
            return new CreateQrCodes(codes, _rng.Next(20) == 0 ? 5_000 : _rng.Next(1, 1_000), _rng.Next(1, 4), expires, "batch", "staff");
        }

        private (long Id, int Challenger) PickDuel() => _duels[_rng.Next(_duels.Count)];

        private ChooseDuel ChooseInDuel()
        {
            var (id, challenger) = PickDuel();
            var chooser = _rng.Next(10) switch { < 4 => challenger, < 9 => _accepters.GetValueOrDefault(id, challenger), _ => AnyAccount() };
            return new ChooseDuel(id, chooser, (DuelChoice)_rng.Next(_rng.Next(30) == 0 ? 5 : 3));
        }

        private WithdrawIpo WithdrawIpo()
        {
            _ipoWithdrawn = true;
            return new WithdrawIpo(1);
        }

        private int AnyAccount()
        {
            var r = _rng.Next(100);
            if (r == 0) return _rng.Next(1, 11);          // a system account
            if (r == 1) return _rng.Next(-3, 100);        // no such account
            if (r == 2) return 100_000 + _rng.Next(10);   // no such account
            return _accounts[_rng.Next(_accounts.Count)];
        }

        private PlaceOrder Order()
        {
            var account = AnyAccount();
            var instrumentRoll = _rng.Next(100);
            var listed = Engine.Instruments.Count;
            var instrument = instrumentRoll switch { 0 => _rng.Next(-1, 1), 1 => listed + 1 + _rng.Next(5), < 55 => 1, < 88 => 2, _ => listed };
            var side = _rng.Next(2) == 0 ? Side.Buy : Side.Sell;
            var type = _rng.Next(100) < 78 ? OrderType.Limit : OrderType.Market;
            var tif = _rng.Next(100) < 70 ? TimeInForce.Gtc : TimeInForce.Ioc;
            if (_rng.Next(500) == 0) side = (Side)_rng.Next(2, 9);
            if (_rng.Next(500) == 0) type = (OrderType)_rng.Next(2, 9);
            if (_rng.Next(500) == 0) tif = (TimeInForce)_rng.Next(3, 10);

            var max = Engine.Rules.MaxOrderQuantity;
            var q = _rng.Next(100);
            long quantity = q switch
            {
                < 2 => -_rng.Next(0, 5),
                < 4 => max + 1 + _rng.Next(1_000),
                < 8 => _rng.Next(200, (int)max + 1),
                < 40 => _rng.Next(1, 10),
                _ => _rng.Next(1, 120),
            };

            long price = 0;
            if (type != OrderType.Market || _rng.Next(4) == 0)
            {
                var target = Engine.FindInstrument(Math.Clamp(instrument, 1, listed))!;
                var reference = target.ReferencePrice;
                var reach = Math.Max(1, reference * Engine.Rules.BandPercent / 100);
                // Prices lean back towards the IPO price, so they wander but do not collapse to 1 tick.
                var lean = Math.Clamp((target.IpoPrice - reference) / 3, -reach, reach);
                var p = _rng.Next(100);
                price = p switch
                {
                    < 2 => -_rng.Next(0, 3),                                                      // not a price
                    < 8 => reference + (_rng.Next(2) == 0 ? -1 : 1) * (reach + 1 + _rng.Next(5)), // outside the band
                    _ => Math.Max(1, reference + lean / 2 + Spread(side, reach)),                // mostly inside
                };
            }
            if (tif == TimeInForce.Ioc && quantity % 4 == 0) tif = TimeInForce.Fok; // a quarter of the IOCs, without another draw
            return new PlaceOrder(account, instrument, side, type, quantity, price, tif);
        }

        /// <summary>Most limit orders are passive (bids below, asks above the reference) and build depth; some cross.</summary>
        private long Spread(Side side, long reach)
        {
            var away = _rng.Next(0, (int)reach + 1);
            var passive = _rng.Next(100) < 70;
            return (side == Side.Buy) == passive ? -away : away;
        }

        private CancelOrder Cancel()
        {
            var r = _rng.Next(100);
            if (_open.Count == 0 || r < 3) return new CancelOrder(AnyAccount(), _rng.Next(-5, 500_000));
            var index = _rng.Next(_open.Count);
            var (id, owner) = _open[index];
            _open[index] = _open[^1];
            _open.RemoveAt(_open.Count - 1);
            return new CancelOrder(r < 8 ? AnyAccount() : owner, id);
        }

        private Grant Grant()
        {
            var account = _rng.Next(50) == 0 ? AnyAccount() : _accounts[_rng.Next(_accounts.Count)];
            var r = _rng.Next(100);
            if (r < 2) return new Grant(account, Assets.Points, 0, "zero", "staff");
            if (r < 4) return new Grant(account, Engine.Instruments.Count + 1 + _rng.Next(3), 10, "unknown asset", "staff");
            if (r < 55) return new Grant(account, Assets.Points, _rng.Next(100, 30_000), "prize", "staff");
            if (r < 75) return new Grant(account, Assets.Points, -_rng.Next(100, 60_000), "fine", "staff");
            var asset = _rng.Next(1, Engine.Instruments.Count + 1);
            return new Grant(account, asset, _rng.Next(100) < 60 ? _rng.Next(1, 300) : -_rng.Next(1, 500), "shares", "staff");
        }

        private SetMarketOverride Override()
        {
            var r = _rng.Next(100);
            var value = r switch { < 35 => MarketOverride.ForceOpen, < 55 => MarketOverride.None, < 75 => MarketOverride.Halt, < 95 => MarketOverride.ForceClose, _ => (MarketOverride)7 };
            return new SetMarketOverride(value, "admin");
        }

        private SetTradingRules Rules()
        {
            var band = _rng.Next(10) == 0 ? _rng.Next(-2, 1) : _rng.Next(5, 60);
            return new SetTradingRules(new TradingRules
            {
                BandPercent = band,
                MaxOrderQuantity = _rng.Next(200, 2_000),
                DailyOrderLimit = _rng.Next(150, 800),
                CancelAllAtClose = _rng.Next(3) == 0,
            }, "admin");
        }

        private (Stamped, CommandResult, long) Apply(Command command, bool setup)
        {
            var seq = ++_seq;
            var sample = !setup && seq % 97 == 0 && command is PlaceOrder;
            Sampling.Start();
            var before = sample ? StateJson() : null;
            Sampling.Stop();

            var result = Engine.Apply(seq, _time, command);
            var events = Engine.Events.Span;
            if (setup) Assert.True(result.IsOk, $"{command}: {result.Code}");
            Check(command, result, events, before);
            _audit.Read(events);
            var hash = Hash(events);
            Engine.Events.Clear();

            if (command is OpenAccount && result.IsOk) _accounts.Add((int)result.Id);
            if (command is CreateDuel created && result.IsOk) _duels.Add((result.Id, created.ChallengerId));
            if (command is AcceptDuel accepted && result.IsOk) _accepters[accepted.DuelId] = accepted.AccountId;
            if (_duels.Count > 12) _duels.RemoveRange(0, 6); // recent duels: older ones have mostly ended
            return (new Stamped(_time, command), result, hash);
        }

        private string StateJson() => JsonSerializer.Serialize(Engine.CreateSnapshot() with { Seq = 0, Time = 0 }, TestExchange.Json);

        private void Check(Command command, CommandResult result, ReadOnlySpan<EngineEvent> events, string? before)
        {
            long tradedValue = 0, traded = 0;
            var trades = 0;
            var rejected = 0;
            foreach (ref readonly var e in events)
            {
                if (e.Kind == EventKind.Ledger && e.Amount > 0) _stats.LedgerKinds[e.LedgerKind] = _stats.LedgerKinds.GetValueOrDefault(e.LedgerKind) + 1;
                switch (e.Kind)
                {
                    case EventKind.Trade:
                        trades++;
                        traded += e.Quantity;
                        tradedValue += e.Price * e.Quantity;
                        var instrument = Engine.FindInstrument(e.Asset)!;
                        Assert.InRange(e.Price, instrument.BandLow(Engine.Rules.BandPercent), instrument.BandHigh(Engine.Rules.BandPercent));
                        Assert.NotEqual(e.Account, e.Other);
                        Assert.True(e.Quantity > 0);
                        _stats.Trades++;
                        break;
                    case EventKind.OrderCancelled:
                        _stats.CancelReasons[e.CancelReason] = _stats.CancelReasons.GetValueOrDefault(e.CancelReason) + 1;
                        Assert.True(e.Remaining > 0);
                        break;
                    case EventKind.OrderRejected:
                        rejected++;
                        break;
                    case EventKind.Ledger when e.LedgerKind == LedgerKind.DebtRepayment && e.Amount > 0:
                        _stats.DebtRepayments++;
                        break;
                    case EventKind.SessionChanged:
                        _stats.SessionChanges++;
                        break;
                }
            }

            if (command is PlaceOrder place)
            {
                if (!result.IsOk)
                {
                    _stats.RejectCodes[result.Code] = _stats.RejectCodes.GetValueOrDefault(result.Code) + 1;
                    Assert.Equal(1, rejected);
                    Assert.Equal(0, trades);
                    Assert.Equal(OrderStatus.Rejected, result.Status);
                    // A rejection changes nothing (unless time crossed a session boundary first).
                    if (before is not null && events.Length == 1)
                    {
                        Assert.Equal(before, StateJson());
                        _stats.StateChecks++;
                    }
                    return;
                }

                _stats.Accepted++;
                Assert.Equal(0, rejected);
                Assert.Equal(place.Quantity, result.Filled + result.Remaining);
                Assert.Equal(traded, result.Filled);
                Assert.Equal(tradedValue, result.FilledValue);
                if (result.Filled > 0 && result.Remaining > 0) _stats.PartialFills++;
                if (place.Type == OrderType.Limit && result.Filled > 0)
                    Assert.True(place.Side == Side.Buy ? result.FilledValue <= place.Price * result.Filled : result.FilledValue >= place.Price * result.Filled);
                switch (result.Status)
                {
                    case OrderStatus.Filled:
                        Assert.Equal(0, result.Remaining);
                        break;
                    case OrderStatus.Open:
                        Assert.True(place.Type == OrderType.Limit && place.TimeInForce == TimeInForce.Gtc);
                        Assert.True(result.Remaining > 0);
                        _open.Add((result.Id, place.AccountId));
                        break;
                    case OrderStatus.Cancelled:
                        Assert.True(result.Remaining > 0);
                        Assert.NotEqual(CancelReason.None, result.CancelReason);
                        if (place.TimeInForce == TimeInForce.Fok) Assert.Equal((0L, CancelReason.FokUnfilled), (result.Filled, result.CancelReason));
                        break;
                    default:
                        Assert.Fail($"accepted order with status {result.Status}");
                        break;
                }
            }
            else if (command is CancelOrder && result.IsOk)
            {
                _stats.Cancels++;
                Assert.Equal(OrderStatus.Cancelled, result.Status);
                Assert.True(result.Remaining > 0);
            }
            else
            {
                Assert.Equal(0, trades);
            }
        }

        private void CheckBatch()
        {
            using var _ = new Timing(Checking);
            var problems = InvariantChecker.Check(Engine);
            Assert.True(problems.Count == 0, $"after seq {_seq}: " + string.Join("; ", problems.Take(10)));
            _audit.AssertMatches(Engine);

            // Cancels pick from what really rests now (plus whatever was added since), in book order.
            _open.Clear();
            foreach (var instrument in Engine.Instruments)
                foreach (var level in instrument.Book.Bids.Levels().Concat(instrument.Book.Asks.Levels()))
                    for (var order = level.Head; order is not null; order = order.Next)
                        if (order.AccountId != SystemAccounts.Treasury) _open.Add((order.Id, order.AccountId));

            if (_seq % (10 * BatchSize) != 0) return;

            // Every resting order is indexed by id and owned by its account, and nothing else is.
            var inBooks = Engine.Instruments.Sum(i => i.Book.Bids.Levels().Concat(i.Book.Asks.Levels()).Sum(l => l.Count));
            Assert.Equal(inBooks, Engine.OpenOrderCount);
            var byAccount = Engine.Accounts().Sum(a => Engine.OpenOrdersOf(a.Id).Count);
            Assert.Equal(inBooks, byAccount);
        }
    }
}
