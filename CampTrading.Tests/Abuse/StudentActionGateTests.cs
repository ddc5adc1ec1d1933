using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Core.Market;
using CampTrading.Core.Trading;
using CampTrading.Tests.Qr;
using CampTrading.Tests.Roster;
using CampTrading.Web.Abuse;
using Microsoft.Extensions.Options;

namespace CampTrading.Tests.Abuse;

/// <summary>Student actions are limited at the exchange's door, before the queue, for every caller (pages, APIs, the bot).</summary>
public sealed class StudentActionGateTests : IAsyncDisposable
{
    private readonly ManualTime _time = new(new DateTimeOffset(2026, 7, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly ServiceHost _host;
    private int _instrument;

    public StudentActionGateTests()
    {
        var limits = new StudentLimitOptions
        {
            Window = TimeSpan.FromMinutes(1),
            Orders = new ActionLimit { PerAccount = 3, PerSource = 5 },
            Transfers = new ActionLimit { PerAccount = 2, PerSource = 100 },
        };
        _host = new ServiceHost(new StudentActionLimiter(Options.Create(limits), _time));
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private async Task<int> StudentAsync(string name)
    {
        var id = await _host.OpenAccountAsync(name);
        Assert.True((await _host.Exchange.SubmitAsync(new Grant(id, Assets.Points, 10_000, "start", "test"))).IsOk);
        return id;
    }

    private async Task OpenMarketAsync()
    {
        _instrument = (int)(await _host.Exchange.SubmitAsync(new ListInstrument("ABC", "Abc Corp", 20, 1_000))).Id;
        Assert.True((await _host.Exchange.SubmitAsync(new SetMarketOverride(MarketOverride.ForceOpen, "test"))).IsOk);
    }

    private Task<CommandResult> BuyAsync(int account, long quantity = 1) =>
        _host.Exchange.SubmitAsync(new PlaceOrder(account, _instrument, Side.Buy, OrderType.Limit, quantity, 18));

    [Fact]
    public async Task An_order_flood_from_one_account_is_refused_before_the_queue_while_another_account_trades()
    {
        await OpenMarketAsync();
        var flooder = await StudentAsync("flooder");
        var other = await StudentAsync("other");

        var first = await BuyAsync(flooder);
        Assert.True(first.IsOk);
        for (var i = 0; i < 2; i++) Assert.True((await BuyAsync(flooder)).IsOk);
        var seq = await _host.ReadAsync(e => e.LastSeq);
        for (var i = 0; i < 20; i++)
        {
            var refused = await BuyAsync(flooder);
            Assert.Equal(RejectCode.RateLimited, refused.Code);
            Assert.Equal(60, refused.Detail1); // seconds to wait
        }
        Assert.Equal(seq, await _host.ReadAsync(e => e.LastSeq)); // none of the flood reached the engine or the journal
        Assert.True((await _host.Exchange.SubmitAsync(new CancelOrder(flooder, first.Id))).IsOk); // cancels have their own allowance

        Assert.True((await BuyAsync(other)).IsOk);
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.True((await BuyAsync(flooder)).IsOk);
    }

    [Fact]
    public async Task Attempts_the_engine_refuses_count_too()
    {
        await OpenMarketAsync();
        var student = await StudentAsync("student");
        for (var i = 0; i < 3; i++) Assert.Equal(RejectCode.InvalidQuantity, (await BuyAsync(student, quantity: 0)).Code);
        Assert.Equal(RejectCode.RateLimited, (await BuyAsync(student)).Code);
    }

    [Fact]
    public async Task One_source_is_limited_across_accounts_and_staff_commands_are_never_limited()
    {
        await OpenMarketAsync();
        var accounts = new List<int>();
        for (var i = 0; i < 6; i++) accounts.Add(await StudentAsync("s" + i));
        using (ActionSource.Use("10.0.0.66"))
        {
            for (var i = 0; i < 5; i++) Assert.True((await BuyAsync(accounts[i])).IsOk);
            Assert.Equal(RejectCode.RateLimited, (await BuyAsync(accounts[5])).Code);
            for (var i = 0; i < 20; i++) Assert.True((await _host.Exchange.SubmitAsync(new Grant(accounts[5], Assets.Points, 1, "staff", "admin"))).IsOk);
        }
        using (ActionSource.Use("10.0.0.5"))
            Assert.True((await BuyAsync(accounts[5])).IsOk);
    }

    [Fact]
    public async Task Transfers_are_limited_per_account()
    {
        var from = await StudentAsync("from");
        var to = await StudentAsync("to");
        for (var i = 0; i < 2; i++) Assert.True((await _host.Exchange.SubmitAsync(new Transfer(from, to, 10))).IsOk);
        Assert.Equal(RejectCode.RateLimited, (await _host.Exchange.SubmitAsync(new Transfer(from, to, 10))).Code);
    }

    public static TheoryData<Command, ActionKind, int> StudentCommands() => new()
    {
        { new PlaceOrder(101, 1, Side.Buy, OrderType.Limit, 1, 10), ActionKind.Order, 101 },
        { new CancelOrder(102, 5), ActionKind.Cancel, 102 },
        { new RedeemQr(103, "CODE"), ActionKind.QrRedeem, 103 },
        { new CreateDuel(104, null, 10, DuelGame.CoinFlip), ActionKind.Duel, 104 },
        { new AcceptDuel(1, 105, 0), ActionKind.Duel, 105 },
        { new ChooseDuel(1, 106, DuelChoice.Rock), ActionKind.Duel, 106 },
        { new CancelDuel(1, 107), ActionKind.Duel, 107 },
        { new Transfer(108, 109, 5), ActionKind.Transfer, 108 },
    };

    [Theory]
    [MemberData(nameof(StudentCommands))]
    public void Every_student_action_is_classified_with_its_acting_account(Command command, ActionKind kind, int account) =>
        Assert.Equal((kind, account), StudentActionGate.Classify(command));

    [Fact]
    public void Staff_system_and_machine_commands_are_not_student_actions()
    {
        Assert.Null(StudentActionGate.Classify(new CancelDuel(1, 0, "admin")));
        Assert.Null(StudentActionGate.Classify(new Grant(101, Assets.Points, 5, "r", "admin")));
        Assert.Null(StudentActionGate.Classify(new PlaceOrder(SystemAccounts.Treasury, 1, Side.Sell, OrderType.Limit, 1, 10)));
        Assert.Null(StudentActionGate.Classify(new ArcadeTransaction(1, "t", 101, -5, "pinball")));
    }
}
