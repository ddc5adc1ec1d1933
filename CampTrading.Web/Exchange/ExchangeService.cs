using CampTrading.Core.Engine;
using CampTrading.Core.Journal;
using CampTrading.Core.ReadModels;
using CampTrading.Web.Abuse;

namespace CampTrading.Web.Exchange;

/// <summary>
/// The one door to the exchange for pages, APIs and the bot: commands go to the single-writer
/// sequencer, reads come from the in-memory read model. Student actions are rate limited here, before the queue,
/// per account and per <see cref="ActionSource.Current"/> (see <see cref="StudentActionGate"/>).
/// </summary>
public sealed class ExchangeService(MarketReadModel readModel, StudentActionLimiter? limiter = null)
{
    private readonly TaskCompletionSource<Sequencer> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public MarketReadModel Market => readModel;
    public bool IsReady => _ready.Task.IsCompletedSuccessfully;
    public SequencerHealth? Health => IsReady ? _ready.Task.Result.Health : null;
    public RecoveryReport? Recovery { get; private set; }

    internal void Started(Sequencer sequencer, RecoveryReport recovery)
    {
        Recovery = recovery;
        _ready.TrySetResult(sequencer);
    }

    internal void Failed(Exception error) => _ready.TrySetException(error);

    public StudentActionLimiter? Limiter => limiter;

    public async Task<CommandResult> SubmitAsync(Command command, CancellationToken cancellationToken = default)
    {
        if (limiter?.Check(command, ActionSource.Current) is { } refused) return refused;
        var sequencer = await _ready.Task.WaitAsync(cancellationToken);
        return await sequencer.SubmitAsync(command, cancellationToken);
    }

    /// <summary>A consistent read of live engine state, run between commands. Prefer the read model.</summary>
    public async Task<T> ReadEngineAsync<T>(Func<ExchangeEngine, T> read, CancellationToken cancellationToken = default)
    {
        var sequencer = await _ready.Task.WaitAsync(cancellationToken);
        return await sequencer.ReadAsync(read, cancellationToken);
    }
}
