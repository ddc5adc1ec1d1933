using System.Text.Json;
using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Core.Journal;
using CampTrading.Core.Trading;
using CampTrading.Tests.Core;

namespace CampTrading.Tests.StaffConsole;

/// <summary>SetIpoOffer: staff re-price, grow, shrink or withdraw an IPO pool; the harness checks conservation after every command.</summary>
public sealed class IpoOfferTests
{
    private readonly TestExchange _x = new();
    private readonly int _camp;
    private readonly int _alice;

    public IpoOfferTests()
    {
        _camp = _x.List("CAMP", ipoPrice: 20, ipoShares: 1_000);
        _alice = _x.OpenAccount("alice", 10_000);
        _x.Buy(_alice, _camp, 100, 20); // 100 shares sold from the IPO
    }

    private Order IpoOrder() => _x.Instrument(_camp).Book.Asks.Best!.Head!;

    private long Treasury(int asset) => _x.Account(SystemAccounts.Treasury).Balance(asset);

    [Fact]
    public void A_larger_pool_at_a_new_price_issues_only_the_missing_shares()
    {
        var result = _x.Ok(new SetIpoOffer(_camp, 22, 1_500, "staff"));

        Assert.Equal(600, result.Detail1); // the treasury held 900 unsold
        Assert.Equal(result.Id, _x.Instrument(_camp).IpoOrderId);
        Assert.Equal((22, 1_500), (IpoOrder().Price, IpoOrder().Remaining));
        Assert.Equal(1_500, Treasury(_camp));
        Assert.Equal(22, _x.Engine.OpenOrdersOf(SystemAccounts.Treasury).Single().Price);

        // Students buy from the new offer at its price.
        var fill = _x.Buy(_alice, _camp, 10, 22);
        Assert.Equal((10, 220), (fill.Filled, fill.FilledValue));
    }

    [Fact]
    public void A_smaller_pool_keeps_the_rest_in_the_treasury_unoffered()
    {
        var result = _x.Ok(new SetIpoOffer(_camp, 20, 300, "staff"));

        Assert.Equal(0, result.Detail1);
        Assert.Equal(300, IpoOrder().Remaining);
        Assert.Equal(900, Treasury(_camp));
        Assert.Equal(300, _x.Account(SystemAccounts.Treasury).ReservedOf(_camp));
    }

    [Fact]
    public void Zero_shares_withdraws_and_a_later_offer_reopens_the_pool()
    {
        _x.Ok(new SetIpoOffer(_camp, 20, 0, "staff"));
        Assert.True(_x.Instrument(_camp).Book.Asks.IsEmpty);
        Assert.Equal(0, _x.Instrument(_camp).IpoOrderId);
        _x.Reject(new WithdrawIpo(_camp), RejectCode.OrderUnknown);

        _x.Ok(new SetIpoOffer(_camp, 21, 200, "staff"));
        Assert.Equal((21, 200), (IpoOrder().Price, IpoOrder().Remaining));
    }

    [Fact]
    public void A_price_outside_the_band_or_at_the_best_bid_is_refused_with_the_allowed_range()
    {
        var band = _x.Reject(new SetIpoOffer(_camp, 25, 500, "staff"), RejectCode.PriceOutsideBand); // band 16–24
        Assert.Equal((16, 24), (band.Detail1, band.Detail2));

        _x.Ok(new SetIpoOffer(_camp, 20, 0, "staff"));
        _x.Buy(_alice, _camp, 5, 19); // a resting bid at 19: an offer at 19 would cross it
        var crossing = _x.Reject(new SetIpoOffer(_camp, 19, 500, "staff"), RejectCode.PriceOutsideBand);
        Assert.Equal((20, 24), (crossing.Detail1, crossing.Detail2));
    }

    [Fact]
    public void Bad_input_is_refused_and_changes_nothing()
    {
        _x.Reject(new SetIpoOffer(99, 20, 10, "staff"), RejectCode.InstrumentUnknown);
        _x.Reject(new SetIpoOffer(_camp, 0, 10, "staff"), RejectCode.InvalidPrice);
        _x.Reject(new SetIpoOffer(_camp, 20, -1, "staff"), RejectCode.InvalidQuantity);
        _x.Reject(new SetIpoOffer(_camp, 20, SetIpoOffer.MaxShares + 1, "staff"), RejectCode.InvalidQuantity);
    }

    [Fact]
    public void The_new_offer_survives_a_snapshot_and_the_command_a_journal_round_trip()
    {
        var command = new SetIpoOffer(_camp, 23, 2_000, "staff");
        Assert.Equal(command, CommandSerializer.Deserialize(CommandSerializer.Serialize(command)));
        _x.Ok(command);

        var json = JsonSerializer.Serialize(_x.Engine.CreateSnapshot(), TestExchange.Json);
        var restored = ExchangeEngine.Restore(JsonSerializer.Deserialize<EngineSnapshot>(json, TestExchange.Json)!);
        Assert.Equal(json, JsonSerializer.Serialize(restored.CreateSnapshot(), TestExchange.Json));
        Assert.Equal(_x.Instrument(_camp).IpoOrderId, restored.FindInstrument(_camp)!.IpoOrderId);

        // The restored engine can replace the offer again.
        var again = TestExchange.Around(restored);
        again.Ok(new SetIpoOffer(_camp, 21, 100, "staff"));
        Assert.Equal(21, again.Instrument(_camp).Book.Asks.Best!.Head!.Price);
    }
}
