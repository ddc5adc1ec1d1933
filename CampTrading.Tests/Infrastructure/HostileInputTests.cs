using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using CampTrading.Web.Identity;
using CampTrading.Web.Identity.Staff;
using Microsoft.Extensions.DependencyInjection;

namespace CampTrading.Tests.Infrastructure;

/// <summary>
/// Hostile values (U+0000, a lone surrogate as raw UTF-8 bytes ED A0 80, control characters, direction overrides, 1 MB) in every
/// field and query parameter of the sign-in, setup, culture, development and records endpoints: never a 5xx, and the app keeps
/// answering everyone else afterwards.
/// </summary>
public sealed partial class HostileInputTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    /// <summary>Percent-encoded, as they travel in a query string or a urlencoded form.</summary>
    private static readonly string[] Hostile =
    [
        "%00", "a%00b", "%ED%A0%80", "x%ED%B0%80", "%01%02%1B", "%0D%0A", "%E2%80%AE", "%EF%BF%BE", "%FF", "%C0%AF", "%25",
        "%2F%2Fevil.example", new string('A', 1_048_576), "%00" + new string('B', 70_000),
    ];

    private static readonly (string Path, string[] Fields)[] Posts =
    [
        ("/signin", ["name", "returnUrl"]),
        ("/signout", ["returnUrl"]),
        ("/staff/signin", ["userName", "password", "returnUrl"]),
        ("/setup", ["token", "userName", "displayName", "password", "confirm"]),
        ("/dev/signin-role", ["name", "role"]),
        ("/dev/qr-codes", ["value", "uses"]),
    ];

    private static readonly (string Path, string[] Parameters)[] Gets =
    [
        ("/culture/en", ["returnUrl"]),
        ("/culture/%ED%A0%80", ["returnUrl"]), // (a %00 in the path: the in-memory client refuses to send it; Kestrel answers 400)
        ("/signin", ["returnUrl", "error"]),
        ("/login", ["returnUrl", "error", "pin"]),
        ("/login/%E2%80%AE%ED%A0%80", ["returnUrl"]),
        ("/staff/signin", ["returnUrl", "error", "until", "created"]),
        ("/setup", ["token", "error"]),
        ("/staff/audit/export.csv", ["source", "kind", "person", "staff", "from", "to"]),
        ("/staff/settlement/results.csv", ["x"]),
        ("/staff/settlement/teams.csv", ["x"]),
        ("/staff/qr/print", ["batch", "hideValue"]),
    ];

    [Fact]
    public async Task No_hostile_field_or_parameter_gets_a_5xx_and_the_app_keeps_answering()
    {
        await using var factory = new RealAppFactory(await postgres.CreateDatabaseAsync("hostile"), remoteAddress: RealAppFactory.Loopback);
        await using (var scope = factory.Services.CreateAsyncScope())
            Assert.True((await scope.ServiceProvider.GetRequiredService<StaffAccounts>().CreateAsync("test", "root", null, CampRoles.Admin, "a long admin password")).Succeeded);
        using var admin = factory.NewClient();
        using (var signedIn = await RealAppFactory.PostFormAsync(admin, "/staff/signin", "/staff/signin", ("userName", "root"), ("password", "a long admin password")))
            Assert.Equal("/staff", signedIn.Headers.Location?.OriginalString);
        var failures = new List<string>();
        foreach (var (path, fields) in Posts)
        {
            foreach (var field in fields)
            {
                foreach (var value in Hostile)
                {
                    // A fresh browser each time: a post may sign in or out, which would void the next post's antiforgery token.
                    var (client, token) = await NewBrowserAsync(factory, signedIn: path.StartsWith("/dev/qr", StringComparison.Ordinal));
                    using (client)
                    {
                        var body = string.Join('&', fields.Select(f => $"{f}={(f == field ? value : "x")}")) + "&__RequestVerificationToken=" + Uri.EscapeDataString(token);
                        using var form = new ByteArrayContent(Encoding.ASCII.GetBytes(body));
                        form.Headers.ContentType = new("application/x-www-form-urlencoded");
                        await CheckAsync(client, HttpMethod.Post, path, form, $"POST {path} {field}={Shorten(value)}", failures);
                    }
                    var (multipartClient, multipartToken) = await NewBrowserAsync(factory, signedIn: path.StartsWith("/dev/qr", StringComparison.Ordinal));
                    using (multipartClient)
                    {
                        using var multipart = new MultipartFormDataContent
                        {
                            { new StringContent(multipartToken), "__RequestVerificationToken" },
                            { new ByteArrayContent(RawBytes(value)), field },
                        };
                        await CheckAsync(multipartClient, HttpMethod.Post, path, multipart, $"POST multipart {path} {field}={Shorten(value)}", failures);
                    }
                }
            }
        }
        foreach (var (path, parameters) in Gets)
        {
            foreach (var value in Hostile.Where(v => v.Length < 10_000))
            {
                var url = path + "?" + string.Join('&', parameters.Select(p => $"{p}={value}"));
                await CheckAsync(admin, HttpMethod.Get, url, null, $"GET {Shorten(url)}", failures);
            }
        }
        Assert.Empty(failures);

        // Still answering, and sign-in by name still works for an ordinary name.
        using var fresh = factory.NewClient();
        using var ordinary = await RealAppFactory.PostFormAsync(fresh, "/signin", "/signin", ("name", "Ordinary Visitor"));
        Assert.Equal("/trade", ordinary.Headers.Location?.OriginalString);
    }

    private static async Task<(HttpClient Client, string Token)> NewBrowserAsync(RealAppFactory factory, bool signedIn)
    {
        var client = factory.NewClient();
        if (signedIn)
        {
            using var role = await client.PostAsync(new Uri("/dev/signin-role", UriKind.Relative),
                new FormUrlEncodedContent([new("name", "qr desk"), new("role", CampRoles.Admin)]));
            role.EnsureSuccessStatusCode();
        }
        var token = AntiforgeryToken().Match(await client.GetStringAsync(new Uri("/signin", UriKind.Relative))).Groups[1].Value;
        return (client, token);
    }

    private static async Task CheckAsync(HttpClient client, HttpMethod method, string url, HttpContent? content, string what, List<string> failures)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        try
        {
            using var response = await client.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
            if ((int)response.StatusCode >= 500) failures.Add($"{what}: {(int)response.StatusCode}");
        }
        catch (HttpRequestException ex)
        {
            failures.Add($"{what}: {ex.Message}");
        }
    }

    /// <summary>The bytes a percent-encoded value stands for (so a lone surrogate arrives as the raw bytes ED A0 80).</summary>
    private static byte[] RawBytes(string encoded)
    {
        var bytes = new List<byte>(encoded.Length);
        for (var i = 0; i < encoded.Length; i++)
        {
            if (encoded[i] == '%' && i + 2 < encoded.Length)
            {
                bytes.Add(Convert.ToByte(encoded.Substring(i + 1, 2), 16));
                i += 2;
            }
            else bytes.Add((byte)encoded[i]);
        }
        return [.. bytes];
    }

    private static string Shorten(string value) => value.Length > 40 ? value[..40] + $"…({value.Length})" : value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
