using CampTrading.ComponentTests.Support;
using CampTrading.Web.Qr;

namespace CampTrading.ComponentTests.StaffOps;

public sealed class QrBatchFormTests : CampComponentTest
{
    private static readonly TimeZoneInfo Taipei = TimeZoneInfo.FindSystemTimeZoneById("Asia/Taipei");
    private static readonly DateTimeOffset Now = new(2030, 1, 15, 2, 0, 0, TimeSpan.Zero); // 10:00 in Taipei
    private static readonly QrOptions Limits = new() { MaxValue = 1_000, MaxBatch = 500 };

    private IRenderedComponent<QrBatchForm> RenderForm(QrBatchRequest request, List<QrBatchRequest> created)
    {
        RenderWithProviders(); // the uses select is a popover
        return Render<QrBatchForm>(p => p.Add(x => x.Request, request).Add(x => x.Limits, Limits).Add(x => x.TimeZone, Taipei).Add(x => x.Now, Now)
            .Add(x => x.OnCreate, (QrBatchRequest r) => created.Add(r)));
    }

    [Fact]
    public async Task Points_above_the_configured_maximum_are_refused_before_anything_is_created()
    {
        var created = new List<QrBatchRequest>();
        var cut = RenderForm(new QrBatchRequest(), created);

        await cut.Find("input[data-testid=qr-value]").InputAsync(new() { Value = "5000" });
        await cut.Find("[data-testid=create-batch]").ClickAsync(new());

        Assert.Empty(created);
        Assert.Contains("The points must be 1–1,000", cut.Find("[data-testid=qr-form-errors]").TextContent);
    }

    [Fact]
    public async Task An_expiry_in_the_past_is_refused()
    {
        var created = new List<QrBatchRequest>();
        var cut = RenderForm(new QrBatchRequest(), created);

        await cut.Find("input[data-testid=qr-expires]").ChangeAsync(new() { Value = "2030-01-15T09:00" }); // an hour ago, camp time
        await cut.Find("[data-testid=create-batch]").ClickAsync(new());

        Assert.Empty(created);
        Assert.Contains("The expiry must be in the future", cut.Find("[data-testid=qr-form-errors]").TextContent);
    }

    [Fact]
    public async Task Several_uses_ask_how_many_and_refuse_fewer_than_two()
    {
        var created = new List<QrBatchRequest>();
        var cut = RenderForm(new QrBatchRequest { MultiUse = true }, created);

        await cut.Find("input[data-testid=qr-max-uses]").InputAsync(new() { Value = "1" });
        await cut.Find("[data-testid=create-batch]").ClickAsync(new());

        Assert.Empty(created);
        Assert.Contains("Uses per code must be 2–100,000", cut.Find("[data-testid=qr-form-errors]").TextContent);
    }

    [Fact]
    public async Task A_valid_batch_is_handed_over_with_its_expiry_in_camp_time()
    {
        var created = new List<QrBatchRequest>();
        var cut = RenderForm(new QrBatchRequest(), created);
        Assert.Empty(cut.FindAll("input[data-testid=qr-max-uses]")); // single use by default

        await cut.Find("input[data-testid=qr-count]").InputAsync(new() { Value = "5" });
        await cut.Find("input[data-testid=qr-value]").InputAsync(new() { Value = "50" });
        await cut.Find("input[data-testid=qr-label]").InputAsync(new() { Value = " 尋寶 Hunt " });
        await cut.Find("input[data-testid=qr-expires]").ChangeAsync(new() { Value = "2030-01-16T18:00" });
        await cut.Find("[data-testid=create-batch]").ClickAsync(new());

        var request = Assert.Single(created);
        Assert.Equal((5, 50L, 1), (request.Count, request.Value, request.UsesPerCode));
        Assert.Equal(new DateTimeOffset(2030, 1, 16, 10, 0, 0, TimeSpan.Zero), request.ExpiresAt(Taipei));
        Assert.Empty(cut.FindAll("[data-testid=qr-form-errors]"));
    }
}
