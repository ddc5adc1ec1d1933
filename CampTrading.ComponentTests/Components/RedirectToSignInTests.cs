using CampTrading.ComponentTests.Support;
using CampTrading.Web.Components;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace CampTrading.ComponentTests.Components;

/// <summary>A signed-out visitor goes to the sign-in of the part of the app they asked for, and comes back to the page.</summary>
public sealed class RedirectToSignInTests : CampComponentTest
{
    [Theory]
    [InlineData("/staff/students?page=2", "/staff/signin?returnUrl=%2Fstaff%2Fstudents%3Fpage%3D2")]
    [InlineData("/staff", "/staff/signin?returnUrl=%2Fstaff")]
    [InlineData("/trade?symbol=CAMP", "/signin?returnUrl=%2Ftrade%3Fsymbol%3DCAMP")]
    [InlineData("/staffing", "/signin?returnUrl=%2Fstaffing")]
    public void Sends_the_visitor_to_the_right_sign_in(string asked, string expected)
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(asked);

        Render<RedirectToSignIn>();

        Assert.Equal(navigation.ToAbsoluteUri(expected).ToString(), navigation.Uri);
    }
}
