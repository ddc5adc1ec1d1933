using CampTrading.Core.Accounts;

namespace CampTrading.Core.Engine;

public sealed partial class ExchangeEngine
{
    /// <summary>
    /// The one way a balance changes: moves an asset between two accounts, writing a ledger
    /// entry for each side. Incoming points repay the receiver's debt first, whatever the kind.
    /// Callers have checked that a non-system payer can afford it. Shares carry their cost basis along:
    /// the receiver adds <paramref name="paid"/> (what it paid for them; zero unless bought in a trade).
    /// </summary>
    private void Move(Account from, Account to, int asset, long amount, LedgerKind kind, long reference, long paid = 0)
    {
        if (asset != Assets.Points) MoveCostBasis(from, to, asset, amount, paid);
        Post(from, asset, -amount, kind, reference, to.Id);
        Post(to, asset, amount, kind, reference, from.Id);
        if (asset == Assets.Points && to.Debt > 0) RepayDebt(to, amount, reference);
    }

    /// <summary>
    /// The giver keeps the cost of the shares it still holds: it drops the proportional part of its basis (rounded
    /// down, all of it when nothing is left). System accounts hold pools, not positions, and keep no basis.
    /// </summary>
    private static void MoveCostBasis(Account from, Account to, int asset, long shares, long paid)
    {
        if (!from.IsSystem)
        {
            var held = from.Balance(asset);
            var basis = from.CostBasisOf(asset);
            var released = shares >= held ? basis : (long)((Int128)basis * shares / held);
            if (released != 0) from.CostBasis[asset] -= released;
        }
        if (!to.IsSystem && paid != 0)
        {
            to.EnsureAsset(asset);
            to.CostBasis[asset] += paid;
        }
    }

    private void Post(Account account, int asset, long amount, LedgerKind kind, long reference, int counterparty)
    {
        account.EnsureAsset(asset);
        var after = account.Balances[asset] += amount;
        ref var e = ref NewEvent(EventKind.Ledger);
        e.Account = account.Id;
        e.Other = counterparty;
        e.Asset = asset;
        e.Amount = amount;
        e.BalanceAfter = after;
        e.LedgerKind = kind;
        e.Reference = reference;
    }

    private void RepayDebt(Account account, long credited, long reference)
    {
        var repay = Math.Min(account.Debt, Math.Min(credited, account.Available(Assets.Points)));
        if (repay <= 0) return;
        account.Debt -= repay;
        Post(account, Assets.Points, -repay, LedgerKind.DebtRepayment, reference, SystemAccounts.Fines);
        Post(_accounts[SystemAccounts.Fines]!, Assets.Points, repay, LedgerKind.DebtRepayment, reference, account.Id);
        EmitAccountChanged(account);
    }

    private void EmitAccountChanged(Account account)
    {
        ref var e = ref NewEvent(EventKind.AccountChanged);
        e.Account = account.Id;
        e.Amount = account.Debt;
        e.Code = (byte)account.Restrictions;
    }

    private CommandResult ApplyGrant(Grant c)
    {
        var account = FindAccount(c.AccountId);
        if (account is null) return CommandResult.Reject(RejectCode.AccountUnknown);
        if (account.IsSystem) return CommandResult.Reject(RejectCode.NotPermitted);
        if (c.Amount is 0 or < -Grant.MaxAmount or > Grant.MaxAmount) return CommandResult.Reject(RejectCode.InvalidAmount);
        if (c.Asset != Assets.Points && FindInstrument(c.Asset) is null) return CommandResult.Reject(RejectCode.InstrumentUnknown);
        if (_settled) return CommandResult.Reject(RejectCode.MarketSettled); // the final standings are fixed
        if (!CanMint(c.Asset, c.Amount)) return SupplyRefusal(c.Asset);
        if (c.Asset == Assets.Points && c.Amount < 0 && account.Debt > Supply.MaxPoints + c.Amount) return SupplyRefusal(Assets.Points);

        var source = _accounts[c.Asset == Assets.Points ? SystemAccounts.Grants : SystemAccounts.Issuance]!;
        if (c.Amount > 0)
        {
            Move(source, account, c.Asset, c.Amount, LedgerKind.Grant, 0);
            return CommandResult.Ok(account.Id);
        }

        // A fine reaches points held by resting buys (shares held by sells): those orders are cancelled first.
        if (account.Available(c.Asset) < -c.Amount) CancelOrdersHolding(account.Id, c.Asset);

        // Taking never drives a balance negative: what the account cannot give becomes debt (points only).
        var take = Math.Min(-c.Amount, Math.Max(0, account.Available(c.Asset)));
        if (take > 0) Move(account, source, c.Asset, take, LedgerKind.Grant, 0);
        var shortfall = -c.Amount - take;
        if (shortfall > 0 && c.Asset == Assets.Points)
        {
            account.Debt += shortfall;
            EmitAccountChanged(account);
        }
        return new CommandResult(RejectCode.None, account.Id, Filled: take, Detail1: shortfall);
    }
}
