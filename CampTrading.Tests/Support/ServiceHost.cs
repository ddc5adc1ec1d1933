using System.Runtime.CompilerServices;
using CampTrading.Core.Engine;
using CampTrading.Core.Journal;
using CampTrading.Core.ReadModels;
using CampTrading.Web.Abuse;
using CampTrading.Web.Exchange;

namespace CampTrading.Tests.Support;

/// <summary>A real sequencer over an in-memory journal behind an <see cref="ExchangeService"/>, for testing the thin Web services.</summary>
internal sealed class ServiceHost : IAsyncDisposable
{
    private readonly Sequencer _sequencer;

    public ServiceHost(params IEngineObserver[] observers) : this(null, observers)
    {
    }

    public ServiceHost(StudentActionLimiter? limiter, params IEngineObserver[] observers)
    {
        var readModel = new MarketReadModel();
        Exchange = new ExchangeService(readModel, limiter);
        _sequencer = new Sequencer(new ExchangeEngine(), new MemoryJournal(), null, TimeProvider.System, new SequencerOptions(), [readModel, .. observers]);
        _sequencer.Start();
        Exchange.Started(_sequencer, new RecoveryReport(0, 0, 0, TimeSpan.Zero));
    }

    public ExchangeService Exchange { get; }

    /// <summary>Commands the sequencer has applied: unchanged when a request was refused before the queue.</summary>
    public long CommandsApplied => _sequencer.Health.CommandsApplied;

    public async Task<int> OpenAccountAsync(string name) => (int)(await Exchange.SubmitAsync(new OpenAccount(name))).Id;

    public Task<T> ReadAsync<T>(Func<ExchangeEngine, T> read) => Exchange.ReadEngineAsync(read);

    public ValueTask DisposeAsync() => _sequencer.DisposeAsync();
}
