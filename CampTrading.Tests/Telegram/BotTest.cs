using CampTrading.Tests.Support;

namespace CampTrading.Tests.Telegram;

/// <summary>
/// A bot test: a fake Bot API server on loopback and the whole app talking to it over HTTP, on a database of its own,
/// started before each test and stopped after it; <paramref name="settings"/> go on top of the app's configuration.
/// </summary>
public abstract class BotTest(PostgresFixture postgres, params (string Key, string Value)[] settings) : IAsyncLifetime
{
    protected FakeBotApi Api { get; private set; } = null!;
    private protected BotApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Api = await FakeBotApi.StartAsync();
        App = await BotApp.StartAsync(postgres, Api, settings);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Api.DisposeAsync();
    }

    /// <summary>Links a Telegram user with a student's link code, waiting for the bot's answer in that language.</summary>
    protected async Task LinkAsync(long user, string code, string language = "zh-hant")
    {
        Api.SendText(user, "/start " + code, language);
        await Api.NextAsync(user, language.StartsWith("en", StringComparison.Ordinal) ? "Linked to" : "已綁定");
    }
}
