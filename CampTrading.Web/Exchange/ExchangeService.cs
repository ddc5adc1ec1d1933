using CampTrading.Core.Engine;
using CampTrading.Core.Journal;
using CampTrading.Core.ReadModels;
using CampTrading.Web.Abuse;
using CampTrading.Web.Components;

namespace CampTrading.Web.Exchange;

/// <summary>Where this instance stands as the exchange's single writer.</summary>
public enum ExchangeRole
{
    Starting,
    /// <summary>Another instance holds the writer lock; this one takes no commands and waits to take over.</summary>
    Standby,
    Leader,
    /// <summary>The writer lock was lost: no commands until it is ours again.</summary>
    Fenced,
    Failed,
}

/// <summary>
/// The one door to the exchange for pages, APIs and the bot: commands go to the single-writer
/// sequencer, reads come from the in-memory read model. Student actions are rate limited here, before the queue,
/// per account and per <see cref="ActionSource.Current"/> (see <see cref="StudentActionGate"/>).
/// </summary>
public sealed class ExchangeService(MarketReadModel readModel, StudentActionLimiter? limiter = null)
{
    private readonly TaskCompletionSource<Sequencer> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile Sequencer? _current;

    public MarketReadModel Market => readModel;

    private readonly FramedMarketUpdates _framed = new(readModel);

    /// <summary>The market's updates merged per frame of the screens: what pages follow (<see cref="FramedMarketUpdates"/>).</summary>
    public Broadcast<MarketUpdate> FramedUpdates => _framed.Updates;

    public bool IsReady => _current is not null && Role == ExchangeRole.Leader;
    public ExchangeRole Role { get; private set; }
    /// <summary>Why the exchange is not taking commands (standby, lock lost, failure); null while it is.</summary>
    public string? RoleReason { get; private set; }
    public SequencerHealth? Health => _current?.Health;

    /// <summary>Commands waiting for the single writer right now.</summary>
    public int QueueLength => _current?.QueueLength ?? 0;
    public RecoveryReport? Recovery { get; private set; }

    internal void Started(Sequencer sequencer, RecoveryReport recovery)
    {
        Recovery = recovery;
        _current = sequencer;
        (Role, RoleReason) = (ExchangeRole.Leader, null);
        _ready.TrySetResult(sequencer);
    }

    internal void Standby(string reason) => (Role, RoleReason) = (ExchangeRole.Standby, reason);

    internal void Fenced(string reason) => (Role, RoleReason) = (ExchangeRole.Fenced, reason);

    internal void Failed(Exception error)
    {
        (Role, RoleReason) = (ExchangeRole.Failed, error.Message);
        _ready.TrySetException(error);
    }

    public StudentActionLimiter? Limiter => limiter;

    public async Task<CommandResult> SubmitAsync(Command command, CancellationToken cancellationToken = default)
    {
        if (limiter?.Check(command, ActionSource.Current) is { } refused) return refused;
        var sequencer = await CurrentAsync(cancellationToken);
        return await sequencer.SubmitAsync(command, cancellationToken);
    }

    /// <summary>
    /// As <see cref="SubmitAsync"/>, also telling the journal sequence number the command got (0 when it was refused before
    /// the journal): what <see cref="QueryTablePersister.WaitForAsync"/> waits for.
    /// </summary>
    public async Task<Acknowledgement> SubmitTrackedAsync(Command command, CancellationToken cancellationToken = default)
    {
        if (limiter?.Check(command, ActionSource.Current) is { } refused) return new Acknowledgement(0, refused);
        var sequencer = await CurrentAsync(cancellationToken);
        return await sequencer.SubmitTrackedAsync(command, cancellationToken);
    }

    /// <summary>A consistent read of live engine state, run between commands. Prefer the read model.</summary>
    public async Task<T> ReadEngineAsync<T>(Func<ExchangeEngine, T> read, CancellationToken cancellationToken = default)
    {
        var sequencer = await CurrentAsync(cancellationToken);
        return await sequencer.ReadAsync(read, cancellationToken);
    }

    /// <summary>The running sequencer; waits while the engine starts; refuses at once on a standby.</summary>
    private async ValueTask<Sequencer> CurrentAsync(CancellationToken cancellationToken)
    {
        if (Role is ExchangeRole.Standby or ExchangeRole.Fenced)
            throw new ExchangeUnavailableException($"The exchange is not taking commands on this instance ({Role}): {RoleReason}");
        return _current ?? await _ready.Task.WaitAsync(cancellationToken);
    }
}
