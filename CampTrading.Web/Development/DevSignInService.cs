using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Web.Exchange;
using CampTrading.Web.Identity;
using CampTrading.Web.Infrastructure;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CampTrading.Web.Development;

/// <summary>
/// Development sign-in by account name (Development, <c>Exchange:DevSignIn</c>, loopback only: <see cref="DevConveniences"/>):
/// finds the account, or opens it and grants the starting points. Never signs in as a roster student: a name that matches an
/// imported student, or an account that belongs to one, is refused (students sign in with their own secret).
/// </summary>
public sealed class DevSignInService(ExchangeService exchange, IOptions<ExchangeOptions> options, DevConveniences dev, NpgsqlDataSource dataSource)
{
    public bool IsOnFor(HttpContext? http) => dev.IsOnFor(http);

    public async Task<(int AccountId, string Name)?> SignInAsync(HttpContext http, string? name, CancellationToken cancellationToken)
    {
        name = name?.Trim();
        if (!dev.IsOnFor(http) || string.IsNullOrEmpty(name) || name.Length > 40 || !PlainText.IsPlain(name)) return null;
        if (await IsRosterStudentAsync(name, null, cancellationToken)) return null;
        var existing = await exchange.ReadEngineAsync(engine =>
            engine.Accounts().FirstOrDefault(a => !a.IsSystem && string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase))?.Id,
            cancellationToken);
        if (existing is int id) return await IsRosterStudentAsync(null, id, cancellationToken) ? null : (id, name);

        var opened = await exchange.SubmitAsync(new OpenAccount(name), cancellationToken);
        if (!opened.IsOk) return null;
        var accountId = (int)opened.Id;
        if (options.Value.DevStartingPoints > 0)
            await exchange.SubmitAsync(new Grant(accountId, Assets.Points, options.Value.DevStartingPoints, "starting points", "dev-signin"), cancellationToken);
        return (accountId, name);
    }

    private async Task<bool> IsRosterStudentAsync(string? name, int? accountId, CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand("select exists (select 1 from students where lower(name) = lower($1) or account_id = $2)");
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)name ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)accountId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
        return (bool)(await cmd.ExecuteScalarAsync(cancellationToken))!;
    }
}
