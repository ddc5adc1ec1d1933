using CampTrading.Tests.Roster;
using CampTrading.Web.Identity.Staff;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;

namespace CampTrading.Tests.Identity;

/// <summary>A browser is remembered for the staff member it signed in as, and only by a genuine, recent cookie.</summary>
public sealed class StaffDevicesTests
{
    [Fact]
    public void Only_a_genuine_recent_cookie_names_the_staff_member()
    {
        var time = new ManualTime(DateTimeOffset.Parse("2026-12-04T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var protection = new EphemeralDataProtectionProvider();
        using var devices = new StaffDevices(protection, time);
        var staff = Guid.NewGuid();

        var signedIn = new DefaultHttpContext();
        devices.Remember(signedIn, staff);
        var cookie = signedIn.Response.Headers.SetCookie.ToString();
        var value = cookie[(StaffDevices.CookieName.Length + 1)..cookie.IndexOf(';', StringComparison.Ordinal)];

        Assert.Equal(staff, devices.RememberedUser(Visit(value)));
        Assert.Null(devices.RememberedUser(Visit("forged")));
        Assert.Null(devices.RememberedUser(Visit(value[..^4] + "AAAA")));
        Assert.Null(devices.RememberedUser(new DefaultHttpContext()));
        using (var otherKeys = new StaffDevices(new EphemeralDataProtectionProvider(), time))
            Assert.Null(otherKeys.RememberedUser(Visit(value)));

        time.Advance(TimeSpan.FromDays(31));
        Assert.Null(devices.RememberedUser(Visit(value)));
    }

    private static DefaultHttpContext Visit(string cookie)
    {
        var http = new DefaultHttpContext();
        http.Request.Headers.Cookie = $"{StaffDevices.CookieName}={cookie}";
        return http;
    }
}
