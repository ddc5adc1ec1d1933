using System.Text;
using System.Text.RegularExpressions;
using CampTrading.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace CampTrading.Tests.EndToEnd;

/// <summary>
/// What a phone does when its circuit is gone, without anybody tapping (js/reconnect.js on .NET 10's reconnect states):
/// a paused circuit resumes from its persisted state, and a circuit the server no longer knows (as after a restart)
/// reloads the page. The plain dropped-socket reconnect is TradePageTests' test.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class ReconnectTests(CampAppFixture app, ChromiumFixture chromium, ITestOutputHelper output)
    : EndToEndTest(app, chromium, output), IClassFixture<CampAppFixture>, IClassFixture<ChromiumFixture>
{
    [Fact]
    public Task A_circuit_the_server_no_longer_knows_reloads_the_page_by_itself() => RunAsync(async () =>
    {
        var kim = await SignInAsync("restart");
        var page = kim.Page;

        // The socket can be cut, and from then on the server is made to not know the circuit: the circuit id in
        // ConnectCircuit and ResumeCircuit is overwritten (same length, so the message stays well-formed), exactly
        // what a restarted server answers to.
        var forget = false;
        var sockets = new List<IWebSocketRoute>();
        await page.RouteWebSocketAsync(new Regex("/_blazor"), ws =>
        {
            var server = ws.ConnectToServer();
            ws.OnMessage(frame =>
            {
                if (frame.Binary is { } bytes) server.Send(Volatile.Read(ref forget) ? ForgetCircuit(bytes) : bytes);
                else server.Send(frame.Text ?? "");
            });
            lock (sockets) sockets.Add(ws);
        });
        await page.GotoAsync("/announcements");
        await Expect(page.GetByTestId("announcements-page")).ToHaveAttributeAsync("data-interactive", "true");
        await page.EvaluateAsync("() => { window.beforeRestart = true; }");

        Volatile.Write(ref forget, true);
        IWebSocketRoute[] open;
        lock (sockets) open = [.. sockets];
        foreach (var ws in open) await ws.CloseAsync();

        // No tap: the page reloads by itself (the marker is gone) and is alive again on a new circuit.
        await page.WaitForFunctionAsync("() => window.beforeRestart === undefined", null, new() { Timeout = 30_000 });
        Volatile.Write(ref forget, false);
        await Expect(page.GetByTestId("announcements-page")).ToHaveAttributeAsync("data-interactive", "true", new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("reconnect-modal")).ToBeHiddenAsync();
        await page.GetByTestId("nav-Home").ClickAsync();
        await Expect(page.GetByTestId("home-page")).ToHaveAttributeAsync("data-interactive", "true");
    });

    [Fact]
    public Task A_paused_circuit_resumes_by_itself_with_its_page_state() => RunAsync(async () =>
    {
        var lee = await SignInAsync("pause");
        var page = lee.Page;
        await page.GotoAsync("/");
        await Expect(page.GetByTestId("home-page")).ToHaveAttributeAsync("data-interactive", "true");
        await page.EvaluateAsync("() => { window.sameDocument = true; }");

        // .NET 10: pausing persists the circuit's state on the server and closes it; the dialog says "paused" and the
        // script resumes it at once, on a new circuit, without a reload.
        Assert.True(await page.EvaluateAsync<bool>("() => Blazor.pauseCircuit()"));
        await Expect(page.GetByTestId("reconnect-modal")).ToBeHiddenAsync(new() { Timeout = 15_000 });
        Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === true"), "The page reloaded instead of resuming.");

        // The resumed circuit is alive: navigation and the live home page work.
        await Expect(page.GetByTestId("points")).ToHaveTextAsync("10,000");
        await page.GetByTestId("nav-Announcements").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/announcements$"));
        await Expect(page.GetByTestId("nav-Announcements")).ToHaveClassAsync(new Regex(@"\bactive\b"));
    });

    [Fact]
    public Task The_reconnect_dialog_shows_each_state_in_both_themes() => RunAsync(async () =>
    {
        var ann = await SignInAsync("dialog");
        var page = ann.Page;
        await page.GotoAsync("/");
        await Expect(page.GetByTestId("home-page")).ToHaveAttributeAsync("data-interactive", "true");
        var modal = page.GetByTestId("reconnect-modal");

        // The classes blazor.web.js sets, by hand (the script listens to the event, not to the classes, so nothing acts).
        foreach (var (state, shown) in new[] { ("show", "reconnect-retrying"), ("paused", "reconnect-paused"), ("failed", "reconnect-failed"), ("rejected", "reconnect-rejected") })
        {
            await page.EvaluateAsync("s => { const m = document.getElementById('components-reconnect-modal'); m.className = m.className.replace(/\\bcomponents-reconnect-\\S+/g, '').trim() + ' components-reconnect-' + s; }", state);
            await Expect(modal).ToBeVisibleAsync();
            await Expect(page.GetByTestId(shown)).ToBeVisibleAsync();
            if (state == "failed") await Expect(page.GetByTestId("reconnect-retry")).ToBeVisibleAsync();
            if (ForDocs && state is "show" or "failed")
                await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder(), $"reconnect-{(state == "show" ? "" : state + "-")}phone.png") });
        }
        await page.EvaluateAsync("() => document.getElementById('components-reconnect-modal').classList.remove('components-reconnect-rejected')");
        await Expect(modal).ToBeHiddenAsync();
    });

    /// <summary>
    /// The page's binary (blazorpack) frame with the circuit id of a ConnectCircuit or ResumeCircuit call overwritten:
    /// the long token after the method name becomes 'A's of the same length.
    /// </summary>
    private static byte[] ForgetCircuit(byte[] frame)
    {
        var text = Encoding.Latin1.GetString(frame);
        var at = Math.Max(text.IndexOf("ConnectCircuit", StringComparison.Ordinal), text.IndexOf("ResumeCircuit", StringComparison.Ordinal));
        if (at < 0) return frame;
        var copy = (byte[])frame.Clone();
        var token = Regex.Match(text[at..], "[A-Za-z0-9_\\-]{40,}");
        if (!token.Success) return frame;
        for (var i = 0; i < token.Length; i++) copy[at + token.Index + i] = (byte)'A';
        return copy;
    }
}
