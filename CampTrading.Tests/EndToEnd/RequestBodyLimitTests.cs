using System.Net;
using CampTrading.Tests.Infrastructure;

namespace CampTrading.Tests.EndToEnd;

/// <summary>
/// Body caps under the real server (Kestrel; the in-memory test server enforces none): the sign-in, setup and /dev forms take
/// 16 KB; a valid form padded past that is refused with 413 before it is read, the same form padded to 1 KB is accepted.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class RequestBodyLimitTests(CampAppFixture app) : IClassFixture<CampAppFixture>
{
    [Fact]
    public async Task A_form_endpoint_refuses_a_body_over_16_KB_with_413()
    {
        using var http = new HttpClient { BaseAddress = app.BaseUrl };
        using (var small = await SignInRoleAsync(http, padding: 1_000))
            Assert.Equal(HttpStatusCode.OK, small.StatusCode);
        using (var large = await SignInRoleAsync(http, padding: 20_000))
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
        using var page = await http.GetAsync(new Uri("/signin", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    private static Task<HttpResponseMessage> SignInRoleAsync(HttpClient http, int padding) =>
        http.PostAsync(new Uri("/dev/signin-role", UriKind.Relative),
            new FormUrlEncodedContent([new("name", "desk"), new("role", "admin"), new("padding", new string('x', padding))]));
}
