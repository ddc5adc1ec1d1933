using CampTrading.ComponentTests.Support;
using CampTrading.Web.Arcade;
using CampTrading.Web.Booths;

namespace CampTrading.ComponentTests.StaffOps;

public sealed class VenueFormsTests : CampComponentTest
{
    [Fact]
    public async Task A_booth_needs_a_name_and_a_reward_in_range()
    {
        var created = new List<(string, long)>();
        var cut = Render<BoothForm>(p => p.Add(x => x.OnCreate, (n, r) => { created.Add((n, r)); return Task.FromResult(true); }));

        await cut.Find("input[data-testid=booth-reward]").InputAsync(new() { Value = "0" });
        await cut.Find("[data-testid=create-booth]").ClickAsync(new());

        Assert.Empty(created);
        var messages = string.Join(' ', cut.FindAll(".mud-input-error").Select(e => e.TextContent));
        Assert.Contains("The name takes 1–", messages);
        Assert.Contains("The reward must be 1–", messages);
    }

    [Fact]
    public async Task A_created_booth_clears_the_form_and_keeps_the_default_reward()
    {
        var created = new List<(string, long)>();
        var cut = Render<BoothForm>(p => p.Add(x => x.OnCreate, (n, r) => { created.Add((n, r)); return Task.FromResult(true); }));
        Assert.Equal("1000", cut.Find("input[data-testid=booth-reward]").GetAttribute("value"));

        await cut.Find("input[data-testid=booth-name]").InputAsync(new() { Value = "  天文社 Astronomy  " });
        await cut.Find("[data-testid=create-booth]").ClickAsync(new());

        Assert.Equal([("天文社 Astronomy", 1000L)], created);
        Assert.Equal("", cut.Find("input[data-testid=booth-name]").GetAttribute("value") ?? "");
    }

    [Fact]
    public async Task A_refused_booth_keeps_what_was_typed()
    {
        var cut = Render<BoothForm>(p => p.Add(x => x.OnCreate, (_, _) => Task.FromResult(false)));

        await cut.Find("input[data-testid=booth-name]").InputAsync(new() { Value = "天文社" });
        await cut.Find("[data-testid=create-booth]").ClickAsync(new());

        Assert.Equal("天文社", cut.Find("input[data-testid=booth-name]").GetAttribute("value"));
    }

    [Fact]
    public async Task An_arcade_machine_needs_a_name()
    {
        var registered = new List<string>();
        var cut = Render<ArcadeMachineForm>(p => p.Add(x => x.OnRegister, n => { registered.Add(n); return Task.FromResult(true); }));

        await cut.Find("[data-testid=register-machine]").ClickAsync(new());
        Assert.Empty(registered);
        Assert.Contains("The name takes 1–80 characters", string.Join(' ', cut.FindAll(".mud-input-error").Select(e => e.TextContent)));

        await cut.Find("input[data-testid=machine-name]").InputAsync(new() { Value = " 彈珠台 Pinball " });
        await cut.Find("[data-testid=register-machine]").ClickAsync(new());
        Assert.Equal(["彈珠台 Pinball"], registered);
    }
}
