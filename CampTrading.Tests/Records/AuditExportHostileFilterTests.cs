using System.Net;
using CampTrading.Tests.Identity;
using CampTrading.Tests.Infrastructure;
using CampTrading.Web.Identity;

namespace CampTrading.Tests.Records;

/// <summary>
/// Every query-string filter of the records exports, fuzzed with hostile values (U+0000 and other control characters, a lone
/// surrogate, direction overrides, huge or out-of-range values): a clear 400 or a filtered CSV, never a 5xx or a broken stream.
/// </summary>
public sealed class AuditExportHostileFilterTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static readonly string[] Filters = ["source", "kind", "person", "staff", "from", "to"];

    private static readonly string[] HostileValues =
    [
        "%00", "a%00b", "%01", "%1B%5B31m", "%7F", "%C2%85", "%ED%A0%80", "%ED%B0%80x", "%E2%80%AE", "%EF%BF%BF", "%FF%FE",
        "0001-01-01", "9999-12-31T23:59", "0001-01-01T00:00", "-1", "2147483648", "99999999999999999999", "%27%3B drop table ledger;--",
        "%25", "%2B", new string('x', 5_000), "%0D%0A", "%09", "%F0%9F%92%A9",
    ];

    [Fact]
    public async Task The_audit_export_never_answers_5xx_and_refuses_control_characters()
    {
        await using var factory = await CampAppFactory.StartAsync(postgres);
        using var admin = factory.ClientAs(CampRoles.Admin);
        foreach (var filter in Filters)
        {
            foreach (var value in HostileValues)
            {
                var url = $"/staff/audit/export.csv?{filter}={value}";
                using var response = await admin.GetAsync(new Uri(url, UriKind.Relative));
                Assert.True((int)response.StatusCode < 500, $"{url}: {(int)response.StatusCode}");
                await response.Content.ReadAsStringAsync(); // the streamed body completes, too
            }
            using var nul = await admin.GetAsync(new Uri($"/staff/audit/export.csv?{filter}=%00", UriKind.Relative));
            Assert.Equal(HttpStatusCode.BadRequest, nul.StatusCode);
        }
    }

    [Fact]
    public async Task The_audit_page_and_the_settlement_exports_shrug_off_hostile_query_strings()
    {
        await using var factory = await CampAppFactory.StartAsync(postgres);
        using var admin = factory.ClientAs(CampRoles.Admin);
        foreach (var path in new[] { "/staff/audit", "/staff/settlement/results.csv", "/staff/settlement/teams.csv" })
        {
            foreach (var value in HostileValues.Take(12))
            {
                var url = $"{path}?person={value}&kind={value}&x{value}={value}";
                using var response = await admin.GetAsync(new Uri(url, UriKind.Relative));
                Assert.True((int)response.StatusCode < 500, $"{url}: {(int)response.StatusCode}");
            }
        }
    }
}
