using CampTrading.Core.Accounts;

namespace CampTrading.Core.Engine;

/// <summary>
/// QR codes: staff print batches of random codes (made outside the engine); a student redeems one for the
/// value stored here. Validation and the use count change in the same single-threaded step, so two
/// simultaneous redemptions of a single-use code cannot both succeed.
/// </summary>
public sealed partial class ExchangeEngine
{
    private sealed class QrCode(long id, string code, long value, int maxUses, long? expiresAt, string label, long createdAt, string createdBy)
    {
        public long Id { get; } = id;
        public string Code { get; } = code;
        public long Value { get; } = value;
        public int MaxUses { get; } = maxUses;
        public long? ExpiresAt { get; } = expiresAt;
        public string Label { get; } = label;
        public long CreatedAt { get; } = createdAt;
        public string CreatedBy { get; } = createdBy;
        public bool Voided { get; set; }
        /// <summary>Accounts that redeemed it, in order; the count is the number of uses.</summary>
        public List<int> RedeemedBy { get; } = [];
        public HashSet<int> Redeemers { get; } = [];

        public QrCodeView View() => new(Id, Code, Value, MaxUses, RedeemedBy.Count,
            ExpiresAt is { } e ? new DateTimeOffset(e, TimeSpan.Zero) : null, Label,
            new DateTimeOffset(CreatedAt, TimeSpan.Zero), CreatedBy, Voided);
    }

    private readonly List<QrCode> _qrCodes = [];
    private readonly Dictionary<string, QrCode> _qrByCode = new(StringComparer.Ordinal);

    /// <summary>The canonical form of a typed or scanned code: trimmed, upper case; null if it holds anything but A–Z and 0–9.</summary>
    public static string? NormalizeQrCode(string? code)
    {
        var trimmed = code?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > CreateQrCodes.MaxCodeLength) return null;
        var upper = trimmed.ToUpperInvariant();
        foreach (var ch in upper)
            if (ch is not ((>= 'A' and <= 'Z') or (>= '0' and <= '9'))) return null;
        return upper;
    }

    public QrCodeView? FindQrCode(string code) =>
        NormalizeQrCode(code) is { } key && _qrByCode.TryGetValue(key, out var qr) ? qr.View() : null;

    /// <summary>Every code, newest first.</summary>
    public IReadOnlyList<QrCodeView> QrCodes()
    {
        var views = new QrCodeView[_qrCodes.Count];
        for (var i = 0; i < views.Length; i++) views[i] = _qrCodes[^(i + 1)].View();
        return views;
    }

    private CommandResult ApplyCreateQrCodes(CreateQrCodes c)
    {
        if (c.Codes is null || c.Codes.Count is 0 or > CreateQrCodes.MaxBatch) return CommandResult.Reject(RejectCode.InvalidCommand);
        if (c.MaxValue is < 1 or > CreateQrCodes.HardMaxValue) return CommandResult.Reject(RejectCode.InvalidCommand);
        if (c.Value < 1 || c.Value > c.MaxValue) return CommandResult.Reject(RejectCode.InvalidAmount, 1, c.MaxValue);
        if (c.MaxUses is < 1 or > CreateQrCodes.MaxUsesLimit) return CommandResult.Reject(RejectCode.InvalidCommand);
        if (c.ExpiresAt is { } expiry && expiry.UtcTicks <= _time) return CommandResult.Reject(RejectCode.InvalidCommand);
        var label = c.Label?.Trim() ?? "";
        if (label.Length > CreateQrCodes.MaxLabelLength) return CommandResult.Reject(RejectCode.InvalidCommand);

        // Validate the whole batch before creating any code: a batch is created entirely or not at all.
        var codes = new string[c.Codes.Count];
        var batch = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < codes.Length; i++)
        {
            var code = NormalizeQrCode(c.Codes[i]);
            if (code is null || code.Length < CreateQrCodes.MinCodeLength) return CommandResult.Reject(RejectCode.InvalidCommand);
            if (_qrByCode.ContainsKey(code) || !batch.Add(code)) return CommandResult.Reject(RejectCode.QrCodeTaken);
            codes[i] = code;
        }

        var firstId = _qrCodes.Count + 1L;
        var actor = c.Actor?.Trim() ?? "";
        foreach (var code in codes)
        {
            var qr = new QrCode(_qrCodes.Count + 1L, code, c.Value, c.MaxUses, c.ExpiresAt?.UtcTicks, label, _time, actor);
            _qrCodes.Add(qr);
            _qrByCode.Add(code, qr);
        }
        ref var e = ref NewEvent(EventKind.CatalogChanged);
        e.Code = (byte)CatalogKind.QrCodes;
        e.Reference = firstId;
        e.Quantity = codes.Length;
        return CommandResult.Ok(firstId) with { Detail1 = codes.Length };
    }

    private CommandResult ApplyRedeemQr(RedeemQr c)
    {
        var account = FindAccount(c.AccountId);
        if (account is null) return CommandResult.Reject(RejectCode.AccountUnknown);
        if (account.Kind != AccountKind.Student) return CommandResult.Reject(RejectCode.NotPermitted);
        if (!account.CanAct) return CommandResult.Reject(RejectCode.AccountDisabled);
        if (_settled) return CommandResult.Reject(RejectCode.MarketSettled);
        if (NormalizeQrCode(c.Code) is not { } code || !_qrByCode.TryGetValue(code, out var qr)) return CommandResult.Reject(RejectCode.QrUnknown);
        if (qr.Voided) return CommandResult.Reject(RejectCode.QrVoided);
        if (qr.ExpiresAt is { } expiry && _time >= expiry) return CommandResult.Reject(RejectCode.QrExpired);
        if (qr.Redeemers.Contains(account.Id)) return CommandResult.Reject(RejectCode.QrAlreadyRedeemed);
        if (qr.RedeemedBy.Count >= qr.MaxUses) return CommandResult.Reject(RejectCode.QrUsedUp);
        if (!CanMint(Assets.Points, qr.Value)) return SupplyRefusal(Assets.Points);

        qr.RedeemedBy.Add(account.Id);
        qr.Redeemers.Add(account.Id);
        Move(_accounts[SystemAccounts.Qr]!, account, Assets.Points, qr.Value, LedgerKind.Qr, qr.Id);
        ref var e = ref NewEvent(EventKind.CatalogChanged);
        e.Code = (byte)CatalogKind.QrCodes;
        e.Reference = qr.Id;
        e.Account = account.Id;
        return CommandResult.Ok(qr.Id) with { Detail1 = qr.Value, Detail2 = qr.MaxUses - qr.RedeemedBy.Count };
    }

    private CommandResult ApplyVoidQr(VoidQr c)
    {
        if (NormalizeQrCode(c.Code) is not { } code || !_qrByCode.TryGetValue(code, out var qr)) return CommandResult.Reject(RejectCode.QrUnknown);
        if (qr.Voided) return CommandResult.Reject(RejectCode.QrVoided);
        if (qr.RedeemedBy.Count >= qr.MaxUses) return CommandResult.Reject(RejectCode.QrUsedUp);
        qr.Voided = true;
        ref var e = ref NewEvent(EventKind.CatalogChanged);
        e.Code = (byte)CatalogKind.QrCodes;
        e.Reference = qr.Id;
        return CommandResult.Ok(qr.Id) with { Detail1 = qr.MaxUses - qr.RedeemedBy.Count };
    }

    private EngineSnapshot CaptureQr(EngineSnapshot snapshot) => snapshot with
    {
        QrCodes = _qrCodes.Select(q => new EngineSnapshot.QrCodeState(
            q.Id, q.Code, q.Value, q.MaxUses, q.ExpiresAt, q.Label, q.CreatedAt, q.CreatedBy, q.Voided, [.. q.RedeemedBy])).ToArray(),
    };

    private void RestoreQr(EngineSnapshot snapshot)
    {
        foreach (var s in snapshot.QrCodes)
        {
            var qr = new QrCode(s.Id, s.Code, s.Value, s.MaxUses, s.ExpiresAt, s.Label, s.CreatedAt, s.CreatedBy) { Voided = s.Voided };
            foreach (var account in s.RedeemedBy)
            {
                qr.RedeemedBy.Add(account);
                qr.Redeemers.Add(account);
            }
            _qrCodes.Add(qr);
            _qrByCode.Add(qr.Code, qr);
        }
    }
}
