using CampTrading.Web.Duels;

// In WebApplicationBuilder's own namespace (implicitly imported), so Program.cs needs one line and no using.
namespace Microsoft.AspNetCore.Builder;

public static class DuelServiceCollectionExtensions
{
    /// <summary>Student duels and their staff moderation. Call after AddExchangeServices and AddPointsServices.</summary>
    public static WebApplicationBuilder AddDuelServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DuelService>();
        return builder;
    }
}
