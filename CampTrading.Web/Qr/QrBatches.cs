using CampTrading.Core.Engine;

namespace CampTrading.Web.Qr;

/// <summary>
/// One created batch of QR codes. The engine keeps codes, not batches: a batch is a run of consecutive ids made by one
/// CreateQrCodes command, so they share its time, actor, label, value, uses and expiry. Id is the first code's id.
/// </summary>
public sealed record QrBatchView(long Id, long Value, int MaxUses, DateTimeOffset? ExpiresAt, string Label, DateTimeOffset CreatedAt,
    string CreatedBy, IReadOnlyList<QrCodeView> Codes)
{
    public int Count => Codes.Count;
    public int Uses => Codes.Sum(c => c.Uses);
    public int Capacity => Codes.Sum(c => c.MaxUses);
    public int Voided => Codes.Count(c => c.Voided);
    public int Unused => Codes.Count(c => !c.Voided && c.Uses == 0);

    /// <summary>Codes with uses left (not voided, not used up); voiding the batch voids these.</summary>
    public IEnumerable<QrCodeView> Open => Codes.Where(c => c.UsesLeft > 0);

    public bool IsExpired(DateTimeOffset now) => ExpiresAt is { } expiry && now >= expiry;
}

public static class QrBatches
{
    /// <summary>The codes grouped into batches, newest batch first.</summary>
    public static IReadOnlyList<QrBatchView> Group(IEnumerable<QrCodeView> codes)
    {
        var batches = new List<QrBatchView>();
        List<QrCodeView>? run = null;
        foreach (var code in codes.OrderBy(c => c.Id))
        {
            if (run is null || !SameBatch(run[^1], code))
            {
                if (run is not null) batches.Add(From(run));
                run = [];
            }
            run.Add(code);
        }
        if (run is not null) batches.Add(From(run));
        batches.Reverse();
        return batches;
    }

    private static bool SameBatch(QrCodeView previous, QrCodeView next) =>
        next.Id == previous.Id + 1 && next.CreatedAt == previous.CreatedAt && next.CreatedBy == previous.CreatedBy
        && next.Label == previous.Label && next.Value == previous.Value && next.MaxUses == previous.MaxUses && next.ExpiresAt == previous.ExpiresAt;

    private static QrBatchView From(List<QrCodeView> run)
    {
        var first = run[0];
        return new QrBatchView(first.Id, first.Value, first.MaxUses, first.ExpiresAt, first.Label, first.CreatedAt, first.CreatedBy, run);
    }

    /// <summary>The student page a printed QR opens: <c>{base}/qr/{code}</c>.</summary>
    public static string RedeemUrl(string baseUrl, string code) => $"{baseUrl.TrimEnd('/')}/qr/{Uri.EscapeDataString(code)}";

    /// <summary>For print: groups of four (ABCD-EFGH-JKMN); students may type it with or without the dashes.</summary>
    public static string Format(string code) => string.Join('-', code.Chunk(4).Select(chunk => new string(chunk)));
}
