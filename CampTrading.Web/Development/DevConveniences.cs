using CampTrading.Web.Exchange;
using CampTrading.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace CampTrading.Web.Development;

/// <summary>
/// The one guard of everything in this folder. The development conveniences (sign-in by name at /signin, the /dev/* test
/// hooks, the banner) are on for a request only when all of
/// these hold: the environment is Development, <c>Exchange:DevSignIn</c> is true, and the request comes from this machine
/// (<see cref="LoopbackRequest"/>). Everywhere else they do not exist (404, <see cref="DevEndpoints"/>). A non-Development start with
/// <c>Exchange:DevSignIn</c> on refuses to start (<see cref="DevSignInStartupCheck"/>).
/// </summary>
public sealed class DevConveniences(IWebHostEnvironment environment, IOptions<ExchangeOptions> options)
{
    /// <summary>Switched on for this process (the request may still be refused when it is not from loopback).</summary>
    public bool SwitchedOn => environment.IsDevelopment() && options.Value.DevSignIn;

    public bool IsOnFor(HttpContext? http) => SwitchedOn && http is not null && LoopbackRequest.IsLoopback(http);
}

public static class DevConveniencesServiceCollectionExtensions
{
    public static WebApplicationBuilder AddDevConveniences(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<DevConveniences>();
        builder.Services.AddScoped<DevSignInService>();
        builder.Services.AddSingleton<IValidateOptions<ExchangeOptions>, DevSignInStartupCheck>();
        builder.Services.AddOptions<ExchangeOptions>().ValidateOnStart();
        return builder;
    }
}

/// <summary>Refuses to start anything but Development with <c>Exchange:DevSignIn</c> on, saying why.</summary>
internal sealed class DevSignInStartupCheck(IHostEnvironment environment) : IValidateOptions<ExchangeOptions>
{
    public ValidateOptionsResult Validate(string? name, ExchangeOptions options) =>
        options.DevSignIn && !environment.IsDevelopment()
            ? ValidateOptionsResult.Fail(
                $"Exchange:DevSignIn is true but the environment is {environment.EnvironmentName}: sign-in by name and the /dev hooks " +
                "exist only in Development (on loopback). Remove Exchange:DevSignIn (or set it to false) to run for a camp.")
            : ValidateOptionsResult.Success;
}
