using CampTrading.Core.Trading;

namespace CampTrading.Web.Telegram.Language;

/// <summary>What a chat message asks for, as understood by <see cref="ChatIntentParser"/>. The bot always shows it back and asks
/// for confirmation before anything that moves points or shares.</summary>
public abstract record ChatIntent;

/// <summary>Buy or sell. <paramref name="Quantity"/> null = "all" (sell everything held); <paramref name="LimitPrice"/> null = market;
/// <paramref name="Symbol"/> null = the default (only) instrument.</summary>
public sealed record OrderIntent(Side Side, long? Quantity, long? LimitPrice, string? Symbol = null) : ChatIntent;

/// <summary>Send points; <paramref name="Recipient"/> as typed (username, display name or @handle), resolved later.</summary>
public sealed record TransferIntent(long Amount, string Recipient) : ChatIntent;

public sealed record BalanceIntent : ChatIntent;

public sealed record PriceIntent(string? Symbol = null) : ChatIntent;

public sealed record OrdersIntent : ChatIntent;

public sealed record CancelAllOrdersIntent : ChatIntent;

public sealed record LeaderboardIntent : ChatIntent;

public sealed record HistoryIntent : ChatIntent;

public sealed record HelpIntent : ChatIntent;

/// <summary>Challenge to rock-paper-scissors; <paramref name="Opponent"/> null = anyone.</summary>
public sealed record DuelIntent(long Stake, string? Opponent = null) : ChatIntent;
