using System.Globalization;
using System.Text;
using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Web.Arcade;
using CampTrading.Web.Exchange;
using CampTrading.Web.Roster;
using Microsoft.Extensions.DependencyInjection;

namespace CampTrading.LoadDriver;

/// <summary>
/// The arcade API ready for an outside load generator (wrk, scripts/arcade-load.sh): the whole app on a fresh database on
/// a loopback port (fsync on, as configured in PostgreSQL), one registered machine whose per-window allowance is lifted,
/// and N roster students each funded for a day of plays. Prints <c>url=</c>, <c>key=</c> and <c>students=first..last</c>
/// and serves until stdin closes or the process is stopped.
/// </summary>
internal static class ArcadeServe
{
    public static async Task<int> RunAsync(Arguments args)
    {
        var students = args.Int("students", 200);
        await using var app = new DriverApp(args.Connection, new Dictionary<string, string>
        {
            ["Arcade:RequestsPerWindow"] = "100000",
            ["Arcade:Window"] = "00:00:01",
        }, environment: "Production"); // as a camp runs it: no developer exception page, no API explorer
        var baseAddress = app.StartOnFreePort();
        var (key, first, last) = await SetUpAsync(app.Services, students);
        Console.WriteLine($"url={baseAddress.ToString().TrimEnd('/')}");
        Console.WriteLine($"key={key}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"students={first}..{last}"));
        Console.Out.Flush();
        await Console.In.ReadToEndAsync(); // the script closes stdin (or kills the process) when wrk is done
        return 0;
    }

    private static async Task<(string Key, int First, int Last)> SetUpAsync(IServiceProvider services, int students)
    {
        var exchange = services.GetRequiredService<ExchangeService>();
        var csv = new StringBuilder("id,name,team\n");
        for (var i = 0; i < students; i++) csv.Append(CultureInfo.InvariantCulture, $"ARC{i:D4},Arcade {i},Load\n");
        var applied = await services.GetRequiredService<RosterImporter>().ApplyAsync(Encoding.UTF8.GetBytes(csv.ToString()), "arcade-load");
        if (applied.Failed.Count > 0) throw new InvalidOperationException("roster import failed: " + string.Join("; ", applied.Failed));
        var store = services.GetRequiredService<StudentStore>();
        var numbers = new List<int>(students);
        for (var i = 0; i < students; i++)
        {
            var student = await store.FindByExternalIdAsync($"ARC{i:D4}") ?? throw new InvalidOperationException($"student ARC{i:D4} is missing");
            await exchange.SubmitOkAsync(new Grant(student.AccountId, Assets.Points, 100_000_000, "arcade-load", "arcade-load"));
            numbers.Add(student.Number);
        }
        var registered = await services.GetRequiredService<ArcadeService>().RegisterAsync("Load machine", "arcade-load");
        if (!registered.Result.IsOk) throw new InvalidOperationException($"machine refused: {RejectCodes.Code(registered.Result.Code)}");
        numbers.Sort();
        if (numbers[^1] - numbers[0] != students - 1) throw new InvalidOperationException("student numbers are not consecutive");
        return (registered.ApiKey, numbers[0], numbers[^1]);
    }
}
