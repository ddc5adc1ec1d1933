using System.Collections.Concurrent;
using CampTrading.Core.Engine;
using CampTrading.Core.Journal;

namespace CampTrading.Core.ReadModels;

/// <summary>Where a duel stands, as a student reads it.</summary>
public enum DuelPhase : byte
{
    /// <summary>Waiting for an opponent.</summary>
    Open,
    /// <summary>Accepted; waiting for one or both hidden choices.</summary>
    AwaitingChoices,
    /// <summary>Decided: a winner, or a tie.</summary>
    Resolved,
    Expired,
    Cancelled,
}

/// <summary>
/// One duel with the names of its players. Choices are filled in only once the duel is decided; before that only
/// whether each player has chosen. <see cref="ExpiresAt"/> is null once the duel is over.
/// </summary>
public sealed record DuelItem(
    long Id, int ChallengerId, string ChallengerName, int? OpponentId, string? OpponentName, int AccepterId, string? AccepterName,
    long Stake, DuelGame Game, DuelState State, DateTimeOffset? ExpiresAt, bool ChallengerChose, bool AccepterChose,
    int WinnerId, DuelChoice? ChallengerChoice, DuelChoice? AccepterChoice, DateTimeOffset ChangedAt)
{
    public DuelPhase Phase => State switch
    {
        DuelState.Open => DuelPhase.Open,
        DuelState.Accepted or DuelState.Chosen => DuelPhase.AwaitingChoices,
        DuelState.Expired => DuelPhase.Expired,
        DuelState.Cancelled => DuelPhase.Cancelled,
        _ => DuelPhase.Resolved,
    };

    public bool IsActive => Phase is DuelPhase.Open or DuelPhase.AwaitingChoices;

    public bool Involves(int accountId) => accountId == ChallengerId || (AccepterId != 0 && accountId == AccepterId);

    /// <summary>Someone other than the challenger who may accept it now (named opponents only, or anyone for a room challenge).</summary>
    public bool CanBeAcceptedBy(int accountId) =>
        State == DuelState.Open && accountId != ChallengerId && (OpponentId is null || OpponentId == accountId);

    /// <summary>The other player from this account's side (the accepter, else the named opponent), or null for an open room challenge.</summary>
    public string? OpponentOf(int accountId) =>
        accountId == ChallengerId ? AccepterName ?? OpponentName : ChallengerName;

    public bool HasChosen(int accountId) => accountId == ChallengerId ? ChallengerChose : accountId == AccepterId && AccepterChose;
}

/// <summary>What one applied batch changed among the duels.</summary>
public sealed record DuelUpdate(long Seq, IReadOnlyList<DuelItem> Changed)
{
    public bool Touches(int accountId) => Changed.Any(d => d.Involves(accountId) || d.OpponentId == accountId || d.OpponentId is null);
}

/// <summary>
/// The duels for the student page and staff moderation: every unfinished duel, plus the most recent finished ones (in
/// memory only; the ledger keeps the money side for good). Built on the engine thread from <see cref="EventKind.DuelChanged"/>
/// events; the engine's own unfinished duels are the authority for anything still running, so after a restart (snapshot
/// plus replay) the board is complete from the first batch on.
/// </summary>
public sealed class DuelBoard(int finishedToKeep = 2_000) : IEngineObserver
{
    private readonly ConcurrentDictionary<long, DuelItem> _duels = new();
    private readonly ConcurrentQueue<long> _finished = new();
    private readonly List<DuelItem> _changed = [];
    private bool _seeded;

    public Broadcast<DuelUpdate> Updates { get; } = new();

    public DuelItem? Find(long id) => _duels.GetValueOrDefault(id);

    /// <summary>Every unfinished duel, oldest first.</summary>
    public IReadOnlyList<DuelItem> Active => _duels.Values.Where(d => d.IsActive).OrderBy(d => d.Id).ToArray();

    /// <summary>Challenges this account may accept now: to the room or named to it, oldest first.</summary>
    public IReadOnlyList<DuelItem> AcceptableBy(int accountId) =>
        _duels.Values.Where(d => d.CanBeAcceptedBy(accountId)).OrderBy(d => d.Id).ToArray();

    /// <summary>This account's duels, unfinished first, then the newest finished ones.</summary>
    public IReadOnlyList<DuelItem> Of(int accountId, int finishedCount = 20) =>
    [
        .. _duels.Values.Where(d => d.IsActive && d.Involves(accountId)).OrderByDescending(d => d.Id),
        .. _duels.Values.Where(d => !d.IsActive && d.Involves(accountId)).OrderByDescending(d => d.Id).Take(finishedCount),
    ];

    public void OnBatch(ExchangeEngine engine, ReadOnlySpan<EngineEvent> events)
    {
        var touched = new HashSet<long>();
        if (!_seeded)
        {
            foreach (var active in engine.ActiveDuels()) touched.Add(active.Id);
            _seeded = true;
        }
        foreach (ref readonly var e in events)
        {
            if (e.Kind != EventKind.DuelChanged) continue;
            touched.Add(e.Reference);
            Put(FromEvent(engine, e));
        }
        foreach (var id in touched)
            if (engine.FindDuel(id) is { } running) Put(FromEngine(engine, running));

        if (_changed.Count == 0) return;
        // One item per duel: its state after the whole batch.
        var changed = _changed.GroupBy(d => d.Id).Select(g => g.Last()).ToArray();
        _changed.Clear();
        Updates.Publish(new DuelUpdate(engine.LastSeq, changed));
    }

    private void Put(DuelItem item)
    {
        _duels[item.Id] = item;
        _changed.Add(item);
        if (item.IsActive) return;
        _finished.Enqueue(item.Id);
        while (_finished.Count > finishedToKeep && _finished.TryDequeue(out var oldest))
            if (_duels.TryGetValue(oldest, out var gone) && !gone.IsActive) _duels.TryRemove(oldest, out _);
    }

    private static DuelItem FromEngine(ExchangeEngine engine, DuelView d) =>
        new(d.Id, d.ChallengerId, NameOf(engine, d.ChallengerId), d.OpponentId, d.OpponentId is { } o ? NameOf(engine, o) : null,
            d.AccepterId, d.AccepterId != 0 ? NameOf(engine, d.AccepterId) : null, d.Stake, d.Game,
            d.State == DuelState.Accepted && (d.ChallengerChose || d.AccepterChose) ? DuelState.Chosen : d.State,
            d.ExpiresAt, d.ChallengerChose, d.AccepterChose, 0, null, null, new DateTimeOffset(engine.LastTime, TimeSpan.Zero));

    /// <summary>
    /// A duel from one of its events: Other = the accepter once accepted (the named opponent, or 0, while open),
    /// Remaining = winner, Price/Quantity = choices + 1 once decided, Order = who acted.
    /// </summary>
    private DuelItem FromEvent(ExchangeEngine engine, in EngineEvent e)
    {
        var state = (DuelState)e.Code;
        var known = _duels.GetValueOrDefault(e.Reference);
        var accepter = state switch
        {
            DuelState.Open => 0,
            DuelState.Cancelled or DuelState.Expired => known?.AccepterId ?? 0, // Other may be the named opponent
            _ => e.Other,
        };
        var opponent = known?.OpponentId ?? (state == DuelState.Open || (accepter == 0 && e.Other != 0) ? (int?)e.Other : null);
        if (opponent == 0) opponent = null;
        var decided = state is DuelState.ChallengerWon or DuelState.AccepterWon or DuelState.Tie;
        var challengerChose = decided ? e.Price != 0 : (known?.ChallengerChose ?? false) || (state == DuelState.Chosen && e.Order == e.Account);
        var accepterChose = decided ? e.Quantity != 0 : (known?.AccepterChose ?? false) || (state == DuelState.Chosen && e.Order == accepter);
        return new DuelItem(e.Reference, e.Account, NameOf(engine, e.Account), opponent, opponent is { } o ? NameOf(engine, o) : null,
            accepter, accepter != 0 ? NameOf(engine, accepter) : null, e.Amount, (DuelGame)e.Asset, state,
            e.BalanceAfter != 0 ? new DateTimeOffset(e.BalanceAfter, TimeSpan.Zero) : null,
            challengerChose, accepterChose, (int)e.Remaining,
            e.Price != 0 ? (DuelChoice)(e.Price - 1) : null, e.Quantity != 0 ? (DuelChoice)(e.Quantity - 1) : null,
            new DateTimeOffset(e.Time, TimeSpan.Zero));
    }

    private static string NameOf(ExchangeEngine engine, int accountId) => engine.FindAccount(accountId)?.Name ?? $"#{accountId}";
}
