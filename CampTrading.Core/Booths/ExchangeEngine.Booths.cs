using CampTrading.Core.Accounts;

namespace CampTrading.Core.Engine;

/// <summary>
/// Community booths: each pays its fixed reward to a student once. The award is keyed on the student's
/// account id, so however the student was looked up at the booth they cannot be paid twice.
/// </summary>
public sealed partial class ExchangeEngine
{
    private sealed class Booth(int id, string name, string secretHash, long reward, long createdAt, string createdBy)
    {
        public int Id { get; } = id;
        public string Name { get; } = name;
        public string SecretHash { get; set; } = secretHash;
        public long Reward { get; } = reward;
        public long CreatedAt { get; } = createdAt;
        public string CreatedBy { get; } = createdBy;
        public List<int> AwardedTo { get; } = [];
        public HashSet<int> Awarded { get; } = [];

        public BoothView View() => new(Id, Name, SecretHash, Reward, AwardedTo.Count, new DateTimeOffset(CreatedAt, TimeSpan.Zero), CreatedBy);
    }

    private readonly List<Booth> _booths = [];

    public BoothView? FindBooth(int id) => id >= 1 && id <= _booths.Count ? _booths[id - 1].View() : null;

    public IReadOnlyList<BoothView> Booths() => _booths.Select(b => b.View()).ToArray();

    public bool BoothHasAwarded(int boothId, int accountId) =>
        boothId >= 1 && boothId <= _booths.Count && _booths[boothId - 1].Awarded.Contains(accountId);

    private CommandResult ApplyCreateBooth(CreateBooth c)
    {
        var name = c.Name?.Trim() ?? "";
        if (name.Length is 0 or > CreateBooth.MaxNameLength || !ValidHash(c.SecretHash)) return CommandResult.Reject(RejectCode.InvalidCommand);
        // Two booths of one name would let one community pay a student twice.
        if (_booths.Exists(b => string.Equals(b.Name, name, StringComparison.OrdinalIgnoreCase))) return CommandResult.Reject(RejectCode.InvalidCommand);
        if (c.Reward is < 1 or > CreateBooth.MaxReward) return CommandResult.Reject(RejectCode.InvalidAmount);

        var booth = new Booth(_booths.Count + 1, name, c.SecretHash, c.Reward, _time, c.Actor?.Trim() ?? "");
        _booths.Add(booth);
        EmitBoothChanged(booth.Id);
        return CommandResult.Ok(booth.Id);
    }

    private CommandResult ApplyResetBoothSecret(ResetBoothSecret c)
    {
        if (c.BoothId < 1 || c.BoothId > _booths.Count) return CommandResult.Reject(RejectCode.BoothUnknown);
        if (!ValidHash(c.SecretHash)) return CommandResult.Reject(RejectCode.InvalidCommand);
        _booths[c.BoothId - 1].SecretHash = c.SecretHash;
        EmitBoothChanged(c.BoothId);
        return CommandResult.Ok(c.BoothId);
    }

    private CommandResult ApplyAwardBooth(AwardBooth c)
    {
        if (c.BoothId < 1 || c.BoothId > _booths.Count) return CommandResult.Reject(RejectCode.BoothUnknown);
        var booth = _booths[c.BoothId - 1];
        var account = FindAccount(c.AccountId);
        if (account is null) return CommandResult.Reject(RejectCode.AccountUnknown);
        if (account.Kind != AccountKind.Student) return CommandResult.Reject(RejectCode.NotPermitted);
        if (!account.CanAct) return CommandResult.Reject(RejectCode.AccountDisabled);
        if (_settled) return CommandResult.Reject(RejectCode.MarketSettled);
        if (booth.Awarded.Contains(account.Id)) return CommandResult.Reject(RejectCode.BoothAlreadyAwarded);
        if (!CanMint(Assets.Points, booth.Reward)) return SupplyRefusal(Assets.Points);

        booth.Awarded.Add(account.Id);
        booth.AwardedTo.Add(account.Id);
        Move(_accounts[SystemAccounts.Booths]!, account, Assets.Points, booth.Reward, LedgerKind.Booth, booth.Id);
        EmitBoothChanged(booth.Id);
        return CommandResult.Ok(booth.Id) with { Detail1 = booth.Reward };
    }

    private static bool ValidHash(string? hash) => !string.IsNullOrWhiteSpace(hash) && hash.Length <= CreateBooth.MaxHashLength;

    private void EmitBoothChanged(int boothId)
    {
        ref var e = ref NewEvent(EventKind.CatalogChanged);
        e.Code = (byte)CatalogKind.Booth;
        e.Reference = boothId;
    }

    private EngineSnapshot CaptureBooths(EngineSnapshot snapshot) => snapshot with
    {
        Booths = _booths.Select(b => new EngineSnapshot.BoothState(b.Id, b.Name, b.SecretHash, b.Reward, b.CreatedAt, b.CreatedBy, [.. b.AwardedTo])).ToArray(),
    };

    private void RestoreBooths(EngineSnapshot snapshot)
    {
        foreach (var s in snapshot.Booths)
        {
            var booth = new Booth(s.Id, s.Name, s.SecretHash, s.Reward, s.CreatedAt, s.CreatedBy);
            foreach (var account in s.AwardedTo)
            {
                booth.AwardedTo.Add(account);
                booth.Awarded.Add(account);
            }
            _booths.Add(booth);
        }
    }
}
