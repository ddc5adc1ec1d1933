using System.Text;
using CampTrading.Web.Staff.Records;

namespace CampTrading.Tests.Records;

public sealed class CsvTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("林大同", "林大同")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("=SUM(A1)", "'=SUM(A1)")]
    [InlineData("+1,2", "\"'+1,2\"")]
    [InlineData("-cmd", "'-cmd")]
    [InlineData("@x", "'@x")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Text_cells_are_quoted_and_never_formulas(string? value, string expected) => Assert.Equal(expected, Csv.Text(value));

    [Fact]
    public async Task A_file_starts_with_the_utf8_byte_order_mark_and_uses_crlf_rows()
    {
        using var stream = new MemoryStream();
        await using (var writer = await Csv.OpenAsync(stream, CancellationToken.None))
            await writer.WriteAsync(Csv.Row(Csv.Text("名字"), Csv.Number(-5), Csv.Number(null)));
        var bytes = stream.ToArray();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.Equal("名字,-5,\r\n", Encoding.UTF8.GetString(bytes[3..]));
    }
}
