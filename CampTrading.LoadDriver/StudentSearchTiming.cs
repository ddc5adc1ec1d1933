using System.Diagnostics;
using CampTrading.Web.Roster;
using Npgsql;

namespace CampTrading.LoadDriver;

/// <summary>
/// The staff students list at camp scale: fills the roster table with N students (names drawn from common Chinese and
/// English names, 12 teams) and times the console's searches, each run 200 times after a warm-up.
/// </summary>
internal static class StudentSearchTiming
{
    private static readonly string[] Surnames = ["王", "李", "張", "劉", "陳", "楊", "黃", "趙", "吳", "周", "林", "徐"];
    private static readonly string[] Given = ["小明", "雅婷", "志豪", "怡君", "家豪", "詩涵", "Amy", "Ben", "Chris", "Dana", "Eric", "Fay"];

    public static async Task<int> RunAsync(Arguments args)
    {
        var count = args.Int("students", 10_000);
        await using var dataSource = await Harness.OpenDatabaseAsync(args.Connection);
        await FillAsync(dataSource, count);
        var directory = new StudentDirectory(dataSource, new StudentStore(dataSource));
        var someCode = (string)(await dataSource.CreateCommand("select registration_code from students order by id desc limit 1").ExecuteScalarAsync())!;

        Console.WriteLine($"{count:N0} students; each search 200× (p50 / p99 / max, ms, page size 50, with total count)");
        await TimeAsync(directory, "first page, no filter", new StudentSearch());
        await TimeAsync(directory, "last page (deep offset)", new StudentSearch(Offset: Math.Max(0, count - 50)));
        await TimeAsync(directory, "substring of a name (明)", new StudentSearch(Text: "明"));
        await TimeAsync(directory, "rare substring (xyz, no match)", new StudentSearch(Text: "xyz"));
        await TimeAsync(directory, "team filter", new StudentSearch(Team: "Team 7"));
        await TimeAsync(directory, "registration code", new StudentSearch(Text: someCode));
        await TimeAsync(directory, "frozen ids (20) within a search", new StudentSearch(Text: "王", AccountIds: Enumerable.Range(100, 20).ToArray()));
        return 0;
    }

    private static async Task FillAsync(NpgsqlDataSource dataSource, int count)
    {
        var existing = (long)(await dataSource.CreateCommand("select count(*) from students").ExecuteScalarAsync())!;
        if (existing >= count) return;
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var writer = await connection.BeginBinaryImportAsync(
            "copy students (external_id, account_id, name, team, registration_code) from stdin (format binary)");
        for (var i = (int)existing; i < count; i++)
        {
            await writer.StartRowAsync();
            await writer.WriteAsync($"L{i:D6}");
            await writer.WriteAsync(100 + i);
            await writer.WriteAsync(Surnames[i % Surnames.Length] + Given[i / Surnames.Length % Given.Length] + (i / 144).ToString(System.Globalization.CultureInfo.InvariantCulture));
            await writer.WriteAsync($"Team {i % 12}");
            await writer.WriteAsync(RegistrationCodes.Generate());
        }
        await writer.CompleteAsync();
        await dataSource.CreateCommand("analyze students").ExecuteNonQueryAsync();
    }

    private static async Task TimeAsync(StudentDirectory directory, string label, StudentSearch search)
    {
        for (var i = 0; i < 20; i++) await directory.SearchAsync(search);
        var samples = new double[200];
        var matches = 0;
        for (var i = 0; i < samples.Length; i++)
        {
            var watch = Stopwatch.StartNew();
            matches = (await directory.SearchAsync(search)).Total;
            samples[i] = watch.Elapsed.TotalMilliseconds;
        }
        Array.Sort(samples);
        Console.WriteLine($"  {label,-34} {samples[100],6:F2} / {samples[197],6:F2} / {samples[^1],6:F2}   ({matches:N0} match)");
    }
}
