using CampTrading.Core.Engine;
using CampTrading.Core.Market;
using CampTrading.Core.ReadModels;
using CampTrading.Tests.Infrastructure;

namespace CampTrading.Tests.Durability;

public sealed class ScheduledSessionTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task The_schedule_opens_and_closes_the_market_with_nobody_trading()
    {
        await using var exchange = await DurableExchange.OpenAsync(await postgres.CreateDatabaseAsync("schedule"));
        await exchange.StartAsync();
        await exchange.SubmitAsync(new ListInstrument("CAMP", "Camp", 20, 1_000));
        using var updates = exchange.ReadModel.Updates.Subscribe();

        var opens = DateTimeOffset.UtcNow.AddMilliseconds(700);
        var closes = opens.AddMilliseconds(700);
        Assert.True((await exchange.SubmitAsync(new SetSchedule([new SessionInterval(opens, closes)], "staff"))).IsOk);
        Assert.Equal(SessionState.Closed, exchange.ReadModel.Status.Session);
        Assert.Equal(opens, exchange.ReadModel.Status.NextChangeAt);

        await WaitForAsync(exchange.ReadModel, updates, SessionState.Open);
        Assert.True(DateTimeOffset.UtcNow >= opens);
        await WaitForAsync(exchange.ReadModel, updates, SessionState.Closed);
        Assert.True(DateTimeOffset.UtcNow >= closes);
        Assert.Null(exchange.ReadModel.Status.NextChangeAt);
    }

    private static async Task WaitForAsync(MarketReadModel market, Broadcast<MarketUpdate>.Subscription updates, SessionState state)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (market.Status.Session != state) await updates.Reader.ReadAsync(timeout.Token);
    }
}
