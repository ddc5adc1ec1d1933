using System.Globalization;
using CampTrading.Core.Engine;
using CampTrading.Tests.Infrastructure;
using CampTrading.Web.Duels;
using Microsoft.Extensions.DependencyInjection;

namespace CampTrading.Tests.Telegram;

/// <summary>Duels played on the web page (through <see cref="DuelService"/>) reach the linked players' Telegram chats.</summary>
public sealed class DuelNotificationTests(PostgresFixture postgres) : BotTest(postgres), IClassFixture<PostgresFixture>
{
    private DuelService Duels => App.Services.GetRequiredService<DuelService>();

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_web_duel_invites_asks_for_choices_tells_the_result_once_in_each_language_and_a_staff_cancel_refunds()
    {
        var students = await App.ImportAsync(("a", "Ann", "Red"), ("b", "Ben", "Blue"));
        int ann = students["a"].AccountId, ben = students["b"].AccountId;
        const long annChat = 1101, benChat = 1102;
        await App.GrantPointsAsync(ann, 500);
        await App.GrantPointsAsync(ben, 500);
        await LinkAsync(annChat, students["a"].Secret, "zh-hant");
        await LinkAsync(benChat, students["b"].Secret, "en");
        await App.GrantPointsAsync(ben, 1); // the ledger's notices speak the student's language too
        Assert.DoesNotContain("發放", (await Api.NextAsync(benChat, "🎁 Grant: +")).Text, StringComparison.Ordinal);

        var challenge = await Duels.ChallengeAsync(ann, "Ben", 40, DuelGame.RockPaperScissors);
        Assert.True(challenge.Ok, challenge.Result.Code.ToString());
        var duel = challenge.Result.Id;
        var invitation = await Api.NextAsync(benChat, "Ann challenges you to rock-paper-scissors for 40 points");
        Assert.DoesNotContain("向你發起", invitation.Text, StringComparison.Ordinal); // Ben writes in English
        Assert.Contains("https://camp.example/duels", invitation.Text, StringComparison.Ordinal);
        Assert.Equal("pa:" + Id(duel), invitation.DataOf("Accept"));

        Assert.True((await Duels.AcceptAsync(duel, ben)).Ok);
        var annHand = await Api.NextAsync(annChat, "Ben 接受了你的挑戰");
        Assert.Contains("出什麼", annHand.Text, StringComparison.Ordinal);
        Assert.Equal($"pr:{Id(duel)}:0", annHand.DataOf("Rock"));
        await Api.NextAsync(benChat, "You accepted Ann's challenge");

        Assert.True((await Duels.ChooseAsync(duel, ann, DuelChoice.Rock)).Ok);
        Assert.True((await Duels.ChooseAsync(duel, ben, DuelChoice.Scissors)).Ok);
        var won = await Api.NextAsync(annChat, "你贏了 Ben，+40 點");
        Assert.Contains("Ann ✊ vs ✌️ Ben", won.Text, StringComparison.Ordinal);
        await Api.NextAsync(benChat, "you lost to Ann, -40 points");
        Assert.Equal(540, App.Exchange.Market.Account(ann)!.Points);

        // Staff cancel an open challenge: the challenger's stake comes back, the invitation is void.
        var second = await Duels.ChallengeAsync(ann, "Ben", 25, DuelGame.RockPaperScissors);
        Assert.True(second.Ok);
        await Api.NextAsync(benChat, "Ann challenges you");
        Assert.True((await Duels.CancelByStaffAsync(second.Result.Id, "staff1")).Ok);
        await Api.NextAsync(annChat, $"對戰 #{Id(second.Result.Id)} 已取消，賭注 25 點已退回");
        await Api.NextAsync(benChat, $"Ann's challenge (duel #{Id(second.Result.Id)}) was cancelled");
        Assert.Equal(540, App.Exchange.Market.Account(ann)!.Points);

        // The result came once: not again from the ledger, nor again after later duel changes.
        Assert.Single(Api.Outputs(annChat), o => o.Text.Contains("你贏了", StringComparison.Ordinal));
        Assert.Single(Api.Outputs(benChat), o => o.Text.Contains("you lost", StringComparison.Ordinal));
        Assert.DoesNotContain(Api.Outputs(annChat), o => o.Text.Contains("對戰獲勝", StringComparison.Ordinal));
        Assert.Single(Api.Outputs(benChat), o => o.Text.Contains($"duel #{Id(duel)}", StringComparison.OrdinalIgnoreCase) && o.Buttons.Count == 3);
    }

    [Fact]
    public async Task An_expired_challenge_refunds_the_challenger_and_a_student_who_muted_duels_hears_nothing()
    {
        var students = await App.ImportAsync(("c", "Carl", "Red"), ("d", "Dana", "Blue"));
        int carl = students["c"].AccountId, dana = students["d"].AccountId;
        const long carlChat = 1201, danaChat = 1202;
        await App.GrantPointsAsync(carl, 300);
        await LinkAsync(carlChat, students["c"].Secret, "zh-hant");
        await LinkAsync(danaChat, students["d"].Secret, "zh-hant");
        Api.SendText(danaChat, "/settings");
        var settings = await Api.NextAsync(danaChat, "通知設定");
        Api.Press(danaChat, settings, settings.DataOf("對戰"));
        Assert.Contains((await Api.NextAsync(danaChat, "通知設定")).Buttons, b => b.Text == "🔕 對戰");

        // The app's own wake-up expires the challenge once its window passes.
        var created = await App.Exchange.SubmitAsync(new CreateDuel(carl, dana, 30, DuelGame.RockPaperScissors, TimeSpan.FromSeconds(1)));
        Assert.True(created.IsOk, created.Code.ToString());
        await Api.NextAsync(carlChat, $"⌛ 對戰 #{Id(created.Id)} 已逾時，賭注 30 點已退回");
        Assert.Equal(300, App.Exchange.Market.Account(carl)!.Points);

        // Anything queued for Dana by then would come before this answer in her chat.
        Api.SendText(danaChat, "/portfolio");
        await Api.NextAsync(danaChat, "Dana 的資產");
        Assert.DoesNotContain(Api.Outputs(danaChat), o => o.Text.Contains("Carl", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_duel_played_in_private_chats_tells_each_player_the_result_once_and_a_withdrawal_is_not_told_twice()
    {
        var students = await App.ImportAsync(("f", "Fay", "Red"), ("g", "Gus", "Blue"));
        const long fay = 1301, gus = 1302;
        await App.GrantPointsAsync(students["f"].AccountId, 100);
        await App.GrantPointsAsync(students["g"].AccountId, 100);
        await LinkAsync(fay, students["f"].Secret, "zh-hant");
        await LinkAsync(gus, students["g"].Secret, "zh-hant");

        Api.SendText(fay, "/pvp 20 Gus");
        await Api.NextAsync(fay, "發起猜拳對戰");
        var invitation = await Api.NextAsync(gus, "Fay 向你發起猜拳對戰");
        Api.Press(gus, invitation, invitation.DataOf("接受"));
        var fayHand = await Api.NextAsync(fay, "出什麼");
        var gusHand = await Api.NextAsync(gus, "出什麼");
        Api.Press(fay, fayHand, fayHand.DataOf("Rock"));
        Api.Press(gus, gusHand, gusHand.DataOf("Paper"));
        await Api.NextAsync(fay, "你輸給 Gus，-20 點");
        await Api.NextAsync(gus, "你贏了 Fay，+20 點");

        Api.SendText(fay, "/pvp 10");
        var open = await Api.NextAsync(fay, "發起猜拳對戰");
        Api.Press(fay, open, open.DataOf("撤回"));
        await Api.NextAsync(fay, "撤回了對戰");
        Api.SendText(fay, "/portfolio");
        await Api.NextAsync(fay, "Fay 的資產");

        Assert.Single(Api.Outputs(fay), o => o.Text.Contains("你輸給", StringComparison.Ordinal));
        Assert.Single(Api.Outputs(gus), o => o.Text.Contains("你贏了", StringComparison.Ordinal));
        Assert.DoesNotContain(Api.Outputs(fay).Concat(Api.Outputs(gus)), o => o.Text.Contains("贏得", StringComparison.Ordinal)); // the group-style post
        Assert.DoesNotContain(Api.Outputs(fay), o => o.Text.Contains("已取消", StringComparison.Ordinal));
    }
}
