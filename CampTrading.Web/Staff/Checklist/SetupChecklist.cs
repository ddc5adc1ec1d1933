using System.Globalization;
using CampTrading.Web.Staff.PublicAddress;

namespace CampTrading.Web.Staff.Checklist;

public enum SetupStepKey { Roster, StartingPoints, PublicAddress, Printed, IpoReviewed, MarketOpened }

/// <summary>
/// What the first-day checklist reads from the real state of the camp (never from clicks on the checklist itself).
/// </summary>
/// <param name="Students">Student accounts (an imported roster opens one per row).</param>
/// <param name="StudentsAtZero">Students with no points and no shares: nobody gave them starting points yet.</param>
/// <param name="Address">The public address in force, checked.</param>
/// <param name="BadgesPrintedWith">The address the badges page last showed printable sheets with, or null.</param>
/// <param name="QrCouponsExist">Whether any QR coupon batch exists (coupons are optional).</param>
/// <param name="QrPrintedWith">The address a QR coupon sheet was last shown printable with, or null.</param>
/// <param name="IpoReviewed">Whether the market page (its IPO table) was opened by a market manager.</param>
/// <param name="MarketOpened">Whether the market is open now or has traded.</param>
/// <param name="IpoSymbol">The first instrument's symbol, for the suggestion.</param>
/// <param name="IpoPrice">The first instrument's IPO price (its unsold pool's ask, else its reference price).</param>
public sealed record SetupFacts(int Students, int StudentsAtZero, PublicAddressCheck Address, string? BadgesPrintedWith,
    bool QrCouponsExist, string? QrPrintedWith, bool IpoReviewed, bool MarketOpened, string? IpoSymbol = null, long IpoPrice = 0);

/// <summary>One line of the checklist: done or not, what it means now, and where to do it.</summary>
public sealed record SetupStep(SetupStepKey Key, bool Done, string Title, string Detail, string Href, string Action);

/// <summary>
/// The organizer's first-day checklist (README "Running a camp" mirrors it): roster imported → starting points granted →
/// public address set → badges and QR coupons printed → IPO reviewed → market opened. Each step ticks itself from
/// <see cref="SetupFacts"/>.
/// </summary>
public static class SetupChecklist
{
    /// <summary>The starting points suggested per student buy this many shares at the IPO price (a round lot).</summary>
    public const int RoundLot = 100;

    /// <summary>IPO price × a round lot: enough for every student to buy <see cref="RoundLot"/> shares at the IPO.</summary>
    public static long SuggestedStartingPoints(long ipoPrice) => Math.Max(1, ipoPrice) * RoundLot;

    public static IReadOnlyList<SetupStep> Steps(SetupFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var address = facts.Address;
        var printedBadges = address.CanPrint && facts.BadgesPrintedWith == address.Address;
        var printedCoupons = !facts.QrCouponsExist || (address.CanPrint && facts.QrPrintedWith == address.Address);
        var suggested = N(SuggestedStartingPoints(facts.IpoPrice));
        var symbol = facts.IpoSymbol ?? "IPO";
        return
        [
            new(SetupStepKey.Roster, facts.Students > 0, "匯入名單 Import the roster",
                facts.Students > 0 ? $"{N(facts.Students)} 位學員。{N(facts.Students)} students." : "還沒有學員：上傳名單 CSV。No students yet: upload the roster CSV.",
                "/staff/roster", "名單 Roster"),
            new(SetupStepKey.StartingPoints, facts.Students > 0 && facts.StudentsAtZero == 0, "發放起始點數 Grant starting points",
                facts.Students == 0 ? "先匯入名單。Import the roster first."
                : facts.StudentsAtZero == 0 ? "每位學員都有點數。Every student has points."
                : $"{N(facts.StudentsAtZero)} 位學員還是 0 點（匯入的學員從 0 點開始）。建議發給全體每人 {suggested} 點（{symbol} IPO 價 {N(facts.IpoPrice)} × {RoundLot} 股）。"
                  + $" {N(facts.StudentsAtZero)} students still have 0 points (imported students start at 0). Suggested: {suggested} points to everyone ({symbol} IPO price {N(facts.IpoPrice)} × a round lot of {RoundLot} shares).",
                "/staff/points", "點數 Points"),
            new(SetupStepKey.PublicAddress, address.CanPrint, "設定公開網址 Set the public address",
                address.CanPrint ? $"手機開啟 Phones open {address.Address}" : address.Problem,
                "/staff/badges", "設定 Set it"),
            new(SetupStepKey.Printed, printedBadges && printedCoupons, "列印名牌與點數券 Print badges and QR coupons",
                PrintedDetail(facts, printedBadges, printedCoupons), "/staff/badges", "名牌 Badges"),
            new(SetupStepKey.IpoReviewed, facts.IpoReviewed, "檢查 IPO Review the IPO",
                facts.IpoReviewed ? "已檢查 IPO 價格與股數。The IPO price and pool were reviewed."
                : "在市場頁確認 IPO 價格與股數。Check the IPO price and pool on the market page.",
                "/staff/market", "市場 Market"),
            new(SetupStepKey.MarketOpened, facts.MarketOpened, "開盤 Open the market",
                facts.MarketOpened ? "市場已開盤。The market is open (or has traded)." : "準備好後在市場頁開盤。Open it on the market page when ready.",
                "/staff/market", "市場 Market"),
        ];
    }

    private static string PrintedDetail(SetupFacts facts, bool badges, bool coupons)
    {
        if (!facts.Address.CanPrint) return "先設定手機能開的公開網址。Set a public address phones can open first.";
        var parts = new List<string>
        {
            badges ? "名牌已列印 Badges printed" : facts.BadgesPrintedWith is { } old ? $"名牌用舊網址 {old} 列印，請重印 Badges were printed for {old}: print again"
                : "名牌未列印 Badges not printed",
            !facts.QrCouponsExist ? "沒有點數券（可不用）No QR coupons (optional)" : coupons ? "點數券已列印 QR coupons printed" : "點數券未列印 QR coupons not printed",
        };
        return string.Join(" · ", parts) + ".";
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
