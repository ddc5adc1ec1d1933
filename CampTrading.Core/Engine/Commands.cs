using System.Text.Json.Serialization;
using CampTrading.Core.Accounts;
using CampTrading.Core.Feeds;
using CampTrading.Core.Market;
using CampTrading.Core.Trading;

namespace CampTrading.Core.Engine;

/// <summary>
/// Everything that changes exchange state. Commands are the journal's source of truth: the
/// sequencer stamps each with a sequence number and time, journals it, then applies it.
/// Replaying the journal therefore reproduces the state exactly.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$t")]
[JsonDerivedType(typeof(OpenAccount), "open_account")]
[JsonDerivedType(typeof(ListInstrument), "list_instrument")]
[JsonDerivedType(typeof(WithdrawIpo), "withdraw_ipo")]
[JsonDerivedType(typeof(SetIpoOffer), "set_ipo_offer")]
[JsonDerivedType(typeof(PlaceOrder), "place_order")]
[JsonDerivedType(typeof(CancelOrder), "cancel_order")]
[JsonDerivedType(typeof(SetMarketOverride), "set_override")]
[JsonDerivedType(typeof(SetSchedule), "set_schedule")]
[JsonDerivedType(typeof(SetTradingRules), "set_rules")]
[JsonDerivedType(typeof(Grant), "grant")]
[JsonDerivedType(typeof(Tick), "tick")]
[JsonDerivedType(typeof(Transfer), "transfer")]
[JsonDerivedType(typeof(GrantToGroup), "grant_group")]
[JsonDerivedType(typeof(RecordDebt), "record_debt")]
[JsonDerivedType(typeof(ClearDebt), "clear_debt")]
[JsonDerivedType(typeof(SetRestrictions), "set_restrictions")]
[JsonDerivedType(typeof(SetTeam), "set_team")]
[JsonDerivedType(typeof(CreateQrCodes), "create_qr")]
[JsonDerivedType(typeof(RedeemQr), "redeem_qr")]
[JsonDerivedType(typeof(VoidQr), "void_qr")]
[JsonDerivedType(typeof(CreateBooth), "create_booth")]
[JsonDerivedType(typeof(ResetBoothSecret), "reset_booth_secret")]
[JsonDerivedType(typeof(AwardBooth), "award_booth")]
[JsonDerivedType(typeof(RegisterArcadeMachine), "register_arcade")]
[JsonDerivedType(typeof(RevokeArcadeMachine), "revoke_arcade")]
[JsonDerivedType(typeof(ArcadeTransaction), "arcade_tx")]
[JsonDerivedType(typeof(CreateDuel), "create_duel")]
[JsonDerivedType(typeof(AcceptDuel), "accept_duel")]
[JsonDerivedType(typeof(ChooseDuel), "choose_duel")]
[JsonDerivedType(typeof(CancelDuel), "cancel_duel")]
[JsonDerivedType(typeof(Settle), "settle")]
[JsonDerivedType(typeof(ListFeedInstrument), "list_feed")]
[JsonDerivedType(typeof(ConfigureFeedInstrument), "configure_feed")]
[JsonDerivedType(typeof(FeedPrice), "feed_price")]
[JsonDerivedType(typeof(SetFeedControl), "feed_control")]
public abstract record Command;

/// <summary>Opens an account; the result's Id is the new account id.</summary>
/// <param name="Key">Optional idempotency key of the caller (e.g. <c>roster:S1</c>): opening again with a known key returns the
/// account it opened first and changes nothing, so an import that crashed half-way can simply run again.</param>
public sealed record OpenAccount(string Name, AccountKind Kind = AccountKind.Student, string? Team = null, string? Key = null) : Command
{
    public const int MaxKeyLength = 100;
}

/// <summary>
/// Lists an instrument and mints its IPO pool into the treasury. The pool is offered as a standing treasury ask, or, with
/// <see cref="IpoInOpeningAuction"/>, as one sell order in the next opening auction, withdrawn at that open
/// (docs/decisions/0023-ipo-in-the-opening-auction.md).
/// </summary>
public sealed record ListInstrument(string Symbol, string Name, long IpoPrice = 20, long IpoShares = 1_000_000) : Command
{
    /// <summary>
    /// Offer the pool in the next opening auction instead of as a standing ask. Left out of the JSON when off, so
    /// listings journaled before it replay as standing offers, as they were.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool IpoInOpeningAuction { get; init; }

    /// <summary>Books index price levels by price, so the price a book starts at must stay modest.</summary>
    public const long MaxIpoPrice = 100_000;
}

public sealed record WithdrawIpo(int InstrumentId) : Command;

public sealed record PlaceOrder(
    int AccountId,
    int InstrumentId,
    Side Side,
    OrderType Type,
    long Quantity,
    long Price = 0,
    TimeInForce TimeInForce = TimeInForce.Gtc) : Command
{
    /// <summary>Optional one-use request key (see <see cref="RequestKeys"/>): a second command with the same key from the same account does nothing and answers the first result.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RequestKey { get; init; }

    /// <summary>Where the order came from; the default (Unknown) is not written, so journals from before origins replay unchanged.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public OrderOrigin Origin { get; init; }

    public const int MaxRequestKeyLength = RequestKeys.MaxLength;
}

public sealed record CancelOrder(int AccountId, long OrderId) : Command;

public sealed record SetMarketOverride(MarketOverride Override, string Actor) : Command;

public sealed record SetSchedule(IReadOnlyList<SessionInterval> Intervals, string Actor) : Command;

public sealed record SetTradingRules(TradingRules Rules, string Actor) : Command;

/// <summary>Gives (positive) or takes (negative) an asset: points via the grants account, shares via issuance.</summary>
public sealed record Grant(int AccountId, int Asset, long Amount, string Reason, string Actor) : Command
{
    /// <summary>The most one grant may give or take, so no balance can overflow.</summary>
    public const long MaxAmount = 1_000_000_000_000;
}

/// <summary>Lets time pass: session boundaries take effect even when nobody trades.</summary>
public sealed record Tick : Command;
