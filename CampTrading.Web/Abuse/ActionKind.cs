namespace CampTrading.Web.Abuse;

/// <summary>The kinds of student action that are rate limited, each with its own allowance.</summary>
public enum ActionKind
{
    Order,
    Cancel,
    QrRedeem,
    Duel,
    Transfer,
    BotMessage,
}
