using CampTrading.Web.Points;

// In WebApplicationBuilder's own namespace (implicitly imported), so Program.cs needs one line and no using.
namespace Microsoft.AspNetCore.Builder;

public static class PointsServiceCollectionExtensions
{
    /// <summary>Recipient resolution and transfers. Call after AddExchangeServices. Identity adds more <see cref="IRecipientDirectory"/> keys.</summary>
    public static WebApplicationBuilder AddPointsServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IRecipientDirectory, AccountNameDirectory>();
        builder.Services.AddSingleton<RecipientResolver>();
        builder.Services.AddSingleton<TransferService>();
        return builder;
    }
}
