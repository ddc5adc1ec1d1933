using System.Globalization;
using CampTrading.Core.Market;

namespace CampTrading.Web.Market;

/// <summary>One editable open interval: a camp-local day and the local times the market opens and closes.</summary>
public sealed class ScheduleRow
{
    public DateOnly Day { get; set; }
    public TimeOnly Opens { get; set; }
    public TimeOnly Closes { get; set; }
}

/// <summary>The schedule as the engine takes it (instants, sorted), or why the rows cannot become one.</summary>
public sealed record ScheduleCheck(IReadOnlyList<SessionInterval> Intervals, IReadOnlyList<string> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// Converts between the engine's schedule (UTC instants) and rows of local day and times in the camp's
/// time zone, and checks rows before they are sent: every interval must close after it opens, on its own
/// day, and no two may overlap. The engine checks again; this gives the staff member row-level reasons.
/// </summary>
public static class ScheduleForm
{
    public const int MaxRows = 200;

    public static List<ScheduleRow> ToRows(IEnumerable<SessionInterval> intervals, TimeZoneInfo timeZone) =>
        intervals.OrderBy(i => i.Start).Select(i =>
        {
            var start = TimeZoneInfo.ConvertTime(i.Start, timeZone);
            var end = TimeZoneInfo.ConvertTime(i.End, timeZone);
            return new ScheduleRow { Day = DateOnly.FromDateTime(start.DateTime), Opens = TimeOnly.FromDateTime(start.DateTime), Closes = TimeOnly.FromDateTime(end.DateTime) };
        }).ToList();

    public static ScheduleCheck Check(IReadOnlyList<ScheduleRow> rows, TimeZoneInfo timeZone)
    {
        var errors = new List<string>();
        if (rows.Count > MaxRows) errors.Add($"最多 {MaxRows} 個時段。At most {MaxRows} intervals.");

        var intervals = new List<(int Row, SessionInterval Interval)>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var label = Label(i, row);
            if (row.Closes <= row.Opens)
            {
                errors.Add($"{label}：收盤時間必須晚於開盤時間。Closing time must be after opening time.");
                continue;
            }
            var opens = row.Day.ToDateTime(row.Opens);
            var closes = row.Day.ToDateTime(row.Closes);
            if (timeZone.IsInvalidTime(opens) || timeZone.IsInvalidTime(closes))
            {
                errors.Add($"{label}：這個時間在營隊時區不存在（日光節約）。The time does not exist in the camp time zone (daylight saving).");
                continue;
            }
            intervals.Add((i, new SessionInterval(ToInstant(opens, timeZone), ToInstant(closes, timeZone))));
        }

        var sorted = intervals.OrderBy(x => x.Interval.Start).ToArray();
        for (var k = 1; k < sorted.Length; k++)
        {
            if (sorted[k].Interval.Start < sorted[k - 1].Interval.End)
                errors.Add($"{Label(sorted[k - 1].Row, rows[sorted[k - 1].Row])} 與 {Label(sorted[k].Row, rows[sorted[k].Row])} 重疊。"
                    + $"Rows {sorted[k - 1].Row + 1} and {sorted[k].Row + 1} overlap.");
        }
        return new ScheduleCheck(errors.Count == 0 ? sorted.Select(x => x.Interval).ToArray() : [], errors);
    }

    /// <summary>A new row after the last one: the same times on the next day, or a morning session today.</summary>
    public static ScheduleRow Next(IReadOnlyList<ScheduleRow> rows, DateOnly today)
    {
        if (rows.Count == 0) return new ScheduleRow { Day = today, Opens = new TimeOnly(9, 0), Closes = new TimeOnly(12, 0) };
        var last = rows.OrderBy(r => r.Day).ThenBy(r => r.Opens).Last();
        return new ScheduleRow { Day = last.Day.AddDays(1), Opens = last.Opens, Closes = last.Closes };
    }

    public static string Hm(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo timeZone) =>
        new(local, timeZone.GetUtcOffset(local));

    private static string Label(int index, ScheduleRow row) =>
        $"第 {index + 1} 列 Row {index + 1} ({row.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} {Hm(row.Opens)}–{Hm(row.Closes)})";
}
