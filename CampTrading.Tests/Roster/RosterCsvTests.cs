using System.Text;
using CampTrading.Web.Roster;

namespace CampTrading.Tests.Roster;

public sealed class RosterCsvTests
{
    [Fact]
    public void Parses_unicode_names_quotes_and_an_optional_email_column()
    {
        var file = RosterCsv.Parse("id,name,team,email\r\nS001,王小明,Red,ming@example.org\r\nS002,\"Lee, Ann \"\"Annie\"\"\",Blue,\r\nS003,José Ñúñez,,\r\n");
        Assert.Empty(file.FileErrors);
        Assert.All(file.Rows, r => Assert.True(r.IsValid, string.Join(";", r.Errors)));
        Assert.Equal(["王小明", "Lee, Ann \"Annie\"", "José Ñúñez"], file.Rows.Select(r => r.Name));
        Assert.Equal(["Red", "Blue", null], file.Rows.Select(r => r.Team));
        Assert.Equal("ming@example.org", file.Rows[0].Email);
        Assert.Null(file.Rows[1].Email);
        Assert.Equal([2, 3, 4], file.Rows.Select(r => r.Line));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Utf8_with_or_without_a_bom(bool bom)
    {
        var body = Encoding.UTF8.GetBytes("id,name,team\nS1,王小明,紅隊\n");
        var bytes = bom ? [0xEF, 0xBB, 0xBF, .. body] : body;
        var file = RosterCsv.Parse(bytes);
        Assert.Empty(file.FileErrors);
        var row = Assert.Single(file.Rows);
        Assert.Equal(("S1", "王小明", "紅隊"), (row.Id, row.Name, row.Team));
    }

    [Fact]
    public void Header_columns_may_come_in_any_order_and_case()
    {
        var file = RosterCsv.Parse("Team, NAME ,Id\nRed,Ann,7\n");
        Assert.Equal(("7", "Ann", "Red"), (file.Rows[0].Id, file.Rows[0].Name, file.Rows[0].Team));
    }

    [Theory]
    [InlineData("學號,姓名,隊伍")]
    [InlineData("編號,名字,小隊")]
    [InlineData(" 隊伍 , 姓名 , 學號 ")]
    [InlineData("組別,姓名,id")]
    public void Common_chinese_headers_name_the_columns(string header)
    {
        var columns = header.Split(',').Select(RosterCsv.Column).ToList();
        var values = columns.Select(c => c switch { "id" => "S1", "name" => "王小明", _ => "紅隊" });
        var file = RosterCsv.Parse($"{header}\n{string.Join(',', values)}\n");

        Assert.Empty(file.FileErrors);
        var row = Assert.Single(file.Rows);
        Assert.Equal(("S1", "王小明", "紅隊"), (row.Id, row.Name, row.Team));
    }

    [Fact]
    public void A_chinese_email_header_is_read_and_a_missing_column_is_named_in_both_languages()
    {
        Assert.Equal("a@example.org", RosterCsv.Parse("學號,姓名,隊伍,電子郵件\nS1,Ann,Red,a@example.org\n").Rows[0].Email);

        var error = Assert.Single(RosterCsv.Parse("學號,姓名\nS1,Ann\n").FileErrors);
        Assert.Contains("隊伍", error, StringComparison.Ordinal);
        Assert.Contains("team", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_utf8_is_refused_as_a_whole()
    {
        var latin1 = Encoding.Latin1.GetBytes("id,name,team\n1,José,A\n");
        var file = RosterCsv.Parse(latin1);
        Assert.NotEmpty(file.FileErrors);
        Assert.Empty(file.Rows);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    [InlineData("id,name\n1,Ann\n")]
    [InlineData("student,name,team\n1,Ann,A\n")]
    public void Empty_files_and_headers_without_the_required_columns_are_refused(string csv) =>
        Assert.NotEmpty(RosterCsv.Parse(csv).FileErrors);

    [Fact]
    public void Bad_rows_are_reported_per_row_and_good_rows_stay_valid()
    {
        var longName = new string('名', RosterCsv.MaxNameLength + 1);
        var longTeam = new string('t', RosterCsv.MaxTeamLength + 1);
        var csv = $"id,name,team,email\n" +
                  $"S1,Ann,A,\n" +            // 2 ok
                  $",NoId,A,\n" +             // 3 missing id
                  $"S3,,A,\n" +               // 4 missing name
                  $"S4,{longName},A,\n" +     // 5 name too long
                  $"S5,Bob,{longTeam},\n" +   // 6 team too long
                  $"S6,Cy,A,not-an-email\n" + // 7 bad email
                  $"S7,Di,A,a@b.c,extra\n" +  // 8 too many fields
                  $"S8,Ed,A,ed@example.org\n";// 9 ok
        var rows = RosterCsv.Parse(csv).Rows.ToDictionary(r => r.Line);
        Assert.True(rows[2].IsValid);
        Assert.True(rows[9].IsValid);
        Assert.Contains(rows[3].Errors, e => e.Contains("missing id"));
        Assert.Contains(rows[4].Errors, e => e.Contains("missing name"));
        Assert.Contains(rows[5].Errors, e => e.Contains("name too long"));
        Assert.Contains(rows[6].Errors, e => e.Contains("team too long"));
        Assert.Contains(rows[7].Errors, e => e.Contains("bad email"));
        Assert.Contains(rows[8].Errors, e => e.Contains("too many fields"));
    }

    [Fact]
    public void Every_occurrence_of_a_duplicated_id_is_refused()
    {
        var rows = RosterCsv.Parse("id,name,team\nS1,Ann,A\nS2,Bob,A\nS1,Annie,B\n").Rows;
        Assert.False(rows[0].IsValid);
        Assert.True(rows[1].IsValid);
        Assert.False(rows[2].IsValid);
        Assert.Contains("duplicate id on lines 2, 4", rows[2].Errors.Single());
    }

    [Fact]
    public void A_line_break_inside_quotes_keeps_line_numbers_right_and_is_refused_in_a_name()
    {
        var rows = RosterCsv.Parse("id,name,team\nS1,\"Two\nLines\",A\nS2,Bob,A\n").Rows;
        Assert.Equal([2, 4], rows.Select(r => r.Line));
        Assert.Contains(rows[0].Errors, e => e.Contains("control"));
        Assert.True(rows[1].IsValid);
    }

    [Fact]
    public void Registration_codes_use_the_unambiguous_alphabet_and_do_not_repeat()
    {
        Assert.DoesNotContain(RegistrationCodes.Alphabet, c => "0O1IL".Contains(c));
        var codes = Enumerable.Range(0, 20_000).Select(_ => RegistrationCodes.Generate()).ToList();
        Assert.All(codes, c => Assert.True(RegistrationCodes.IsWellFormed(c), c));
        Assert.Equal(codes.Count, codes.Distinct().Count());
        // Every character of the alphabet shows up (the source is not stuck on a subset).
        Assert.Equal(RegistrationCodes.Alphabet.Length, codes.SelectMany(c => c).Distinct().Count());
        Assert.Equal("ABCD2345", RegistrationCodes.Normalize(" abcd-2345 "));
        Assert.Equal("ABCD-2345", RegistrationCodes.Format("ABCD2345"));
    }
}
