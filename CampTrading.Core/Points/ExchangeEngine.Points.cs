using CampTrading.Core.Accounts;
using CampTrading.Core.Points;
using CampTrading.Core.Trading;

namespace CampTrading.Core.Engine;

/// <summary>Points outside the market: transfers, group grants, debt, restrictions and teams.</summary>
public sealed partial class ExchangeEngine
{
    private CommandResult ApplyTransfer(Transfer c)
    {
        var from = FindAccount(c.FromAccountId);
        var to = FindAccount(c.ToAccountId);
        if (from is null || to is null) return CommandResult.Reject(RejectCode.AccountUnknown);
        if (from.Kind != AccountKind.Student || to.Kind != AccountKind.Student) return CommandResult.Reject(RejectCode.NotPermitted);
        if (from.Id == to.Id) return CommandResult.Reject(RejectCode.TransferToSelf);
        if (c.Amount is <= 0 or > Transfer.MaxAmount) return CommandResult.Reject(RejectCode.InvalidAmount);
        if (c.Memo is { Length: > Transfer.MaxMemoLength }) return CommandResult.Reject(RejectCode.InvalidCommand);
        // The final rankings are computed at settlement: no points move between students after it.
        if (_settled) return CommandResult.Reject(RejectCode.MarketSettled);

        if (!from.CanAct) return CommandResult.Reject(RejectCode.AccountDisabled, from.Id);
        if ((from.Restrictions & AccountRestrictions.Frozen) != 0) return CommandResult.Reject(RejectCode.AccountFrozen, from.Id);
        if (from.Debt > 0) return CommandResult.Reject(RejectCode.AccountInDebt, from.Debt);
        if (!to.CanAct) return CommandResult.Reject(RejectCode.AccountDisabled, to.Id);

        var fee = TransferFees.For(c.Amount, Rules);
        var need = c.Amount + fee;
        var available = from.Available(Assets.Points);
        if (available < need) return CommandResult.Reject(RejectCode.InsufficientPoints, need, available);

        var transferId = _seq;
        Move(from, to, Assets.Points, c.Amount, LedgerKind.Transfer, transferId); // repays the recipient's debt first
        if (fee > 0) Move(from, _accounts[SystemAccounts.Fees]!, Assets.Points, fee, LedgerKind.TransferFee, transferId);
        return CommandResult.Ok(transferId) with { Filled = c.Amount, Detail1 = fee };
    }

    private CommandResult ApplyGrantToGroup(GrantToGroup c)
    {
        if (c.Amount is 0 or < -Grant.MaxAmount or > Grant.MaxAmount) return CommandResult.Reject(RejectCode.InvalidAmount);
        var team = string.IsNullOrWhiteSpace(c.Team) ? null : c.Team.Trim();
        var members = Accounts().Where(a => a.Kind == AccountKind.Student && (team is null || a.Team == team)).Select(a => a.Id).ToList();
        if (team is not null && members.Count == 0) return CommandResult.Reject(RejectCode.TeamUnknown);
        if (_settled) return CommandResult.Reject(RejectCode.MarketSettled);
        if (!CanMint(Assets.Points, (Int128)c.Amount * members.Count)) return SupplyRefusal(Assets.Points);
        if (c.Amount < 0 && members.Any(id => FindAccount(id)!.Debt > Supply.MaxPoints + c.Amount)) return SupplyRefusal(Assets.Points);

        long moved = 0, shortfall = 0;
        foreach (var id in members)
        {
            // One ordinary grant per member: the same rules (a take never goes below zero, the shortfall is debt).
            var r = ApplyGrant(new Grant(id, Assets.Points, c.Amount, c.Reason, c.Actor));
            if (!r.IsOk) throw new InvalidOperationException($"group grant to account {id} refused: {r.Code}"); // validated above
            moved += c.Amount > 0 ? c.Amount : r.Filled;
            shortfall += r.Detail1;
        }
        return CommandResult.Ok(members.Count) with { Filled = moved, Detail1 = shortfall };
    }

    private CommandResult ApplyRecordDebt(RecordDebt c)
    {
        var account = FindAccount(c.AccountId);
        if (account is null) return CommandResult.Reject(RejectCode.AccountUnknown);
        if (account.IsSystem) return CommandResult.Reject(RejectCode.NotPermitted);
        if (c.Amount is <= 0 or > Grant.MaxAmount) return CommandResult.Reject(RejectCode.InvalidAmount);
        if (_settled) return CommandResult.Reject(RejectCode.MarketSettled);
        if (account.Debt > Supply.MaxPoints - c.Amount) return SupplyRefusal(Assets.Points); // debts stay summable too

        // A fine reaches points held by resting buys: those orders are cancelled first, as for a negative grant.
        if (account.Available(Assets.Points) < c.Amount) CancelOrdersHolding(account.Id, Assets.Points);
        account.Debt += c.Amount;
        var before = account.Balance(Assets.Points);
        RepayDebt(account, account.Available(Assets.Points), _seq); // what is available pays the fine at once (0005-debt.md)
        var collected = before - account.Balance(Assets.Points);
        if (collected == 0) EmitAccountChanged(account); // RepayDebt emitted it otherwise
        return CommandResult.Ok(account.Id) with { Filled = collected, Detail1 = account.Debt };
    }

    private CommandResult ApplyClearDebt(ClearDebt c)
    {
        var account = FindAccount(c.AccountId);
        if (account is null) return CommandResult.Reject(RejectCode.AccountUnknown);
        if (account.IsSystem) return CommandResult.Reject(RejectCode.NotPermitted);

        var forgiven = account.Debt;
        if (forgiven > 0)
        {
            account.Debt = 0; // no balance changes, so no ledger entry; the event carries the new debt (0)
            EmitAccountChanged(account);
        }
        return CommandResult.Ok(account.Id) with { Detail1 = forgiven };
    }

    private CommandResult ApplySetRestrictions(SetRestrictions c)
    {
        const AccountRestrictions known = AccountRestrictions.Disabled | AccountRestrictions.Frozen;
        if ((c.Restrictions & ~known) != 0) return CommandResult.Reject(RejectCode.InvalidCommand);
        var account = FindAccount(c.AccountId);
        if (account is null) return CommandResult.Reject(RejectCode.AccountUnknown);
        if (account.IsSystem) return CommandResult.Reject(RejectCode.NotPermitted);

        account.Restrictions = c.Restrictions;
        // A resting order acts later, when it fills: a disabled account keeps none, a frozen one keeps no buys.
        if ((c.Restrictions & AccountRestrictions.Disabled) != 0) CancelAllOrdersOf(account.Id);
        else if ((c.Restrictions & AccountRestrictions.Frozen) != 0) CancelOrdersHolding(account.Id, Assets.Points);
        EmitAccountChanged(account);
        return CommandResult.Ok(account.Id);
    }

    private CommandResult ApplySetTeam(SetTeam c)
    {
        var team = string.IsNullOrWhiteSpace(c.Team) ? null : c.Team.Trim();
        if (team is { Length: > SetTeam.MaxTeamLength }) return CommandResult.Reject(RejectCode.InvalidCommand);
        var account = FindAccount(c.AccountId);
        if (account is null) return CommandResult.Reject(RejectCode.AccountUnknown);
        if (account.IsSystem) return CommandResult.Reject(RejectCode.NotPermitted);

        account.Team = team;
        EmitAccountChanged(account);
        return CommandResult.Ok(account.Id);
    }

    private void CancelAllOrdersOf(int accountId)
    {
        var open = _orders.Values.Where(o => o.AccountId == accountId).ToList();
        foreach (var order in open) CancelResting(order, CancelReason.ByStaff);
    }
}
