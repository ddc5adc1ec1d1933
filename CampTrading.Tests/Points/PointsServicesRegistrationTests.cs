using CampTrading.Core.ReadModels;
using CampTrading.Web.Exchange;
using CampTrading.Web.Points;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace CampTrading.Tests.Points;

public class PointsServicesRegistrationTests
{
    [Fact]
    public void AddPointsServices_registers_a_resolvable_transfer_service()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddSingleton<MarketReadModel>();
        builder.Services.AddSingleton<ExchangeService>();
        builder.AddPointsServices();

        using var services = builder.Services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Assert.NotNull(services.GetRequiredService<TransferService>());
        Assert.IsType<AccountNameDirectory>(Assert.Single(services.GetServices<IRecipientDirectory>()));
        Assert.Same(services.GetRequiredService<RecipientResolver>(), services.GetRequiredService<RecipientResolver>());
    }
}
