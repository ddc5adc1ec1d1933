using System.Collections.Frozen;
using System.Globalization;

namespace CampTrading.Core.Engine;

/// <summary>Stable machine codes and human messages (zh-TW and English) for every rejection.</summary>
public static class RejectCodes
{
    private sealed record Text(string Code, string ZhTw, string En);

    // Messages may use {0} and {1}: the result's Detail1 and Detail2.
    private static readonly FrozenDictionary<RejectCode, Text> Texts = new Dictionary<RejectCode, Text>
    {
        [RejectCode.None] = new("ok", "成功", "OK"),
        [RejectCode.InvalidCommand] = new("invalid_command", "指令格式錯誤", "The request is not valid."),
        [RejectCode.MarketClosed] = new("market_closed", "市場目前休市", "The market is closed."),
        [RejectCode.MarketHalted] = new("market_halted", "市場暫停交易中", "Trading is halted."),
        [RejectCode.AccountUnknown] = new("account_unknown", "找不到此帳戶", "No such account."),
        [RejectCode.AccountDisabled] = new("account_disabled", "帳戶已停用", "This account is disabled."),
        [RejectCode.AccountFrozen] = new("account_frozen", "帳戶已凍結，無法支出點數", "This account is frozen and cannot spend."),
        [RejectCode.AccountInDebt] = new("account_in_debt", "帳戶尚有欠款 {0} 點，還清前只能賣出", "This account owes {0} points and can only sell until it is repaid."),
        [RejectCode.NotPermitted] = new("not_permitted", "沒有權限執行此操作", "Not permitted."),
        [RejectCode.InstrumentUnknown] = new("instrument_unknown", "找不到此股票", "No such instrument."),
        [RejectCode.InstrumentNotTradable] = new("instrument_not_tradable", "此股票目前不可交易", "This instrument is not tradable now."),
        [RejectCode.SymbolTaken] = new("symbol_taken", "股票代號已存在", "That symbol is already listed."),
        [RejectCode.InvalidQuantity] = new("invalid_quantity", "數量必須是正整數", "Quantity must be a positive whole number."),
        [RejectCode.QuantityAboveMax] = new("quantity_above_max", "單筆數量上限為 {0} 股", "At most {0} shares per order."),
        [RejectCode.InvalidPrice] = new("invalid_price", "價格必須是正整數", "Price must be a positive whole number."),
        [RejectCode.PriceOutsideBand] = new("price_outside_band", "價格超出漲跌幅限制（{0}–{1} 點）", "Price is outside the band ({0}–{1} points)."),
        [RejectCode.InsufficientPoints] = new("insufficient_points", "可用點數不足（需要 {0}，可用 {1}）", "Not enough available points (need {0}, have {1})."),
        [RejectCode.InsufficientShares] = new("insufficient_shares", "可用股數不足（需要 {0}，可用 {1}）", "Not enough available shares (need {0}, have {1})."),
        [RejectCode.DailyLimitReached] = new("daily_limit_reached", "已達今日下單上限 {0} 筆", "Daily limit of {0} orders reached."),
        [RejectCode.OrderUnknown] = new("order_unknown", "找不到此委託或已成交", "No such open order."),
        [RejectCode.OrderNotOwned] = new("order_not_owned", "這不是你的委託", "That order is not yours."),
        [RejectCode.InvalidAmount] = new("invalid_amount", "金額必須不為零的整數", "The amount must be a non-zero whole number."),
        [RejectCode.InvalidSchedule] = new("invalid_schedule", "交易時段設定錯誤", "The session schedule is not valid."),
        [RejectCode.InvalidRules] = new("invalid_rules", "交易規則設定錯誤", "The trading rules are not valid."),
        [RejectCode.TransferToSelf] = new("transfer_to_self", "不能轉帳給自己", "You cannot transfer to yourself."),
        [RejectCode.TeamUnknown] = new("team_unknown", "找不到此小隊", "No such team."),
        [RejectCode.QrUnknown] = new("qr_unknown", "找不到此 QR Code", "This QR code is not valid."),
        [RejectCode.QrUsedUp] = new("qr_used_up", "此 QR Code 已被使用完畢", "This QR code has already been used."),
        [RejectCode.QrExpired] = new("qr_expired", "此 QR Code 已過期", "This QR code has expired."),
        [RejectCode.QrVoided] = new("qr_voided", "此 QR Code 已作廢", "This QR code has been voided."),
        [RejectCode.QrAlreadyRedeemed] = new("qr_already_redeemed", "你已經兌換過此 QR Code", "You have already redeemed this QR code."),
        [RejectCode.QrCodeTaken] = new("qr_code_taken", "QR Code 代碼重複", "That QR code already exists."),
        [RejectCode.BoothUnknown] = new("booth_unknown", "找不到此攤位", "No such booth."),
        [RejectCode.BoothAlreadyAwarded] = new("booth_already_awarded", "此攤位已發過獎勵給這位學員", "This booth has already rewarded this student."),
        [RejectCode.ArcadeMachineUnknown] = new("arcade_machine_unknown", "找不到此遊戲機", "No such arcade machine."),
        [RejectCode.ArcadeMachineRevoked] = new("arcade_machine_revoked", "此遊戲機的金鑰已撤銷", "This arcade machine's key has been revoked."),
        [RejectCode.ArcadeTransactionConflict] = new("arcade_transaction_conflict", "交易編號已用於不同內容的交易", "That transaction id was already used with different details."),
        [RejectCode.DuelUnknown] = new("duel_unknown", "找不到此對決", "No such duel."),
        [RejectCode.DuelAlreadyOpen] = new("duel_already_open", "你已經有一場進行中的對決", "You already have an open challenge."),
        [RejectCode.DuelNotOpen] = new("duel_not_open", "此對決已結束或不在可操作的階段", "This duel is not open for that."),
        [RejectCode.DuelNotParticipant] = new("duel_not_participant", "你不是這場對決的參與者", "You are not in this duel."),
        [RejectCode.DuelInvalidChoice] = new("duel_invalid_choice", "無效的出拳選擇", "That choice is not valid for this game."),
        [RejectCode.DuelAlreadyChosen] = new("duel_already_chosen", "你已經出過拳了", "You have already chosen."),
        [RejectCode.DuelOwnChallenge] = new("duel_own_challenge", "不能接受自己的挑戰", "You cannot accept your own challenge."),
        [RejectCode.MarketSettled] = new("market_settled", "遊戲已結算，交易已停止", "The game has been settled; trading is over."),
        [RejectCode.TooManyAttempts] = new("too_many_attempts", "嘗試次數過多，請稍後再試", "Too many attempts; please wait a minute and try again."),
        [RejectCode.WrongSecret] = new("wrong_secret", "密碼或金鑰錯誤", "The secret or key is wrong."),
        [RejectCode.InvalidText] = new("invalid_text", "文字含有不允許的字元（控制字元或方向控制字元）", "The text holds characters that are not allowed (control or direction-override characters)."),
        [RejectCode.TextTooLong] = new("text_too_long", "文字太長（最多 {0} 字）", "The text is too long (at most {0} characters)."),
        [RejectCode.CommandTooLarge] = new("command_too_large", "指令內容太多，無法記錄", "The command holds too much to be recorded."),
        [RejectCode.JournalRejected] = new("journal_rejected", "系統無法記錄此請求，未執行", "The exchange could not record this request; nothing was done."),
        [RejectCode.RateLimited] = new("rate_limited", "操作太頻繁，請 {0} 秒後再試", "Too many actions; try again in {0} seconds."),
        [RejectCode.RequestTooLarge] = new("request_too_large", "請求內容過大", "The request is too large."),
        [RejectCode.FeedStale] = new("feed_stale", "報價來源已 {0} 秒沒有價格，暫停交易，價格恢復後自動恢復", "No fresh price from the feed for {0} seconds: trading waits until prices return."),
        [RejectCode.FeedPaused] = new("feed_paused", "此商品已被工作人員暫停交易", "Staff have paused trading in this instrument."),
        [RejectCode.PositionLimitReached] = new("position_limit", "超過持有上限（上限 {0}，目前含掛單 {1}，最小單位）", "Above the position limit ({0} minor units; you hold or bid for {1})."),
        [RejectCode.OrderBelowMinFee] = new("below_min_fee", "委託金額太小，至少需 {0} 點", "The order is worth too little: at least {0} points."),
        [RejectCode.SupplyLimitReached] = new("supply_limit_reached", "超過可發行總量上限 {0}", "This would take the total in existence above the limit of {0}."),
        [RejectCode.FokNeedsOpenMarket] = new("fok_needs_open_market", "全部成交否則取消（FOK）只在開盤時可用；盤前請用一般限價單", "Fill or kill (FOK) works only while the market is open; in the pre-open, place an ordinary limit order."),
        [RejectCode.RequestKeyConflict] = new("request_key_conflict", "此請求編號已用於內容不同的請求", "That request id was already used for a different request."),
    }.ToFrozenDictionary();

    public static string Code(RejectCode code) => Texts[code].Code;

    public static string Message(RejectCode code, CultureInfo culture, long detail1 = 0, long detail2 = 0)
    {
        var text = Texts[code];
        var template = culture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? text.ZhTw : text.En;
        return string.Format(culture, template, detail1.ToString("N0", culture), detail2.ToString("N0", culture));
    }

    public static string Message(in CommandResult result, CultureInfo culture) =>
        Message(result.Code, culture, result.Detail1, result.Detail2);

    public static IEnumerable<RejectCode> All => Texts.Keys;
}
