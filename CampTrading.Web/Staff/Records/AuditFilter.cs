using System.Globalization;
using CampTrading.Core.ReadModels;
using CampTrading.Web.Infrastructure;
using CampTrading.Web.Roster;
using Microsoft.AspNetCore.WebUtilities;

namespace CampTrading.Web.Staff.Records;

/// <summary>
/// The audit page's filter as typed (and as the export URL carries it): source <c>all|staff|ledger</c>, kind, person (account number,
/// student ID or registration code), staff member, and a time range as camp-local <c>yyyy-MM-ddTHH:mm</c> (datetime-local inputs).
/// </summary>
public sealed record AuditFilter(string? Source = null, string? Kind = null, string? Person = null, string? Staff = null, string? From = null, string? To = null)
{
    public const string LocalTimeFormat = "yyyy-MM-ddTHH:mm";
    private const int MaxLength = 100;

    public static AuditFilter FromQuery(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return new AuditFilter(Value("source"), Value("kind"), Value("person"), Value("staff"), Value("from"), Value("to"));
        string? Value(string key) => query.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString().Trim() : null;
    }

    /// <summary>The non-empty fields as a query string (with the leading <c>?</c>, or empty).</summary>
    public string ToQueryString()
    {
        var pairs = new Dictionary<string, string?>
        {
            ["source"] = Blank(Source), ["kind"] = Blank(Kind), ["person"] = Blank(Person),
            ["staff"] = Blank(Staff), ["from"] = Blank(From), ["to"] = Blank(To),
        };
        if (pairs["source"] == "all") pairs["source"] = null;
        var present = pairs.Where(p => p.Value is not null).ToDictionary();
        return present.Count == 0 ? "" : QueryHelpers.AddQueryString("", present);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>
    /// The checks that need no database (lengths, characters, source, time format, From before To): a bilingual error, or null.
    /// The filter form runs them before it applies; <see cref="ResolveAsync"/> runs them again.
    /// </summary>
    public string? Check(TimeZoneInfo zone) => Parse(zone).Error;

    private (AuditSource Source, DateTimeOffset? From, DateTimeOffset? To, string? Error) Parse(TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (new[] { Source, Kind, Person, Staff, From, To }.Any(v => v?.Length > MaxLength)) return Fail("篩選條件太長。A filter is too long.");
        if (new[] { Source, Kind, Person, Staff, From, To }.Any(v => !PlainText.IsPlain(v)))
            return Fail("篩選條件含有控制字元或無效字元。A filter holds a control character or an invalid character.");
        AuditSource source;
        switch (Blank(Source))
        {
            case null or "all": source = AuditSource.All; break;
            case "staff": source = AuditSource.Staff; break;
            case "ledger": source = AuditSource.Ledger; break;
            default: return Fail("來源只能是 all、staff 或 ledger。Source must be all, staff or ledger.");
        }
        if (!TryLocal(From, zone, out var from) || !TryLocal(To, zone, out var to))
            return Fail("時間格式應為 yyyy-MM-ddTHH:mm。Times must look like 2026-07-01T09:30.");
        if (from is not null && to is not null && from >= to) return Fail(RangeError);
        return (source, from, to, null);

        static (AuditSource, DateTimeOffset?, DateTimeOffset?, string?) Fail(string error) => (AuditSource.All, null, null, error);
    }

    public const string RangeError = "開始時間須早於結束時間。From must be before To.";

    /// <summary>Turns the typed filter into a query, or a bilingual error (nothing is read then).</summary>
    public async Task<(AuditQuery? Query, string? Error)> ResolveAsync(MarketReadModel market, StudentStore students, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(students);
        var (source, from, to, error) = Parse(market.TimeZone);
        if (error is not null) return (null, error);

        int? accountId = null;
        string? externalId = null;
        if (Blank(Person) is { } person)
        {
            var student = int.TryParse(person, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? await students.FindByAccountAsync(id, cancellationToken)
                : await students.FindByExternalIdAsync(person, cancellationToken) ?? await FindByNumberAsync(students, person, cancellationToken);
            if (student is not null) (accountId, externalId) = (student.AccountId, student.ExternalId);
            else if (market.Account(id) is not null && id > 0) accountId = id;
            else return (null, $"找不到「{person}」。No person matches \"{person}\" (account number, student ID or #student number).");
        }
        return (new AuditQuery(source, Blank(Kind), accountId, externalId, Blank(Staff), from, to), null);
    }

    private static async Task<Student?> FindByNumberAsync(StudentStore students, string typed, CancellationToken cancellationToken)
    {
        return StudentNumbers.Parse(typed) is int number ? await students.FindByNumberAsync(number, cancellationToken) : null;
    }

    private static bool TryLocal(string? text, TimeZoneInfo zone, out DateTimeOffset? value)
    {
        value = null;
        if (Blank(text) is not { } t) return true;
        if (!DateTime.TryParseExact(t, [LocalTimeFormat, "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            return false;
        try
        {
            var offset = zone.GetUtcOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified));
            value = new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), offset);
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false; // e.g. 0001-01-01 in a zone east of UTC falls before the first representable instant
        }
    }
}
