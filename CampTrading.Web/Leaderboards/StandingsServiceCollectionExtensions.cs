using CampTrading.Core.ReadModels;
using Microsoft.Extensions.Options;
using CampTrading.Web.Exchange;

namespace CampTrading.Web.Leaderboards;

public static class StandingsServiceCollectionExtensions
{
    /// <summary>Leaderboards (over the market read model) and ledger history (over the query tables). Call after AddExchangeServices.</summary>
    public static WebApplicationBuilder AddStandingsServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<LeaderboardOptions>()
            .Bind(builder.Configuration.GetSection(LeaderboardOptions.Section))
            .Validate(o => o.IsValid, "Leaderboard multipliers must be 0–10000 percent.")
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => new Leaderboard(
            sp.GetRequiredService<MarketReadModel>(), sp.GetRequiredService<IOptions<LeaderboardOptions>>().Value));
        builder.Services.AddSingleton<LedgerHistory>();
        return builder;
    }
}
