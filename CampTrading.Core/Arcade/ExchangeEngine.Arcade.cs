using CampTrading.Core.Accounts;

namespace CampTrading.Core.Engine;

/// <summary>
/// Arcade machines charge plays (negative amounts, into the arcade account) and pay prizes (positive, out of it).
/// Each completed transaction is remembered per (machine, client transaction id): a retry with the same details
/// returns the original result and moves nothing; the same id with other details is refused as a conflict.
/// A refused transaction changes nothing and is not remembered, so retrying it evaluates it afresh.
/// </summary>
public sealed partial class ExchangeEngine
{
    private sealed record ArcadeTx(long Id, string ClientTransactionId, int AccountId, long Amount, string Game, long BalanceAfter)
    {
        public CommandResult Result => CommandResult.Ok(Id) with { Detail1 = Amount, Detail2 = BalanceAfter };
    }

    private sealed class ArcadeMachine(int id, string name, string keyHash, long createdAt, string createdBy)
    {
        public int Id { get; } = id;
        public string Name { get; } = name;
        public string KeyHash { get; } = keyHash;
        public long CreatedAt { get; } = createdAt;
        public string CreatedBy { get; } = createdBy;
        public bool Revoked { get; set; }
        public List<ArcadeTx> Log { get; } = [];
        public Dictionary<string, ArcadeTx> ByClientId { get; } = new(StringComparer.Ordinal);

        public ArcadeMachineView View() => new(Id, Name, KeyHash, Revoked, Log.Count, new DateTimeOffset(CreatedAt, TimeSpan.Zero), CreatedBy);
    }

    private readonly List<ArcadeMachine> _arcadeMachines = [];
    private long _nextArcadeTxId = 1;

    public ArcadeMachineView? FindArcadeMachine(int id) => id >= 1 && id <= _arcadeMachines.Count ? _arcadeMachines[id - 1].View() : null;

    public IReadOnlyList<ArcadeMachineView> ArcadeMachines() => _arcadeMachines.Select(m => m.View()).ToArray();

    private CommandResult ApplyRegisterArcadeMachine(RegisterArcadeMachine c)
    {
        var name = c.Name?.Trim() ?? "";
        if (name.Length is 0 or > RegisterArcadeMachine.MaxNameLength
            || string.IsNullOrWhiteSpace(c.KeyHash) || c.KeyHash.Length > RegisterArcadeMachine.MaxHashLength)
            return CommandResult.Reject(RejectCode.InvalidCommand);

        var machine = new ArcadeMachine(_arcadeMachines.Count + 1, name, c.KeyHash, _time, c.Actor?.Trim() ?? "");
        _arcadeMachines.Add(machine);
        EmitArcadeChanged(machine.Id);
        return CommandResult.Ok(machine.Id);
    }

    private CommandResult ApplyRevokeArcadeMachine(RevokeArcadeMachine c)
    {
        if (c.MachineId < 1 || c.MachineId > _arcadeMachines.Count) return CommandResult.Reject(RejectCode.ArcadeMachineUnknown);
        var machine = _arcadeMachines[c.MachineId - 1];
        if (machine.Revoked) return CommandResult.Reject(RejectCode.ArcadeMachineRevoked);
        machine.Revoked = true;
        EmitArcadeChanged(machine.Id);
        return CommandResult.Ok(machine.Id);
    }

    private CommandResult ApplyArcadeTransaction(ArcadeTransaction c)
    {
        if (c.MachineId < 1 || c.MachineId > _arcadeMachines.Count) return CommandResult.Reject(RejectCode.ArcadeMachineUnknown);
        var machine = _arcadeMachines[c.MachineId - 1];
        var clientId = c.ClientTransactionId?.Trim() ?? "";
        var game = c.Game?.Trim() ?? "";
        if (clientId.Length is 0 or > ArcadeTransaction.MaxIdLength) return CommandResult.Reject(RejectCode.InvalidCommand);

        // Exactly once: a transaction this machine already completed answers as it did the first time.
        if (machine.ByClientId.TryGetValue(clientId, out var done))
            return done.AccountId == c.AccountId && done.Amount == c.Amount && string.Equals(done.Game, game, StringComparison.Ordinal)
                ? done.Result
                : CommandResult.Reject(RejectCode.ArcadeTransactionConflict);

        if (machine.Revoked) return CommandResult.Reject(RejectCode.ArcadeMachineRevoked);
        if (game.Length is 0 or > ArcadeTransaction.MaxGameLength) return CommandResult.Reject(RejectCode.InvalidCommand);
        if (c.Amount is 0 or < -ArcadeTransaction.MaxAmount or > ArcadeTransaction.MaxAmount) return CommandResult.Reject(RejectCode.InvalidAmount);
        var account = FindAccount(c.AccountId);
        if (account is null) return CommandResult.Reject(RejectCode.AccountUnknown);
        if (account.Kind != AccountKind.Student) return CommandResult.Reject(RejectCode.NotPermitted);
        if (!account.CanAct) return CommandResult.Reject(RejectCode.AccountDisabled);
        if (_settled) return CommandResult.Reject(RejectCode.MarketSettled);

        var arcade = _accounts[SystemAccounts.Arcade]!;
        if (c.Amount < 0)
        {
            var price = -c.Amount;
            if ((account.Restrictions & AccountRestrictions.Frozen) != 0) return CommandResult.Reject(RejectCode.AccountFrozen);
            if (account.Debt > 0) return CommandResult.Reject(RejectCode.AccountInDebt, account.Debt);
            var available = account.Available(Assets.Points);
            if (available < price) return CommandResult.Reject(RejectCode.InsufficientPoints, price, available);
        }
        else if (!CanMint(Assets.Points, c.Amount)) return SupplyRefusal(Assets.Points);

        var tx = _nextArcadeTxId++;
        if (c.Amount < 0) Move(account, arcade, Assets.Points, -c.Amount, LedgerKind.Arcade, tx);
        else Move(arcade, account, Assets.Points, c.Amount, LedgerKind.Arcade, tx);

        var record = new ArcadeTx(tx, clientId, account.Id, c.Amount, game, account.Balance(Assets.Points));
        machine.Log.Add(record);
        machine.ByClientId.Add(clientId, record);
        return record.Result;
    }

    private void EmitArcadeChanged(int machineId)
    {
        ref var e = ref NewEvent(EventKind.CatalogChanged);
        e.Code = (byte)CatalogKind.ArcadeMachine;
        e.Reference = machineId;
    }

    private EngineSnapshot CaptureArcade(EngineSnapshot snapshot) => snapshot with
    {
        NextArcadeTransactionId = _nextArcadeTxId,
        ArcadeMachines = _arcadeMachines.Select(m => new EngineSnapshot.ArcadeMachineState(
            m.Id, m.Name, m.KeyHash, m.Revoked, m.CreatedAt, m.CreatedBy,
            m.Log.Select(t => new EngineSnapshot.ArcadeTransactionState(t.Id, t.ClientTransactionId, t.AccountId, t.Amount, t.Game, t.BalanceAfter)).ToArray()))
            .ToArray(),
    };

    private void RestoreArcade(EngineSnapshot snapshot)
    {
        _nextArcadeTxId = snapshot.NextArcadeTransactionId;
        foreach (var s in snapshot.ArcadeMachines)
        {
            var machine = new ArcadeMachine(s.Id, s.Name, s.KeyHash, s.CreatedAt, s.CreatedBy) { Revoked = s.Revoked };
            foreach (var t in s.Transactions)
            {
                var record = new ArcadeTx(t.Id, t.ClientTransactionId, t.AccountId, t.Amount, t.Game, t.BalanceAfter);
                machine.Log.Add(record);
                machine.ByClientId.Add(record.ClientTransactionId, record);
            }
            _arcadeMachines.Add(machine);
        }
    }
}
