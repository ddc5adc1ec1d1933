using CampTrading.Tests.Durability;
using CampTrading.Tests.Infrastructure;
using CampTrading.Web.Exchange;
using CampTrading.Web.Identity.Students;
using CampTrading.Web.Roster;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CampTrading.Tests.Roster;

/// <summary>A fresh database with the product's durable sequencer behind an <see cref="ExchangeService"/>, and the roster services over it.</summary>
internal sealed class RosterHarness : IAsyncDisposable
{
    private RosterHarness(DurableExchange durable, ExchangeService exchange)
    {
        Durable = durable;
        Exchange = exchange;
        Students = new StudentStore(durable.DataSource);
        Importer = new RosterImporter(Students, exchange, NullLogger<RosterImporter>.Instance);
        Sessions = new StudentSessions(Students, exchange, Time);
    }

    public DurableExchange Durable { get; }
    public ExchangeService Exchange { get; }
    public StudentStore Students { get; }
    public RosterImporter Importer { get; }
    public StudentSessions Sessions { get; }
    public ManualTime Time { get; } = new(new DateTimeOffset(2026, 7, 20, 9, 0, 0, TimeSpan.Zero));

    public static async Task<RosterHarness> StartAsync(PostgresFixture postgres, string name)
    {
        var durable = await DurableExchange.OpenAsync(await postgres.CreateDatabaseAsync(name));
        await durable.StartAsync();
        var exchange = new ExchangeService(durable.ReadModel);
        exchange.Started(durable.Sequencer!, durable.Recovery!);
        return new RosterHarness(durable, exchange);
    }

    public StudentSignInService SignIn(StudentSignInOptions? options = null) =>
        new(Students, Sessions, Options.Create(options ?? new StudentSignInOptions()), Time);

    public LoginLinkService Links() => new(Durable.DataSource, Time, Options.Create(new StudentSignInOptions()));

    public TelegramLinkService Telegram(StudentSignInService? signIn = null) =>
        new(Students, signIn ?? SignIn(), Sessions, NullLogger<TelegramLinkService>.Instance);

    /// <summary>Imports the CSV and returns the students by roster id.</summary>
    public async Task<Dictionary<string, Student>> ImportAsync(string csv)
    {
        var result = await Importer.ApplyAsync(System.Text.Encoding.UTF8.GetBytes(csv), "test-admin");
        Assert.Empty(result.Failed);
        return (await Students.ListAsync()).ToDictionary(s => s.ExternalId);
    }

    public Task<int> StudentAccountsInEngineAsync() =>
        Durable.Sequencer!.ReadAsync(e => e.Accounts().Count(a => !a.IsSystem));

    public ValueTask DisposeAsync() => Durable.DisposeAsync();
}

/// <summary>A clock the test moves by hand.</summary>
internal sealed class ManualTime(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
