using System.Text;
using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Tests.Identity;
using CampTrading.Tests.Infrastructure;
using CampTrading.Web.Exchange;
using CampTrading.Web.Roster;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CampTrading.Tests.Telegram;

/// <summary>The whole app on a fresh database with the bot polling <see cref="FakeBotApi"/>; the market is open.</summary>
internal sealed class BotApp : IAsyncDisposable
{
    private readonly CampAppFactory _root;
    private readonly WebApplicationFactory<Program> _factory;

    private BotApp(CampAppFactory root, WebApplicationFactory<Program> factory)
    {
        _root = root;
        _factory = factory;
    }

    public IServiceProvider Services => _factory.Services;
    public ExchangeService Exchange => Services.GetRequiredService<ExchangeService>();
    public string ConnectionString => _root.ConnectionString;

    public HttpClient CreateClient() => _factory.CreateClient();

    public static Task<BotApp> StartAsync(string connectionString, FakeBotApi api, params (string Key, string Value)[] settings) =>
        StartAsync(connectionString, api, null, settings);

    /// <summary>As above; <paramref name="logs"/>, when given, receives every log line of the app at every level.</summary>
    public static async Task<BotApp> StartAsync(string connectionString, FakeBotApi api, LogCapture? logs, params (string Key, string Value)[] settings)
    {
        var root = new CampAppFactory(connectionString);
        var factory = root.WithWebHostBuilder(builder =>
        {
            if (logs is not null)
                builder.ConfigureLogging(logging => logging.AddProvider(logs).AddFilter<LogCapture>(null, LogLevel.Trace));
            builder.UseSetting("Telegram:BotToken", FakeBotApi.Token);
            builder.UseSetting("Telegram:ApiBaseUrl", api.BaseUrl);
            builder.UseSetting("Telegram:PollTimeoutSeconds", "1");
            builder.UseSetting("Exchange:OpenOnFirstStart", "true");
            builder.UseSetting("Camp:PublicBaseUrl", "https://camp.example");
            // The fake Bot API has no limits: a conversation need not wait Telegram's second per message (a test may set them back).
            builder.UseSetting("Telegram:PrivateChatGapMilliseconds", "50");
            builder.UseSetting("Telegram:GroupChatGapMilliseconds", "150");
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
        });
        using var client = factory.CreateClient(); // starts the host: migrations, engine, bot
        var app = new BotApp(root, factory);
        await app.Exchange.ReadEngineAsync(e => e.LastSeq);
        return app;
    }

    public static async Task<BotApp> StartAsync(PostgresFixture postgres, FakeBotApi api, params (string Key, string Value)[] settings) =>
        await StartAsync(await postgres.CreateDatabaseAsync("bot"), api, settings);

    /// <summary>Imports students (external id, name, team) and returns them by external id.</summary>
    public async Task<Dictionary<string, Student>> ImportAsync(params (string Id, string Name, string Team)[] rows)
    {
        var csv = new StringBuilder("id,name,team\n");
        foreach (var (id, name, team) in rows) csv.Append(id).Append(',').Append(name).Append(',').Append(team).Append('\n');
        var result = await Services.GetRequiredService<RosterImporter>().ApplyAsync(Encoding.UTF8.GetBytes(csv.ToString()), "test-admin");
        Assert.Empty(result.Failed);
        return (await Services.GetRequiredService<StudentStore>().ListAsync()).ToDictionary(s => s.ExternalId);
    }

    public async Task GrantAsync(int accountId, int asset, long amount)
    {
        var result = await Exchange.SubmitAsync(new Grant(accountId, asset, amount, "test", "test-admin"));
        Assert.True(result.IsOk, result.Code.ToString());
    }

    public Task GrantPointsAsync(int accountId, long amount) => GrantAsync(accountId, Assets.Points, amount);

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _root.DisposeAsync();
    }
}
