using CampTrading.Core.Engine;
using CampTrading.Web.Qr;

namespace CampTrading.Tests.Qr;

public sealed class QrBatchesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 7, 20, 9, 0, 0, TimeSpan.Zero);

    private static QrCodeView Code(long id, DateTimeOffset at, string label = "hunt", long value = 100, int maxUses = 1, int uses = 0, bool voided = false) =>
        new(id, $"CODE{id:D8}", value, maxUses, uses, null, label, at, "qr-staff", voided);

    [Fact]
    public void Consecutive_codes_of_one_command_form_a_batch_and_batches_come_newest_first()
    {
        var codes = new[]
        {
            Code(1, T0), Code(2, T0, uses: 1), Code(3, T0, voided: true),
            Code(4, T0.AddMinutes(1), label: "day 2", maxUses: 5, uses: 2),
            Code(5, T0.AddMinutes(1), label: "day 2", maxUses: 5, uses: 5),
        };
        var batches = QrBatches.Group(codes.AsEnumerable().Reverse());

        Assert.Equal([4L, 1L], batches.Select(b => b.Id));
        var first = batches[1];
        Assert.Equal(3, first.Count);
        Assert.Equal(1, first.Uses);
        Assert.Equal(3, first.Capacity);
        Assert.Equal(1, first.Unused);
        Assert.Equal(1, first.Voided);
        Assert.Equal([1L], first.Open.Select(c => c.Id));

        var second = batches[0];
        Assert.Equal("day 2", second.Label);
        Assert.Equal(7, second.Uses);
        Assert.Equal(0, second.Unused);
        Assert.Equal([4L], second.Open.Select(c => c.Id));
    }

    [Fact]
    public void Codes_made_at_the_same_moment_with_other_settings_are_separate_batches()
    {
        var batches = QrBatches.Group([Code(1, T0), Code(2, T0, value: 50), Code(3, T0, value: 50), Code(5, T0, value: 50)]);
        Assert.Equal([5L, 2L, 1L], batches.Select(b => b.Id));
        Assert.Equal([1, 2, 1], batches.Select(b => b.Count));
    }

    [Fact]
    public void Printed_codes_are_grouped_by_four_and_encode_the_student_redeem_url()
    {
        Assert.Equal("ABCD-EFGH-JKMN", QrBatches.Format("ABCDEFGHJKMN"));
        Assert.Equal("ABCDEFGHJKMN", QrCodeService.Normalize(QrBatches.Format("ABCDEFGHJKMN")));
        Assert.Equal("https://camp.example.org/qr/ABCDEFGHJKMN", QrBatches.RedeemUrl("https://camp.example.org/", "ABCDEFGHJKMN"));
    }
}
