using System.Globalization;
using System.Text.RegularExpressions;
using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Core.Market;

namespace CampTrading.Tests.Core;

/// <summary>Machine codes and human messages of rejections, and rejections of non-order commands.</summary>
public partial class RejectCodeTests
{
    private static readonly CultureInfo ZhTw = CultureInfo.GetCultureInfo("zh-TW");
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en-US");

    [GeneratedRegex("^[a-z]+(_[a-z]+)*$")]
    private static partial Regex SnakeCase();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Cjk();

    public static TheoryData<RejectCode> AllCodes()
    {
        var data = new TheoryData<RejectCode>();
        foreach (var code in Enum.GetValues<RejectCode>()) data.Add(code);
        return data;
    }

    [Theory]
    [MemberData(nameof(AllCodes))]
    public void Every_code_has_a_snake_case_code_and_distinct_zh_tw_and_english_messages(RejectCode code)
    {
        Assert.Matches(SnakeCase(), RejectCodes.Code(code));
        var zh = RejectCodes.Message(code, ZhTw, 12, 34);
        var en = RejectCodes.Message(code, En, 12, 34);
        Assert.False(string.IsNullOrWhiteSpace(zh));
        Assert.False(string.IsNullOrWhiteSpace(en));
        Assert.NotEqual(zh, en);
        Assert.Matches(Cjk(), zh);
        Assert.DoesNotMatch(Cjk(), en);
        Assert.DoesNotContain("{", zh, StringComparison.Ordinal);
        Assert.DoesNotContain("{", en, StringComparison.Ordinal);
    }

    [Fact]
    public void Codes_are_unique_and_cover_every_enum_value()
    {
        var values = Enum.GetValues<RejectCode>();
        Assert.Equal(values.Order(), RejectCodes.All.Order());
        var codes = values.Select(RejectCodes.Code).ToList();
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        var messages = values.Select(v => RejectCodes.Message(v, En)).ToList();
        Assert.Equal(messages.Count, messages.Distinct(StringComparer.Ordinal).Count());
        var zh = values.Select(v => RejectCodes.Message(v, ZhTw)).ToList();
        Assert.Equal(zh.Count, zh.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData(RejectCode.None, "ok")]
    [InlineData(RejectCode.MarketClosed, "market_closed")]
    [InlineData(RejectCode.PriceOutsideBand, "price_outside_band")]
    [InlineData(RejectCode.InsufficientPoints, "insufficient_points")]
    [InlineData(RejectCode.DailyLimitReached, "daily_limit_reached")]
    public void Codes_are_stable(RejectCode code, string expected)
    {
        Assert.Equal(expected, RejectCodes.Code(code));
    }

    [Fact]
    public void Messages_fill_in_the_details()
    {
        var result = CommandResult.Reject(RejectCode.PriceOutsideBand, 16, 24);
        Assert.Equal("價格超出漲跌幅限制（16–24 點）", RejectCodes.Message(result, ZhTw));
        Assert.Equal("Price is outside the band (16–24 points).", RejectCodes.Message(result, En));
        Assert.Equal("Not enough available shares (need 1,500, have 20).", RejectCodes.Message(RejectCode.InsufficientShares, En, 1_500, 20));
    }

    [Fact]
    public void Unknown_command_type_is_rejected()
    {
        var x = new TestExchange();
        x.Reject(new UnknownCommand(), RejectCode.InvalidCommand);
    }

    [Theory]
    [InlineData("", AccountKind.Student)]
    [InlineData("   ", AccountKind.Student)]
    [InlineData("root", AccountKind.System)]
    public void Invalid_account_opening_is_rejected(string name, AccountKind kind)
    {
        var x = new TestExchange();
        x.Reject(new OpenAccount(name, kind), RejectCode.InvalidCommand);
        Assert.Equal(0, x.Engine.AccountCount);
    }

    [Fact]
    public void Account_ids_are_assigned_in_order_from_the_first_user_id()
    {
        var x = new TestExchange();
        Assert.Equal(SystemAccounts.FirstUserAccount, x.OpenAccount(" alice "));
        Assert.Equal(SystemAccounts.FirstUserAccount + 1, x.OpenAccount("bob"));
        Assert.Equal("alice", x.Account(SystemAccounts.FirstUserAccount).Name);
        Assert.Equal(2, x.Engine.AccountCount);
    }

    [Fact]
    public void Invalid_grants_are_rejected()
    {
        var x = new TestExchange();
        var alice = x.OpenAccount("alice");
        x.Reject(new Grant(alice, Assets.Points, 0, "r", "a"), RejectCode.InvalidAmount);
        x.Reject(new Grant(99_999, Assets.Points, 10, "r", "a"), RejectCode.AccountUnknown);
        x.Reject(new Grant(SystemAccounts.Treasury, Assets.Points, 10, "r", "a"), RejectCode.NotPermitted);
        x.Reject(new Grant(alice, 5, 10, "r", "a"), RejectCode.InstrumentUnknown);
        x.Reject(new Grant(alice, -1, 10, "r", "a"), RejectCode.InstrumentUnknown);
    }

    [Theory]
    [InlineData(0, 10_000, 1_000)]
    [InlineData(1_001, 10_000, 1_000)]
    [InlineData(-5, 10_000, 1_000)]
    [InlineData(20, 0, 1_000)]
    [InlineData(20, 100_000_001, 1_000)]
    [InlineData(20, 10_000, 0)]
    public void Invalid_trading_rules_are_rejected(int band, long maxQuantity, int dailyLimit)
    {
        var x = new TestExchange();
        x.Reject(new SetTradingRules(new TradingRules { BandPercent = band, MaxOrderQuantity = maxQuantity, DailyOrderLimit = dailyLimit }, "a"), RejectCode.InvalidRules);
        Assert.Equal(new TradingRules(), x.Engine.Rules);
    }

    [Fact]
    public void Invalid_schedules_are_rejected()
    {
        var x = new TestExchange(forceOpen: false);
        var t = TestExchange.DefaultStart;
        x.Reject(new SetSchedule([new(t.AddHours(2), t.AddHours(1))], "a"), RejectCode.InvalidSchedule);
        x.Reject(new SetSchedule([new(t.AddHours(1), t.AddHours(1))], "a"), RejectCode.InvalidSchedule);
        x.Reject(new SetSchedule([new(t, t.AddHours(2)), new(t.AddHours(1), t.AddHours(3))], "a"), RejectCode.InvalidSchedule);
        x.Reject(new SetSchedule(null!, "a"), RejectCode.InvalidSchedule);
        Assert.Empty(x.Engine.Schedule);
    }

    [Fact]
    public void Undefined_override_is_rejected()
    {
        var x = new TestExchange();
        x.Reject(new SetMarketOverride((MarketOverride)9, "a"), RejectCode.InvalidCommand);
        Assert.Equal(MarketOverride.ForceOpen, x.Engine.Override);
    }

    private sealed record UnknownCommand : Command;
}
