using CampTrading.Core.Market;
using CampTrading.Web.Market;

namespace CampTrading.Tests.StaffConsole;

public sealed class ScheduleFormTests
{
    private static readonly TimeZoneInfo Taipei = TimeZoneInfo.FindSystemTimeZoneById("Asia/Taipei");
    private static readonly DateOnly Day1 = new(2025, 7, 1);

    private static ScheduleRow Row(DateOnly day, int opensHour, int closesHour, int closesMinute = 0) =>
        new() { Day = day, Opens = new TimeOnly(opensHour, 0), Closes = new TimeOnly(closesHour, closesMinute) };

    [Fact]
    public void Rows_in_camp_time_become_sorted_utc_instants()
    {
        var check = ScheduleForm.Check([Row(Day1.AddDays(1), 9, 12), Row(Day1, 13, 16, 30), Row(Day1, 9, 12)], Taipei);

        Assert.True(check.IsValid);
        Assert.Equal(
        [
            new SessionInterval(new DateTimeOffset(2025, 7, 1, 1, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 7, 1, 4, 0, 0, TimeSpan.Zero)),
            new SessionInterval(new DateTimeOffset(2025, 7, 1, 5, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 7, 1, 8, 30, 0, TimeSpan.Zero)),
            new SessionInterval(new DateTimeOffset(2025, 7, 2, 1, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 7, 2, 4, 0, 0, TimeSpan.Zero)),
        ], check.Intervals);
    }

    [Fact]
    public void Rows_round_trip_through_the_engines_instants()
    {
        var rows = new List<ScheduleRow> { Row(Day1, 9, 12), Row(Day1, 13, 16, 30) };
        var back = ScheduleForm.ToRows(ScheduleForm.Check(rows, Taipei).Intervals, Taipei);

        Assert.Equal(rows.Select(r => (r.Day, r.Opens, r.Closes)), back.Select(r => (r.Day, r.Opens, r.Closes)));
    }

    [Fact]
    public void A_closing_time_not_after_the_opening_time_is_refused_with_its_row()
    {
        var check = ScheduleForm.Check([Row(Day1, 9, 12), Row(Day1, 14, 14)], Taipei);

        Assert.False(check.IsValid);
        Assert.Empty(check.Intervals);
        var error = Assert.Single(check.Errors);
        Assert.Contains("Row 2", error, StringComparison.Ordinal);
        Assert.Contains("Closing time must be after opening time", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlapping_rows_are_refused_naming_both()
    {
        var check = ScheduleForm.Check([Row(Day1, 9, 12), Row(Day1.AddDays(1), 9, 10), Row(Day1, 11, 13)], Taipei);

        var error = Assert.Single(check.Errors);
        Assert.Contains("Rows 1 and 3 overlap", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Touching_intervals_are_fine_and_the_engine_agrees()
    {
        var check = ScheduleForm.Check([Row(Day1, 9, 12), Row(Day1, 12, 15)], Taipei);

        Assert.True(check.IsValid);
        var x = new Core.TestExchange(forceOpen: false);
        x.Ok(new CampTrading.Core.Engine.SetSchedule(check.Intervals, "test"));
        Assert.Equal(check.Intervals, x.Engine.Schedule);
    }

    [Fact]
    public void A_time_skipped_by_daylight_saving_is_refused()
    {
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var springForward = new DateOnly(2025, 3, 9);
        var check = ScheduleForm.Check([new ScheduleRow { Day = springForward, Opens = new TimeOnly(2, 30), Closes = new TimeOnly(4, 0) }], newYork);

        Assert.Contains("daylight saving", Assert.Single(check.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_row_repeats_the_last_days_times_on_the_next_day()
    {
        var next = ScheduleForm.Next([Row(Day1, 13, 16), Row(Day1, 9, 12)], Day1);
        Assert.Equal((Day1.AddDays(1), new TimeOnly(13, 0), new TimeOnly(16, 0)), (next.Day, next.Opens, next.Closes));

        var first = ScheduleForm.Next([], Day1);
        Assert.Equal((Day1, new TimeOnly(9, 0), new TimeOnly(12, 0)), (first.Day, first.Opens, first.Closes));
    }
}
