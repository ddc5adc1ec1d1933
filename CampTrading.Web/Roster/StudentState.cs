using CampTrading.Core.Accounts;
using CampTrading.Core.ReadModels;
using MudBlazor;

namespace CampTrading.Web.Roster;

/// <summary>One state chip: its bilingual label and the colour it is shown in.</summary>
public sealed record StateChip(string Label, Color Color);

/// <summary>How the staff console names an account's state.</summary>
public static class StudentState
{
    /// <summary>The one word for the account's most serious state (a list filter and a table cell use the same words).</summary>
    public static string Label(AccountView? account) => account switch
    {
        null => "無帳戶 No account",
        { Restrictions: var r } when r.HasFlag(AccountRestrictions.Disabled) => "停用 Disabled",
        { Restrictions: var r } when r.HasFlag(AccountRestrictions.Frozen) => "凍結 Frozen",
        { Debt: > 0 } => "欠款 In debt",
        _ => "正常 Active",
    };

    /// <summary>Every state that applies, most serious first, as chips (a frozen account can also be in debt).</summary>
    public static IReadOnlyList<StateChip> Chips(AccountView? account)
    {
        if (account is null) return [new("無帳戶 No account", Color.Default)];
        var chips = new List<StateChip>(3);
        if (account.Restrictions.HasFlag(AccountRestrictions.Disabled)) chips.Add(new("停用 Disabled", Color.Dark));
        if (account.Restrictions.HasFlag(AccountRestrictions.Frozen)) chips.Add(new("凍結 Frozen", Color.Info));
        if (account.Debt > 0) chips.Add(new("欠款 In debt", Color.Warning));
        if (chips.Count == 0) chips.Add(new("正常 Active", Color.Default));
        return chips;
    }
}
