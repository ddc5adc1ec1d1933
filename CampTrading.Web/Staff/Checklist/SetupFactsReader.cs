using CampTrading.Core.Accounts;
using CampTrading.Core.Market;
using CampTrading.Core.Trading;
using CampTrading.Web.Exchange;
using CampTrading.Web.Roster;
using CampTrading.Web.Staff.PublicAddress;

namespace CampTrading.Web.Staff.Checklist;

/// <summary>
/// Reads the checklist's <see cref="SetupFacts"/> from the engine's read model, the engine and <c>camp_settings</c>. Students
/// are the roster's, as on the students page: the Development sign-in's accounts are not counted.
/// </summary>
public sealed class SetupFactsReader(ExchangeService exchange, CampSettingsStore settings, CampPublicAddress address, StudentStore roster)
{
    public async Task<SetupFacts> ReadAsync(CancellationToken ct = default)
    {
        var market = exchange.Market;
        var rostered = await roster.AccountIdsAsync(ct);
        var students = market.AllAccounts.Where(a => a.Kind == AccountKind.Student && rostered.Contains(a.Id)).ToList();
        var atZero = students.Count(a => a.Points == 0 && a.Holdings.All(h => h.Shares == 0));
        var check = await address.LoadAsync(ct);
        var stored = await settings.AllAsync(ct);

        var first = market.Instruments.Count > 0 ? market.Instruments[0] : null;
        long ipoPrice = first?.ReferencePrice ?? 0;
        var couponsExist = false;
        if (exchange.IsReady)
        {
            var (ipoAsk, anyCoupon) = await exchange.ReadEngineAsync(e => (
                first is null ? null : e.OpenOrdersOf(SystemAccounts.Treasury).Where(o => o.InstrumentId == first.Id && o.Side == Side.Sell)
                    .Select(o => (long?)o.Price).FirstOrDefault(),
                e.QrCodes().Count > 0), ct);
            ipoPrice = ipoAsk ?? ipoPrice;
            couponsExist = anyCoupon;
        }
        var opened = market.Status.Session != SessionState.Closed || market.Instruments.Any(i => market.RecentTrades(i.Id, 1).Count > 0);
        return new SetupFacts(students.Count, atZero, check, stored.GetValueOrDefault(CampSettingsStore.BadgesPrinted)?.Value, couponsExist,
            stored.GetValueOrDefault(CampSettingsStore.QrPrinted)?.Value, stored.ContainsKey(CampSettingsStore.IpoReviewed), opened,
            first?.Symbol, ipoPrice);
    }
}
