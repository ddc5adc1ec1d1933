using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Web.Exchange;
using Microsoft.Extensions.Options;

namespace CampTrading.Web.Identity;

/// <summary>
/// Development sign-in by account name: finds the account, or opens it and grants the starting
/// points. A stand-in until real identity (roster codes, Telegram, staff passwords) exists.
/// </summary>
public sealed class DevSignInService(ExchangeService exchange, IOptions<ExchangeOptions> options)
{
    public bool Enabled => options.Value.DevSignIn;

    public async Task<(int AccountId, string Name)?> SignInAsync(string? name, CancellationToken cancellationToken)
    {
        name = name?.Trim();
        if (!Enabled || string.IsNullOrEmpty(name) || name.Length > 40) return null;
        var existing = await exchange.ReadEngineAsync(engine =>
            engine.Accounts().FirstOrDefault(a => !a.IsSystem && string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase))?.Id,
            cancellationToken);
        if (existing is int id) return (id, name);

        var opened = await exchange.SubmitAsync(new OpenAccount(name), cancellationToken);
        if (!opened.IsOk) return null;
        var accountId = (int)opened.Id;
        if (options.Value.DevStartingPoints > 0)
            await exchange.SubmitAsync(new Grant(accountId, Assets.Points, options.Value.DevStartingPoints, "starting points", "dev-signin"), cancellationToken);
        return (accountId, name);
    }
}
