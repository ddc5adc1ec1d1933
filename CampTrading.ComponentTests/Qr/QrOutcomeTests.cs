using CampTrading.ComponentTests.Support;
using CampTrading.Core.Engine;
using CampTrading.Web.Qr;

namespace CampTrading.ComponentTests.Qr;

public sealed class QrOutcomeTests : CampComponentTest
{
    private IRenderedComponent<QrOutcome> RenderOutcome(CommandResult result, long? balance = null) => Render<QrOutcome>(p => p
        .Add(o => o.Result, result)
        .Add(o => o.Code, "ABCD-EFGH-JKMN")
        .Add(o => o.Balance, balance));

    [Fact]
    public void Success_shows_the_points_gained_and_the_new_balance_without_an_alert()
    {
        var outcome = RenderOutcome(CommandResult.Ok() with { Detail1 = 150 }, balance: 10_150);

        Assert.Equal("ok", outcome.Find("[data-testid=qr-result]").GetAttribute("data-code"));
        Assert.Equal("兌換成功！", outcome.Find("[data-testid=qr-headline]").TextContent);
        Assert.Equal("+150 點", outcome.Find("[data-testid=qr-gained]").TextContent);
        Assert.Equal("目前點數 10,150", outcome.Find("[data-testid=qr-balance]").TextContent);
        Assert.Empty(outcome.FindAll(".mud-alert"));
    }

    [Theory]
    [InlineData(RejectCode.QrAlreadyRedeemed, "qr_already_redeemed", "你已經兌換過這個 QR Code 了", "warning")]
    [InlineData(RejectCode.QrUsedUp, "qr_used_up", "這個 QR Code 已經被用過了", "warning")]
    [InlineData(RejectCode.QrExpired, "qr_expired", "這個 QR Code 已經過期了", "warning")]
    [InlineData(RejectCode.QrVoided, "qr_voided", "這個 QR Code 已經作廢", "warning")]
    [InlineData(RejectCode.QrUnknown, "qr_unknown", "找不到這個 QR Code", "error")]
    [InlineData(RejectCode.TooManyAttempts, "too_many_attempts", "嘗試太多次了", "error")]
    public void A_refusal_is_said_kindly_in_an_alert_with_a_hint_and_the_code(RejectCode code, string wire, string headline, string severity)
    {
        var outcome = RenderOutcome(CommandResult.Reject(code));

        var result = outcome.Find("[data-testid=qr-result]");
        Assert.Equal(wire, result.GetAttribute("data-code"));
        Assert.Equal(headline, outcome.Find("[data-testid=qr-headline]").TextContent);
        Assert.Contains($"mud-alert-outlined-{severity}", outcome.Find(".mud-alert").ClassName);
        Assert.False(string.IsNullOrWhiteSpace(outcome.Find("[data-testid=qr-hint]").TextContent));
        Assert.Contains($"ABCD-EFGH-JKMN · {wire}", result.TextContent);
        Assert.Empty(outcome.FindAll("[data-testid=qr-gained]"));
    }

    [Fact]
    public void Any_other_refusal_uses_the_engines_own_words()
    {
        var outcome = RenderOutcome(CommandResult.Reject(RejectCode.NotPermitted));

        Assert.Equal("無法兌換", outcome.Find("[data-testid=qr-headline]").TextContent);
        Assert.Equal(RejectCodes.Message(CommandResult.Reject(RejectCode.NotPermitted), System.Globalization.CultureInfo.CurrentUICulture),
            outcome.Find("[data-testid=qr-hint]").TextContent);
    }
}

public sealed class QrOutcomeEnglishTests() : CampComponentTest("en")
{
    [Fact]
    public void The_english_page_reads_the_english_resources_next_to_QrText()
    {
        var outcome = Render<QrOutcome>(p => p.Add(o => o.Result, CommandResult.Reject(RejectCode.QrUsedUp)).Add(o => o.Code, "X"));

        Assert.Equal("This QR code has already been used", outcome.Find("[data-testid=qr-headline]").TextContent);
    }
}
