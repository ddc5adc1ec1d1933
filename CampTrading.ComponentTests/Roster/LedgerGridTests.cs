using CampTrading.ComponentTests.Support;
using CampTrading.Core.Engine;
using CampTrading.Web.Exchange;
using CampTrading.Web.Roster;
using MudBlazor;

namespace CampTrading.ComponentTests.Roster;

public sealed class LedgerGridTests : CampComponentTest
{
    private readonly List<LedgerGridQuery> _asked = [];
    private const int Total = 45;

    /// <summary>A fake ledger of 45 grants of 1..45 points, answering each page the way the SQL would.</summary>
    private Task<LedgerGridPage> LoadAsync(LedgerGridQuery query, CancellationToken cancellationToken)
    {
        _asked.Add(query);
        var rows = Enumerable.Range(1, Total)
            .Select(i => new LedgerEntryRow(i, i, DateTimeOffset.UnixEpoch.AddMinutes(i), query.AccountId, 0, i, i * (i + 1) / 2, LedgerKind.Grant, 0, 0));
        rows = query.Descending ? rows.Reverse() : rows;
        return Task.FromResult(new LedgerGridPage(rows.Skip(query.Offset).Take(query.PageSize).ToList(), Total));
    }

    private IRenderedComponent<LedgerGrid> RenderGrid() =>
        Render<LedgerGrid>(ps => ps.Add(c => c.AccountId, 7).Add(c => c.Load, LoadAsync));

    [Fact]
    public void The_first_request_is_the_newest_page_of_twenty()
    {
        var cut = RenderGrid();

        cut.WaitForAssertion(() => Assert.Equal(LedgerGrid.PageSize, cut.FindAll("tr.ledger-row").Count));
        Assert.Equal(new LedgerGridQuery(7, 0, 20, LedgerSortColumn.Time, true), _asked[^1]);
        Assert.Contains("+45", cut.FindAll("tr.ledger-row")[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("ledger-kind-grant", cut.FindAll("tr.ledger-row")[0].ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_next_page_asks_the_server_for_the_rows_after_the_first_twenty()
    {
        var cut = RenderGrid();
        cut.WaitForAssertion(() => Assert.Equal(20, cut.FindAll("tr.ledger-row").Count));

        await cut.Find("[data-testid=ledger-pager] button[aria-label='Next page']").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Equal(new LedgerGridQuery(7, 20, 20, LedgerSortColumn.Time, true), _asked[^1]));
        cut.WaitForAssertion(() => Assert.Contains("+25", cut.FindAll("tr.ledger-row")[0].TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sorting_by_amount_is_asked_of_the_server()
    {
        var cut = RenderGrid();
        cut.WaitForAssertion(() => Assert.Equal(20, cut.FindAll("tr.ledger-row").Count));

        var amountHeader = cut.FindAll("th").First(th => th.TextContent.Contains("Amount", StringComparison.Ordinal));
        await amountHeader.QuerySelector(".sortable-column-header")!.ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Equal(LedgerSortColumn.Amount, _asked[^1].Sort));
        Assert.Equal(0, _asked[^1].Offset);
    }

    [Fact]
    public void Without_a_sort_the_grid_state_becomes_newest_first_at_its_offset() =>
        Assert.Equal(new LedgerGridQuery(1, 100, 50, LedgerSortColumn.Time, true),
            LedgerGrid.QueryOf(1, new GridState<LedgerEntryRow> { Page = 2, PageSize = 50 }));
}
