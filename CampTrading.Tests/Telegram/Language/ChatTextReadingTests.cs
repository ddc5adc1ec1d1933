using CampTrading.Web.Telegram.Language;

namespace CampTrading.Tests.Telegram.Language;

/// <summary>The two low-level readers under the grammar: the normalizer and the number reader.</summary>
public sealed class ChatTextReadingTests
{
    [Theory]
    [InlineData("買　１０　股", "買 10 股")]
    [InlineData("  /Buy@CampBot   10  25 ", "Buy 10 25")]
    [InlineData("給 ＠alice，５０點！", "給 @alice 50點")]
    [InlineData("sell 1,000 at 30.", "sell 1000 at 30")]
    [InlineData("buy 10 at 25.5", "buy 10 at 25.5")]
    [InlineData("what's my balance?", "whats my balance")]
    [InlineData("buy\u200b 10", "buy 10")]
    [InlineData("sell -5", "sell -5")]
    public void Normalizes_spelling_but_keeps_what_changes_meaning(string text, string normalized) =>
        Assert.Equal(normalized, ChatTextNormalizer.Normalize(text));

    [Fact]
    public void Overlong_text_normalizes_to_nothing() =>
        Assert.Equal("", ChatTextNormalizer.Normalize("buy 10 " + new string('x', ChatTextNormalizer.MaxLength)));

    [Theory]
    [InlineData("10", 10)]
    [InlineData("007", 7)]
    [InlineData("十", 10)]
    [InlineData("十五", 15)]
    [InlineData("二十", 20)]
    [InlineData("二十五", 25)]
    [InlineData("一百", 100)]
    [InlineData("兩百", 200)]
    [InlineData("一百零五", 105)]
    [InlineData("三千五百", 3500)]
    [InlineData("一千零五十", 1050)]
    [InlineData("五萬", 50_000)]
    [InlineData("一萬五千", 15_000)]
    [InlineData("一百萬", 1_000_000)]
    [InlineData("零", 0)]
    public void Reads_whole_numbers(string text, long value)
    {
        Assert.True(ChatNumberReader.TryRead(text, out var read));
        Assert.Equal(value, read);
    }

    [Theory]
    [InlineData("")]
    [InlineData("百")]
    [InlineData("十十")]
    [InlineData("一二")]
    [InlineData("百十")]
    [InlineData("十百")]
    [InlineData("萬")]
    [InlineData("一萬一萬")]
    [InlineData("一千十")]
    [InlineData("12a")]
    public void Refuses_what_is_not_one_number(string text) => Assert.False(ChatNumberReader.TryRead(text, out _));

    [Fact]
    public void Numbers_too_long_to_hold_read_as_too_large()
    {
        Assert.True(ChatNumberReader.TryRead(new string('9', 40), out var value));
        Assert.Equal(ChatNumberReader.TooLarge, value);
    }
}
