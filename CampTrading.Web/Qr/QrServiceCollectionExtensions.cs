namespace CampTrading.Web.Qr;

public static class QrServiceCollectionExtensions
{
    /// <summary>QR code creation and redemption. Call after AddExchangeServices.</summary>
    public static WebApplicationBuilder AddQrServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<QrOptions>()
            .Bind(builder.Configuration.GetSection(QrOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.FailureWindow > TimeSpan.Zero, "Qr:FailureWindow must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<QrCodeService>();
        return builder;
    }
}
