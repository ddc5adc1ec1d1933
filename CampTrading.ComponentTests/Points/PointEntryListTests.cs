using CampTrading.ComponentTests.Support;
using CampTrading.Core.Engine;
using CampTrading.Web.Exchange;
using CampTrading.Web.Points;

namespace CampTrading.ComponentTests.Points;

public sealed class PointEntryListTests : CampComponentTest
{
    private static readonly DateTimeOffset At = new(2026, 7, 14, 6, 30, 0, TimeSpan.Zero);

    private static LedgerEntryRow Row(long id, LedgerKind kind, long amount, long balance, int counterparty = 0) =>
        new(id, id, At, 101, 0, amount, balance, kind, 0, counterparty);

    private IRenderedComponent<PointEntryList> RenderList(params LedgerEntryRow[] rows) => Render<PointEntryList>(p => p
        .Add(l => l.Entries, rows)
        .Add(l => l.NameOf, id => id == 102 ? "Alice" : null)
        .Add(l => l.SymbolOf, id => id == 1 ? "CAMP" : null));

    [Fact]
    public void Each_kind_is_named_in_words_and_carries_its_kind_for_filters()
    {
        var list = RenderList(Row(3, LedgerKind.TransferFee, -3, 697), Row(2, LedgerKind.Transfer, -300, 700, 102), Row(1, LedgerKind.Qr, 150, 1_000));

        var rows = list.FindAll("[data-testid=ledger-row]");
        Assert.Equal(["TransferFee", "Transfer", "Qr"], rows.Select(r => r.GetAttribute("data-kind")));
        Assert.Equal(["轉帳手續費", "轉帳", "QR Code"], list.FindAll("[data-testid=ledger-kind]").Select(k => k.TextContent));
    }

    [Fact]
    public void Credits_have_a_plus_and_the_up_colour_and_debits_a_true_minus()
    {
        var list = RenderList(Row(2, LedgerKind.Transfer, -1_300, 700, 102), Row(1, LedgerKind.Grant, 2_000, 2_000));

        var amounts = list.FindAll("[data-testid=ledger-amount]");
        Assert.Equal("−1,300", amounts[0].TextContent);
        Assert.Contains("debit", amounts[0].ClassList);
        Assert.Equal("+2,000", amounts[1].TextContent);
        Assert.Contains("credit", amounts[1].ClassList);
        Assert.Contains("2,000", list.FindAll("[data-testid=ledger-balance]")[1].TextContent);
    }

    [Fact]
    public void The_other_side_is_named_and_grants_come_from_staff()
    {
        var list = RenderList(Row(2, LedgerKind.Transfer, -300, 700, 102), Row(1, LedgerKind.Grant, 1_000, 1_000));

        var rows = list.FindAll("[data-testid=ledger-row]");
        Assert.Contains("與 Alice", rows[0].TextContent);
        Assert.Contains("工作人員", rows[1].TextContent);
    }

    [Fact]
    public void A_trade_never_names_the_other_side()
    {
        var list = RenderList(Row(1, LedgerKind.Trade, -190, 810, 102));

        Assert.DoesNotContain("Alice", list.Find("[data-testid=ledger-row]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_trade_says_what_was_bought_or_sold_at_what_price_and_still_not_with_whom()
    {
        var list = RenderList(
            Row(2, LedgerKind.Trade, 95, 905, 102) with { Trade = new LedgerTrade(1, false, 5, 19) },
            Row(1, LedgerKind.Trade, -95, 810, 102) with { Trade = new LedgerTrade(1, true, 5, 19) });

        var details = list.FindAll("[data-testid=ledger-detail]").Select(d => d.TextContent).ToArray();
        Assert.Equal(["賣出 5 CAMP @ 19", "買入 5 CAMP @ 19"], details);
        Assert.DoesNotContain("Alice", list.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void The_note_that_came_with_a_transfer_is_shown_as_text()
    {
        var list = RenderList(Row(2, LedgerKind.Transfer, 300, 1_300, 102) with { Note = "午餐錢 <script>x</script>" }, Row(1, LedgerKind.Grant, 50, 1_000));

        var note = Assert.Single(list.FindAll("[data-testid=ledger-note]"));
        Assert.Equal("午餐錢 <script>x</script>", note.TextContent);
        Assert.Empty(list.FindAll("script"));
    }

    [Fact]
    public void No_entries_says_so()
    {
        var list = RenderList();

        Assert.Equal("沒有符合的紀錄", list.Find("[data-testid=no-entries]").TextContent);
        Assert.Empty(list.FindAll("[data-testid=ledger-row]"));
    }
}
