using CampTrading.ComponentTests.Support;
using CampTrading.Web.Identity.Staff;

namespace CampTrading.ComponentTests.Staff;

public sealed class StaffUserFormTests : CampComponentTest
{
    private readonly List<NewStaffUser> _created = [];
    private bool _answer = true;

    private IRenderedComponent<StaffUserForm> RenderForm(string? defaultRole = "point_manager") =>
        Render<StaffUserForm>(ps => ps
            .Add(c => c.Roles, ["qrcode_manager", "point_manager", "admin"])
            .Add(c => c.DefaultRole, defaultRole)
            .Add(c => c.OnCreate, user => { _created.Add(user); return Task.FromResult(_answer); }));

    [Fact]
    public async Task An_empty_username_is_refused_with_a_message_and_nothing_is_created()
    {
        var cut = RenderForm();

        await cut.Find("[data-testid=create-staff-button]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("The username must be 1–64 characters", cut.Markup, StringComparison.Ordinal));
        Assert.Empty(_created);
    }

    [Fact]
    public async Task A_username_with_spaces_is_refused()
    {
        var cut = RenderForm();
        cut.Find("[data-testid=new-username]").Input("qr helper");

        await cut.Find("[data-testid=create-staff-button]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("Letters, digits and - . _ @ only", cut.Markup, StringComparison.Ordinal));
        Assert.Empty(_created);
    }

    [Fact]
    public async Task Without_a_role_the_form_asks_for_one()
    {
        var cut = RenderForm(defaultRole: null);
        cut.Find("[data-testid=new-username]").Input("qr.helper");

        await cut.Find("[data-testid=create-staff-button]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("Choose a role", cut.Find("[data-testid=new-role-error]").TextContent, StringComparison.Ordinal));
        Assert.Empty(_created);
    }

    [Fact]
    public async Task A_valid_form_creates_with_the_chosen_role_and_clears()
    {
        var cut = RenderForm();
        cut.Find("[data-testid=new-username]").Input(" qr.helper ");
        cut.Find("[data-testid=new-displayname]").Input("QR 小幫手");
        await cut.Find("[data-testid=new-role-qrcode_manager]").ClickAsync(new());

        await cut.Find("[data-testid=create-staff-button]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Equal([new NewStaffUser("qr.helper", "QR 小幫手", "qrcode_manager")], _created));
        cut.WaitForAssertion(() => Assert.Equal("", cut.Find("[data-testid=new-username]").GetAttribute("value") ?? ""));
        Assert.DoesNotContain("1–64", cut.Markup, StringComparison.Ordinal); // an emptied form is not a wrong one
    }

    [Fact]
    public async Task A_refused_create_keeps_what_was_typed()
    {
        _answer = false;
        var cut = RenderForm();
        cut.Find("[data-testid=new-username]").Input("chief");

        await cut.Find("[data-testid=create-staff-button]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Single(_created));
        Assert.Equal("chief", cut.Find("[data-testid=new-username]").GetAttribute("value"));
    }

    [Theory]
    [InlineData("chief", true)]
    [InlineData("a.b-c_d@camp", true)]
    [InlineData("", false)]
    [InlineData("王小明", false)]
    public void The_username_rule_matches_the_account_store(string name, bool valid) =>
        Assert.Equal(valid, StaffUserForm.ValidateUserName(name) is null);
}
