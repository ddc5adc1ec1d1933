using System.Globalization;
using System.Text;

namespace CampTrading.Web.Staff.Records;

/// <summary>
/// RFC 4180 CSV for Excel: UTF-8 with a byte order mark (so Excel shows Chinese), CRLF rows, quoted fields where needed, and text
/// cells that would start a formula (= + - @) prefixed with an apostrophe so a spreadsheet never evaluates a student's name.
/// </summary>
public static class Csv
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>A UTF-8 writer (no BOM of its own) over <paramref name="stream"/>, after writing the BOM itself.</summary>
    public static async Task<StreamWriter> OpenAsync(Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        await stream.WriteAsync(Utf8Bom.ToArray(), cancellationToken);
        return new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 16 * 1024, leaveOpen: true) { NewLine = "\r\n" };
    }

    /// <summary>One row: cells joined with commas, ending in CRLF. Cells must already be escaped (<see cref="Text"/>, <see cref="Number"/>).</summary>
    public static string Row(params string[] cells) => string.Join(',', cells) + "\r\n";

    /// <summary>Free text: formula guard, then quoted when it holds a comma, quote, CR or LF (quotes doubled).</summary>
    public static string Text(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    public static string Number(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";
}
