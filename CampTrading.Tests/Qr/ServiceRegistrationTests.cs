using CampTrading.Core.ReadModels;
using CampTrading.Web.Arcade;
using CampTrading.Web.Booths;
using CampTrading.Web.Exchange;
using CampTrading.Web.Qr;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CampTrading.Tests.Qr;

public class ServiceRegistrationTests
{
    [Fact]
    public async Task The_extension_methods_register_the_services_with_valid_default_options()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddSingleton(new ExchangeService(new MarketReadModel()));
        builder.AddQrServices().AddBoothServices().AddArcadeServices();
        await using var app = builder.Build();
        Assert.NotNull(app.Services.GetRequiredService<QrCodeService>());
        Assert.NotNull(app.Services.GetRequiredService<BoothService>());
        Assert.NotNull(app.Services.GetRequiredService<ArcadeService>());
        Assert.Equal(1_000, app.Services.GetRequiredService<IOptions<QrOptions>>().Value.MaxValue);
        Assert.Equal(10, app.Services.GetRequiredService<IOptions<BoothOptions>>().Value.WrongSecretsPerWindow);
    }
}
