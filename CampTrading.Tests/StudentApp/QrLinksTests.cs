using CampTrading.Web.Qr;

namespace CampTrading.Tests.StudentApp;

public sealed class QrLinksTests
{
    [Theory]
    [InlineData("ABCD-EFGH-JKMN", "ABCD-EFGH-JKMN")]
    [InlineData("  abcd-efgh-jkmn \n", "abcd-efgh-jkmn")]
    [InlineData("https://camp.example/qr/ABCD-EFGH-JKMN", "ABCD-EFGH-JKMN")]
    [InlineData("http://192.168.1.20:5000/qr/ABCD-EFGH-JKMN/", "ABCD-EFGH-JKMN")]
    [InlineData("https://other.host/camp/QR/ABCD-EFGH-JKMN?utm=poster", "ABCD-EFGH-JKMN")]
    public void Takes_the_code_from_a_bare_code_or_a_qr_link_on_any_host(string scanned, string code) =>
        Assert.Equal(code, QrLinks.CodeFrom(scanned));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("https://camp.example/wallet")]
    [InlineData("https://camp.example/qr/")]
    [InlineData("WIFI:S:camp;T:WPA;P:secret;;")]
    [InlineData("hello there")]
    [InlineData("not a link/qr/ABCD")]
    public void Anything_else_is_not_a_camp_code(string scanned) =>
        Assert.Null(QrLinks.CodeFrom(scanned));
}
