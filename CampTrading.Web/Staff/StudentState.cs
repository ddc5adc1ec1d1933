using CampTrading.Core.Accounts;
using CampTrading.Core.ReadModels;

namespace CampTrading.Web.Staff;

/// <summary>How the staff console names an account's state.</summary>
public static class StudentState
{
    public static string Label(AccountView? account) => account switch
    {
        null => "無帳戶 No account",
        { Restrictions: var r } when r.HasFlag(AccountRestrictions.Disabled) => "停用 Disabled",
        { Restrictions: var r } when r.HasFlag(AccountRestrictions.Frozen) => "凍結 Frozen",
        { Debt: > 0 } => "欠款 In debt",
        _ => "正常 Active",
    };
}
