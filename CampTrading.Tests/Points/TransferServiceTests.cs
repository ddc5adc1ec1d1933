using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Core.Journal;
using CampTrading.Core.Market;
using CampTrading.Core.Points;
using CampTrading.Core.ReadModels;
using CampTrading.Web.Exchange;
using CampTrading.Web.Points;

namespace CampTrading.Tests.Points;

/// <summary>The web transfer service over a real sequencer (in-memory journal) and read model.</summary>
[SuppressMessage("Design", "CA1001", Justification = "The sequencer is disposed in IAsyncLifetime.DisposeAsync.")]
public sealed class TransferServiceTests : IAsyncLifetime
{
    private readonly MarketReadModel _market = new();
    private readonly ExchangeService _exchange;
    private readonly TransferService _transfers;
    private Sequencer _sequencer = null!;
    private int _alice;
    private int _bob;

    public TransferServiceTests()
    {
        _exchange = new ExchangeService(_market);
        _transfers = new TransferService(_exchange, new RecipientResolver(_market, [new AccountNameDirectory(_market)]));
    }

    public async Task InitializeAsync()
    {
        _sequencer = new Sequencer(new ExchangeEngine(), new MemoryJournal(), null, TimeProvider.System, new SequencerOptions(), [_market]);
        _sequencer.Start();
        _exchange.Started(_sequencer, new RecoveryReport(0, 0, 0, TimeSpan.Zero));
        _alice = (int)(await Submit(new OpenAccount("Alice", AccountKind.Student, "Red"))).Id;
        _bob = (int)(await Submit(new OpenAccount("王小明", AccountKind.Student, "Blue"))).Id;
        await Submit(new Grant(_alice, Assets.Points, 1_000, "start", "test"));
    }

    public async Task DisposeAsync() => await _sequencer.DisposeAsync();

    private async Task<CommandResult> Submit(Command command)
    {
        var r = await _exchange.SubmitAsync(command);
        Assert.True(r.IsOk, $"{command}: {r.Code}");
        return r;
    }

    [Fact]
    public async Task Preview_prices_with_the_live_rules_and_the_engine_charges_the_same()
    {
        await Submit(new SetTradingRules(new TradingRules { TransferFeeBasisPoints = 300, MinTransferFee = 2 }, "admin"));
        var preview = _transfers.Preview(_alice, "@王小明", 150);

        Assert.True(preview.CanSubmit);
        Assert.Equal(_bob, preview.Recipient.Recipient!.AccountId);
        Assert.Equal(TransferFees.For(150, _market.Status.Rules), preview.Fee);
        Assert.Equal(5, preview.Fee); // 4.5 → 5
        Assert.Equal(155, preview.Total);
        Assert.Equal(1_000, preview.Available);

        var result = await _transfers.SubmitAsync(_alice, preview.Recipient.Recipient.AccountId, preview.Amount, "  for lunch ");
        Assert.True(result.IsOk);
        Assert.Equal(preview.Fee, result.Detail1);
        Assert.Equal(1_000 - 155, _market.Account(_alice)!.Points);
        Assert.Equal(150, _market.Account(_bob)!.Points);
    }

    [Fact]
    public async Task Previews_and_charges_agree_for_random_amounts_and_rules()
    {
        await Submit(new Grant(_alice, Assets.Points, 100_000_000, "more", "test"));
        var random = new Random(5);
        for (var i = 0; i < 40; i++)
        {
            await Submit(new SetTradingRules(new TradingRules { TransferFeeBasisPoints = random.Next(0, 2_000), MinTransferFee = random.Next(0, 50) }, "admin"));
            var amount = random.NextInt64(1, 1_000_000);
            var preview = _transfers.Preview(_alice, "王小明", amount);
            var before = _market.Account(_alice)!.Points;
            var outcome = await _transfers.TransferAsync(_alice, "王小明", amount);
            Assert.True(outcome.Result!.Value.IsOk);
            Assert.Equal(preview.Fee, outcome.Result.Value.Detail1);
            Assert.Equal(preview.Total, before - _market.Account(_alice)!.Points);
        }
    }

    [Fact]
    public void Preview_reports_problems_before_submission()
    {
        Assert.Equal(RejectCode.InsufficientPoints, _transfers.Preview(_alice, "王小明", 991).Problem); // 991 + 10
        Assert.Equal(RejectCode.None, _transfers.Preview(_alice, "王小明", 990).Problem);
        Assert.Equal(RejectCode.TransferToSelf, _transfers.Preview(_alice, "alice", 10).Problem);
        Assert.Equal(RejectCode.InvalidAmount, _transfers.Preview(_alice, "王小明", 0).Problem);
        Assert.Equal(RejectCode.InvalidAmount, _transfers.Preview(_alice, "王小明", -5).Problem);
        Assert.False(_transfers.Preview(_alice, "nobody", 10).CanSubmit);
        Assert.Equal(RecipientOutcome.NotFound, _transfers.Preview(_alice, "nobody", 10).Recipient.Outcome);
    }

    [Fact]
    public async Task An_ambiguous_recipient_is_never_paid()
    {
        var second = (int)(await Submit(new OpenAccount("王小明", AccountKind.Student, "Red"))).Id;
        var outcome = await _transfers.TransferAsync(_alice, "王小明", 100);

        Assert.Null(outcome.Result);
        Assert.Equal(RecipientOutcome.Ambiguous, outcome.Recipient.Outcome);
        Assert.Equal([_bob, second], outcome.Recipient.Candidates.Select(c => c.AccountId));
        Assert.Equal(1_000, _market.Account(_alice)!.Points);
        Assert.False(_transfers.Preview(_alice, "王小明", 100).CanSubmit);
    }

    [Fact]
    public async Task Engine_refusals_come_back_as_results()
    {
        await Submit(new SetRestrictions(_alice, AccountRestrictions.Frozen, "admin"));
        var outcome = await _transfers.TransferAsync(_alice, "王小明", 100);
        Assert.Equal(RejectCode.AccountFrozen, outcome.Result!.Value.Code);
        Assert.Equal(1_000, _market.Account(_alice)!.Points);
    }
}
