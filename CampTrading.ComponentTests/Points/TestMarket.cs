using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Core.Journal;
using CampTrading.Core.Points;
using CampTrading.Core.ReadModels;
using CampTrading.Web.Exchange;
using CampTrading.Web.Identity;
using CampTrading.Web.Points;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CampTrading.ComponentTests.Points;

/// <summary>
/// A real engine and read model in memory (journal in a list, no database): what the wallet's components read and submit to.
/// Registers the exchange, the recipient resolver and the transfer service a page would get.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "The sequencer is disposed in DisposeAsync.")]
public sealed class TestMarket : IAsyncDisposable
{
    private readonly Sequencer _sequencer;
    private readonly Broadcast<MarketUpdate>.Subscription _pages;
    private long _pagesSeq;

    public MarketReadModel Market { get; } = new();
    public ExchangeService Exchange { get; }

    public TestMarket()
    {
        Exchange = new ExchangeService(Market);
        _pages = Exchange.FramedUpdates.Subscribe(capacity: 1024);
        _sequencer = new Sequencer(new ExchangeEngine(), new MemoryJournal(), null, TimeProvider.System, new SequencerOptions(), [Market]);
        _sequencer.Start();
        Exchange.Started(_sequencer, new RecoveryReport(0, 0, 0, TimeSpan.Zero));
    }

    public void AddTo(IServiceCollection services)
    {
        services.AddSingleton(Exchange);
        services.AddSingleton(Market);
        services.AddSingleton(Options.Create(new ExchangeOptions()));
        services.AddSingleton(new RecipientResolver(Market, [new AccountNameDirectory(Market)]));
        services.AddSingleton<TransferService>();
    }

    public async Task<int> StudentAsync(string name, string? team, long points)
    {
        var id = (int)(await SubmitAsync(new OpenAccount(name, AccountKind.Student, team))).Id;
        if (points > 0) await SubmitAsync(new Grant(id, Assets.Points, points, "start", "test"));
        return id;
    }

    public async Task<CommandResult> SubmitAsync(Command command)
    {
        var result = await Exchange.SubmitAsync(command);
        Assert.True(result.IsOk, $"{command}: {result.Code}");
        await PagesHeardAsync(Market.Status.LastSeq);
        return result;
    }

    // Pages hear the market once per frame (FramedMarketUpdates): a setup command is not done until they have heard it, or
    // its update would re-render a form the test is about to click, between the test's Find and its Click.
    private async Task PagesHeardAsync(long seq)
    {
        while (_pagesSeq < seq)
            _pagesSeq = Math.Max(_pagesSeq, (await _pages.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10))).Seq);
    }

    public long Available(int accountId) => Market.Account(accountId)!.AvailablePoints;

    /// <summary>A signed-in student, as the page's authentication state gives it.</summary>
    public static ClaimsPrincipal SignedIn(int accountId) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.Role, CampRoles.Student),
        new Claim(CampClaims.AccountId, accountId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ], "test"));

    public ValueTask DisposeAsync()
    {
        _pages.Dispose();
        return _sequencer.DisposeAsync();
    }

    private sealed class MemoryJournal : IJournal
    {
        private readonly List<JournalEntry> _entries = [];

        public Task AppendAsync(IReadOnlyList<JournalEntry> batch, CancellationToken cancellationToken)
        {
            lock (_entries) _entries.AddRange(batch);
            return Task.CompletedTask;
        }

        public async IAsyncEnumerable<JournalEntry> ReadAfterAsync(long afterSeq, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            JournalEntry[] entries;
            lock (_entries) entries = _entries.Where(e => e.Seq > afterSeq).ToArray();
            foreach (var entry in entries) yield return entry;
            await Task.CompletedTask;
        }
    }
}
