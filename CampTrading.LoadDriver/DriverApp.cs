using System.Net;
using System.Net.Sockets;
using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Core.Market;
using CampTrading.Core.Trading;
using CampTrading.Web.Exchange;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace CampTrading.LoadDriver;

/// <summary>
/// The whole app in this process, in the Development environment (as the tests run it) unless another is named, on
/// <paramref name="connectionString"/>, quiet (warnings only), with the given settings on top. Any public type of the web
/// assembly names its entry point (this driver has a Program class of its own).
/// </summary>
internal sealed class DriverApp(string connectionString, IReadOnlyDictionary<string, string> settings, string environment = "Development")
    : WebApplicationFactory<ExchangeService>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("ConnectionStrings:CampTrading", connectionString);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Warning");
        builder.UseSetting("CircuitLimits:PerAccount", "1000000"); // the driver opens many circuits for each of its students
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
    }

    /// <summary>Starts Kestrel on a free loopback port and returns the app's base address.</summary>
    public Uri StartOnFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return StartOn(port);
    }

    /// <summary>Starts Kestrel on this loopback port (a restarted app takes its predecessor's) and returns the base address.</summary>
    public Uri StartOn(int port)
    {
        UseKestrel(port);
        StartServer();
        return new Uri($"http://127.0.0.1:{port}");
    }
}

internal static class DriverCommands
{
    /// <summary>
    /// The market open (with no daily or per-order cap that a long run could reach), a seller resting one deep ask of
    /// <paramref name="shares"/> at <paramref name="price"/>, and a buyer funded to take all of it; returns the buyer's account.
    /// </summary>
    public static async Task<int> OpenWithDeepAskAsync(this ExchangeService exchange, long shares, long price, string actor)
    {
        await exchange.SubmitOkAsync(new SetMarketOverride(MarketOverride.ForceOpen, actor));
        await exchange.SubmitOkAsync(new SetTradingRules(exchange.Market.Status.Rules with { DailyOrderLimit = 100_000_000, MaxOrderQuantity = 100_000_000 }, actor));
        var seller = checked((int)(await exchange.SubmitAsync(new OpenAccount(actor + " seller"))).Id);
        var buyer = checked((int)(await exchange.SubmitAsync(new OpenAccount(actor + " buyer"))).Id);
        await exchange.SubmitOkAsync(new Grant(seller, 1, shares, actor, actor));
        await exchange.SubmitOkAsync(new Grant(buyer, Assets.Points, shares * price, actor, actor));
        await exchange.SubmitOkAsync(new PlaceOrder(seller, 1, Side.Sell, OrderType.Limit, shares, price));
        for (var i = 0; i < 400 && exchange.Market.Status.Session != SessionState.Open; i++) await Task.Delay(25);
        return buyer;
    }

    /// <summary>Submits a set-up command; a refusal ends the run with its code.</summary>
    public static async Task SubmitOkAsync(this ExchangeService exchange, Command command)
    {
        var result = await exchange.SubmitAsync(command);
        if (!result.IsOk) throw new InvalidOperationException($"{command.GetType().Name} refused: {RejectCodes.Code(result.Code)}");
    }
}
