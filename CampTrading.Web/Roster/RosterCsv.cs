using System.Net.Mail;
using System.Text;
using CampTrading.Core.Engine;

namespace CampTrading.Web.Roster;

/// <summary>One data row of a roster file; <see cref="Errors"/> is empty when the row can be applied.</summary>
public sealed record RosterRow(int Line, string Id, string Name, string? Team, string? Email, IReadOnlyList<string> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>A parsed roster: the rows, and problems with the file as a whole (then no row is applied).</summary>
public sealed record RosterFile(IReadOnlyList<RosterRow> Rows, IReadOnlyList<string> FileErrors);

/// <summary>
/// Parses a roster CSV: a header naming <c>id,name,team</c> and optionally <c>email</c> (any order, any case; the
/// common Chinese headers too: 學號/編號, 姓名/名字, 隊伍/小隊/組別, 電子郵件/信箱, see <see cref="HeaderNames"/>),
/// then one student per line. RFC 4180 quoting ("a, b", "say ""hi"""), UTF-8 with or without a BOM, CRLF or LF.
/// </summary>
public static class RosterCsv
{
    public const int MaxIdLength = 64;
    public const int MaxNameLength = 80;
    public const int MaxTeamLength = SetTeam.MaxTeamLength;
    public const int MaxEmailLength = 254;
    public const int MaxRows = 20_000;
    public const long MaxBytes = 4 * 1024 * 1024;

    /// <summary>The header words each column accepts (compared trimmed and case-insensitively).</summary>
    public static IReadOnlyDictionary<string, string[]> HeaderNames { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["id"] = ["id", "學號", "编号", "編號", "学号"],
        ["name"] = ["name", "姓名", "名字"],
        ["team"] = ["team", "隊伍", "小隊", "組別", "队伍", "小队", "组别"],
        ["email"] = ["email", "e-mail", "電子郵件", "信箱", "电子邮件"],
    };

    /// <summary>The column a header cell names (id, name, team, email), or the cell itself lower-cased when it names none.</summary>
    public static string Column(string header)
    {
        var cell = header.Trim().ToLowerInvariant();
        return HeaderNames.FirstOrDefault(c => c.Value.Contains(cell, StringComparer.Ordinal)).Key ?? cell;
    }

    public static RosterFile Parse(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        string text;
        try
        {
            // Strict UTF-8 (a BOM is skipped): a file saved in another encoding is refused rather than garbled.
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(content);
        }
        catch (DecoderFallbackException)
        {
            return new RosterFile([], ["檔案不是 UTF-8 編碼。The file is not UTF-8 text: save it as \"CSV UTF-8\"."]);
        }
        return Parse(text.TrimStart('\uFEFF'));
    }

    public static RosterFile Parse(string text)
    {
        var records = ReadRecords(text).Where(r => !(r.Fields.Count == 1 && r.Fields[0].Length == 0)).ToList();
        if (records.Count == 0) return new RosterFile([], ["檔案是空的。The file is empty."]);

        var header = records[0].Fields.Select(Column).ToList();
        int Col(string name) => header.IndexOf(name);
        var (id, name, team, email) = (Col("id"), Col("name"), Col("team"), Col("email"));
        var missing = new[] { ("id", id), ("name", name), ("team", team) }.Where(c => c.Item2 < 0).Select(c => c.Item1).ToList();
        if (missing.Count > 0)
            return new RosterFile([], [$"標題列缺少欄位 {string.Join(", ", missing.Select(m => HeaderNames[m][1]))}（學號、姓名、隊伍，可加 email）。"
                + $"The header must name the columns {string.Join(", ", missing)}: id, name, team (or 學號, 姓名, 隊伍) and optionally email."]);
        if (records.Count - 1 > MaxRows) return new RosterFile([], [$"最多 {MaxRows} 列。At most {MaxRows} rows per file."]);

        var rows = new List<RosterRow>();
        foreach (var record in records.Skip(1))
        {
            string Field(int index) => index >= 0 && index < record.Fields.Count ? record.Fields[index].Trim() : "";
            var errors = new List<string>();
            var (rowId, rowName, rowTeam, rowEmail) = (Field(id), Field(name), Field(team), Field(email));
            if (record.Fields.Count > header.Count) errors.Add("欄位過多 too many fields");
            if (rowId.Length == 0) errors.Add("缺少 id missing id");
            else if (rowId.Length > MaxIdLength) errors.Add($"id 超過 {MaxIdLength} 字 id too long");
            if (rowName.Length == 0) errors.Add("缺少姓名 missing name");
            else if (rowName.Length > MaxNameLength) errors.Add($"姓名超過 {MaxNameLength} 字 name too long");
            if (rowTeam.Length > MaxTeamLength) errors.Add($"隊名超過 {MaxTeamLength} 字 team too long");
            if (rowEmail.Length > MaxEmailLength || (rowEmail.Length > 0 && !IsEmail(rowEmail))) errors.Add("電子郵件格式錯誤 bad email");
            if (HasControl(rowId) || HasControl(rowName) || HasControl(rowTeam)) errors.Add("含有控制字元 control characters");
            rows.Add(new RosterRow(record.Line, rowId, rowName, rowTeam.Length == 0 ? null : rowTeam, rowEmail.Length == 0 ? null : rowEmail, errors));
        }

        // The same id twice is ambiguous: every occurrence is refused, so the admin fixes the file.
        var duplicates = rows.Where(r => r.Id.Length > 0).GroupBy(r => r.Id, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .ToDictionary(g => g.Key, g => g.Select(r => r.Line).ToList(), StringComparer.Ordinal);
        if (duplicates.Count > 0)
        {
            rows = rows.Select(r => duplicates.TryGetValue(r.Id, out var lines)
                ? r with { Errors = [.. r.Errors, $"id 重複（第 {string.Join("、", lines)} 行）duplicate id on lines {string.Join(", ", lines)}"] }
                : r).ToList();
        }
        return new RosterFile(rows, []);
    }

    private static bool IsEmail(string value) =>
        !value.Any(char.IsWhiteSpace) && MailAddress.TryCreate(value, out var address) && address.Address == value && value.IndexOf('@') > 0
        && value[(value.IndexOf('@') + 1)..].Contains('.', StringComparison.Ordinal);

    private static bool HasControl(string value) => value.Any(char.IsControl);

    private sealed record CsvRecord(int Line, List<string> Fields);

    /// <summary>RFC 4180 records with the line each starts on; quoted fields may hold commas, quotes and line breaks.</summary>
    private static IEnumerable<CsvRecord> ReadRecords(string text)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                    else quoted = false;
                }
                else
                {
                    if (c == '\n') line++;
                    field.Append(c);
                }
                continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0 || field.ToString().Trim().Length == 0:
                    field.Clear();
                    quoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    yield return new CsvRecord(recordLine, fields);
                    fields = [];
                    line++;
                    recordLine = line;
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }
        if (field.Length > 0 || fields.Count > 0 || quoted)
        {
            fields.Add(field.ToString());
            yield return new CsvRecord(recordLine, fields);
        }
    }
}
