using CampTrading.Core.Engine;

namespace CampTrading.Web.Points;

/// <summary>The grant-or-take form of the staff points page: each field's rule and the signed amount it stands for.</summary>
public sealed class PointsGrantForm
{
    public bool Taking { get; set; }
    public long Amount { get; set; }
    public string Reason { get; set; } = "";

    public long SignedAmount => Taking ? -Amount : Amount;

    public static string? AmountError(long amount) =>
        amount is < 1 or > Grant.MaxAmount ? "點數須為正整數。Points must be a positive whole number." : null;

    public static string? ReasonError(string? reason) => string.IsNullOrWhiteSpace(reason) ? "請填寫原因。A reason is required." : null;

    /// <summary>Why the form cannot be previewed yet: no target chosen, an amount out of range, no reason.</summary>
    public IReadOnlyList<string> Errors(PointsTarget? target, PointsTargetKind kind)
    {
        var errors = new List<string>();
        if (target is null) errors.Add(kind == PointsTargetKind.Person ? "請先選擇學員。Choose a student first." : "請選擇隊伍。Choose a team.");
        if (AmountError(Amount) is { } amount) errors.Add(amount);
        if (ReasonError(Reason) is { } reason) errors.Add(reason);
        return errors;
    }
}
