using CampTrading.Core.Engine;
using CampTrading.Core.Trading;
using CampTrading.Tests.Support;
using CampTrading.Tests.TradingApi;
using CampTrading.Web.Exchange;
using CampTrading.Web.Staff.Records;
using Microsoft.Extensions.DependencyInjection;

namespace CampTrading.Tests.Origin;

/// <summary>
/// The staff console's camp-wide order history on a real database: every order with its origin, filtered by origin
/// (including orders from before origins were recorded), instrument, student and status, in keyset pages, and today's
/// counts by origin.
/// </summary>
public sealed class OrderHistoryTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Staff_filter_every_order_by_origin_student_and_status_in_pages_and_count_todays_by_origin()
    {
        await using var host = await TradingApiHost.StartAsync(postgres);
        var ada = await host.AddStudentAsync("H1", "Ada", 10_000);
        var ben = await host.AddStudentAsync("H2", "Ben", 10_000);
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);

        async Task<long> PlaceAsync(int account, OrderOrigin origin, Side side, long quantity, long price)
        {
            var placed = await host.Exchange.SubmitTrackedAsync(new PlaceOrder(account, 1, side, OrderType.Limit, quantity, price) { Origin = origin });
            Assert.True(placed.Result.IsOk, placed.Result.Code.ToString());
            Assert.True(await host.Services.GetRequiredService<QueryTablePersister>().WaitForAsync(placed.Seq, TimeSpan.FromSeconds(10)));
            return placed.Result.Id;
        }

        var apiBuys = new List<long>();
        for (var i = 0; i < 5; i++) apiBuys.Add(await PlaceAsync(ada.AccountId, OrderOrigin.Api, Side.Buy, 1, 16 + i % 3));
        var webBuy = await PlaceAsync(ben.AccountId, OrderOrigin.Web, Side.Buy, 2, 19);
        var telegramBuy = await PlaceAsync(ben.AccountId, OrderOrigin.Telegram, Side.Buy, 3, 18);
        var unrecorded = await PlaceAsync(ben.AccountId, OrderOrigin.Unknown, Side.Buy, 1, 17);
        var cancelled = await host.Exchange.SubmitTrackedAsync(new CancelOrder(ben.AccountId, webBuy));
        Assert.True(cancelled.Result.IsOk);
        Assert.True(await host.Services.GetRequiredService<QueryTablePersister>().WaitForAsync(cancelled.Seq, TimeSpan.FromSeconds(10)));

        var history = host.Services.GetRequiredService<OrderHistory>();
        async Task<IReadOnlyList<long>> IdsAsync(OrderHistoryQuery query) => (await history.PageAsync(query)).Rows.Select(r => r.Id).ToList();

        // Every origin's own orders, newest first; Unknown means "not recorded".
        apiBuys.Reverse();
        Assert.Equal(apiBuys, await IdsAsync(new(Origin: OrderOrigin.Api)));
        Assert.Equal([webBuy], await IdsAsync(new(Origin: OrderOrigin.Web)));
        Assert.Equal([telegramBuy], await IdsAsync(new(Origin: OrderOrigin.Telegram)));
        Assert.Equal([unrecorded], await IdsAsync(new(Origin: OrderOrigin.Unknown)));
        Assert.Empty(await IdsAsync(new(Origin: OrderOrigin.House)));

        // The rest of the row, and the other filters.
        var web = Assert.Single((await history.PageAsync(new(Origin: OrderOrigin.Web))).Rows);
        Assert.Equal((ben.AccountId, 1, Side.Buy, 19L, 2L, 0L, "cancelled", OrderOrigin.Web), (web.AccountId, web.InstrumentId, web.Side, web.Price, web.Quantity, web.Filled, web.Status, web.Origin));
        Assert.NotNull(web.CancelReason);
        Assert.Equal([unrecorded, telegramBuy], await IdsAsync(new(AccountId: ben.AccountId, Status: "open")));
        Assert.Equal([webBuy], await IdsAsync(new(Status: "cancelled")));
        Assert.Empty(await IdsAsync(new(InstrumentId: 2)));

        // Keyset pages of two walk the bot's five orders exactly once.
        var walked = new List<long>();
        long? next = null;
        do
        {
            var page = await history.PageAsync(new(Origin: OrderOrigin.Api, BeforeId: next, PageSize: 2));
            Assert.InRange(page.Rows.Count, 1, 2);
            walked.AddRange(page.Rows.Select(r => r.Id));
            next = page.NextBeforeId;
        } while (next is not null);
        Assert.Equal(apiBuys, walked);

        var today = await history.CountsByOriginAsync(before);
        Assert.Equal(5, today[OrderOrigin.Api]);
        Assert.Equal(1, today[OrderOrigin.Web]);
        Assert.Equal(1, today[OrderOrigin.Telegram]);
        Assert.False(today.ContainsKey(OrderOrigin.House));
        Assert.Empty(await history.CountsByOriginAsync(DateTimeOffset.UtcNow.AddMinutes(1)));
        await host.AssertBooksBalanceAsync();
    }
}
