using CampTrading.Web.Booths;
using CampTrading.Web.Roster;

namespace CampTrading.Tests.Booths;

public sealed class BadgeScanTests
{
    [Theory]
    [InlineData("1001")]
    [InlineData("#1001")]
    [InlineData("  # 1001 ")]
    public void The_printed_or_scanned_number_gives_the_student_number(string scanned) =>
        Assert.Equal(1001, BadgeScan.StudentNumber(scanned));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("12345678")] // longer than any number
    [InlineData("１００１")] // full-width digits
    [InlineData("-1001")]
    [InlineData("https://camp.example.org/qr/1001")]
    public void Anything_else_is_not_a_number(string? scanned) => Assert.Null(BadgeScan.StudentNumber(scanned));

    /// <summary>SPEC §6: scanning the private sign-in QR (or typing its code) must not name a student at a booth.</summary>
    [Theory]
    [InlineData("ABCDEFGH")]
    [InlineData("abcd-efgh")]
    [InlineData("23456789")] // a secret that happens to be all digits is eight long: never a number
    [InlineData("https://camp.example.org/login/ABCDEFGH")]
    [InlineData("/login/ABCD-EFGH/")]
    public void The_private_secret_and_its_sign_in_url_are_refused(string scanned) => Assert.Null(BadgeScan.StudentNumber(scanned));

    [Fact]
    public void A_badge_sign_in_url_never_reads_as_a_number()
    {
        var secret = RegistrationCodes.Generate();
        Assert.Null(BadgeScan.StudentNumber(BadgeQrCodes.LoginUrl("https://camp.example.org", secret)));
        Assert.Null(BadgeScan.StudentNumber(secret));
    }
}
