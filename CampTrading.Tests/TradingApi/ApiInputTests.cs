using CampTrading.Web.TradingApi;

namespace CampTrading.Tests.TradingApi;

public sealed class ApiInputTests
{
    [Theory]
    [InlineData("CAMP", 16, "CAMP")]
    [InlineData("\u202ECAMP", 16, "\uFFFDCAMP")] // right-to-left override
    [InlineData("CA\u200BMP\u0007", 16, "CA\uFFFDMP\uFFFD")] // zero-width space, bell
    [InlineData("股票😀", 16, "股票😀")] // letters and a whole emoji stay
    [InlineData("ABCDEFGHIJKLMNOPQRST", 16, "ABCDEFGHIJKLMNOP…")]
    public void Text_quoted_back_is_cut_short_and_shows_no_control_or_format_characters(string typed, int max, string shown) =>
        Assert.Equal(shown, ApiInput.Quoted(typed, max));

    [Fact]
    public void A_lone_surrogate_is_shown_as_a_replacement_character() =>
        Assert.Equal("\uFFFDX", ApiInput.Quoted(new string(['\uD800', 'X']), 16)); // built here: test data would not carry it intact

    [Theory]
    [InlineData("MARKET", "market")]
    [InlineData("mar\u212Aet", "mar\u212Aet")] // a Kelvin sign lower-cases to k, but it is not one
    [InlineData("lımıt", "lımıt")]
    public void Keywords_are_lower_cased_only_when_plain_ascii(string sent, string keyword) => Assert.Equal(keyword, ApiInput.Keyword(sent));
}
