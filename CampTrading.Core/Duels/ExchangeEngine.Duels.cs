using CampTrading.Core.Accounts;

namespace CampTrading.Core.Engine;

/// <summary>
/// Duels: student against student for a stake. Stakes are reservations on the players' points (so they count
/// against "available" like open buy orders) until the duel ends: the winner then takes the loser's stake in
/// one ledger move (kind Duel, so a winner's debt is repaid first); a tie, cancel, expiry or settlement just
/// releases the reservations.
/// <para>
/// DuelChanged events: Reference = duel id, Code = <see cref="DuelState"/>, Account = challenger,
/// Other = accepter (or the named opponent while open, else 0), Amount = stake, Asset = game, Order = the account
/// that acted (0 for staff, expiry and settlement), BalanceAfter = expiry (UTC ticks) while unfinished,
/// Remaining = winner (0 if none), Price/Quantity = challenger's/accepter's choice + 1, only once decided.
/// </para>
/// </summary>
public sealed partial class ExchangeEngine
{
    private readonly SortedDictionary<long, Duel> _duels = [];
    private readonly SortedSet<(long ExpiresAt, long Id)> _duelExpiries = [];
    /// <summary>Challenger → their unfinished duel: one open challenge per student.</summary>
    private readonly Dictionary<int, long> _challenges = [];
    private long _nextDuelId = 1;
    private long _nextDuelExpiry = long.MaxValue;

    public int ActiveDuelCount => _duels.Count;

    /// <summary>Unfinished duels, oldest first. Engine thread only.</summary>
    public IReadOnlyList<DuelView> ActiveDuels() => _duels.Values.Select(View).ToList();

    public DuelView? FindDuel(long id) => _duels.TryGetValue(id, out var duel) ? View(duel) : null;

    /// <summary>Points each account has reserved for unfinished duels (for the invariant check).</summary>
    public IEnumerable<(int AccountId, long Amount)> DuelReservations() =>
        _duels.Values.SelectMany(d => d.Holders().Select(holder => (holder, d.Stake)));

    private static DuelView View(Duel d) => new(d.Id, d.ChallengerId, d.OpponentId, d.AccepterId, d.Stake, d.Game, d.State,
        new DateTimeOffset(d.ExpiresAt, TimeSpan.Zero), d.ChallengerChoice is not null, d.AccepterChoice is not null);

    private CommandResult ApplyCreateDuel(CreateDuel c)
    {
        var challenger = FindAccount(c.ChallengerId);
        var refused = CheckPlayer(challenger);
        if (refused != RejectCode.None) return CommandResult.Reject(refused);
        if (!Enum.IsDefined(c.Game)) return CommandResult.Reject(RejectCode.InvalidCommand);
        if (c.Stake is <= 0 or > CreateDuel.MaxStake) return CommandResult.Reject(RejectCode.InvalidAmount);
        var window = c.ExpiresIn ?? CreateDuel.DefaultExpiry;
        if (window <= TimeSpan.Zero || window > CreateDuel.MaxExpiry) return CommandResult.Reject(RejectCode.InvalidCommand);
        if (c.OpponentId is { } opponentId)
        {
            if (opponentId == c.ChallengerId) return CommandResult.Reject(RejectCode.DuelOwnChallenge);
            var opponent = FindAccount(opponentId);
            if (opponent is null) return CommandResult.Reject(RejectCode.AccountUnknown);
            if (opponent.IsSystem) return CommandResult.Reject(RejectCode.NotPermitted);
        }
        if (_challenges.ContainsKey(c.ChallengerId)) return CommandResult.Reject(RejectCode.DuelAlreadyOpen);
        refused = CheckStake(challenger!, c.Stake, out var result);
        if (refused != RejectCode.None) return result;

        var duel = new Duel
        {
            Id = _nextDuelId++, ChallengerId = challenger!.Id, OpponentId = c.OpponentId, Stake = c.Stake, Game = c.Game,
            State = DuelState.Open, Window = window.Ticks, ExpiresAt = _time + window.Ticks,
        };
        challenger.Reserved[Assets.Points] += duel.Stake;
        _duels.Add(duel.Id, duel);
        _challenges.Add(duel.ChallengerId, duel.Id);
        ScheduleExpiry(duel);
        EmitDuel(duel, challenger.Id);
        return CommandResult.Ok(duel.Id);
    }

    private CommandResult ApplyAcceptDuel(AcceptDuel c)
    {
        var refused = FindActiveDuel(c.DuelId, out var duel);
        if (refused != RejectCode.None) return CommandResult.Reject(refused);
        var accepter = FindAccount(c.AccountId);
        refused = CheckPlayer(accepter);
        if (refused != RejectCode.None) return CommandResult.Reject(refused);
        if (duel.State != DuelState.Open) return CommandResult.Reject(RejectCode.DuelNotOpen);
        if (accepter!.Id == duel.ChallengerId) return CommandResult.Reject(RejectCode.DuelOwnChallenge);
        if (duel.OpponentId is { } named && named != accepter.Id) return CommandResult.Reject(RejectCode.DuelNotParticipant);
        refused = CheckStake(accepter, duel.Stake, out var result);
        if (refused != RejectCode.None) return result;

        accepter.Reserved[Assets.Points] += duel.Stake;
        duel.AccepterId = accepter.Id;
        duel.State = DuelState.Accepted;
        _duelExpiries.Remove((duel.ExpiresAt, duel.Id));
        duel.ExpiresAt = _time + duel.Window; // the choosing gets a full window of its own
        ScheduleExpiry(duel);
        EmitDuel(duel, accepter.Id);

        if (duel.Game == DuelGame.CoinFlip)
        {
            var winner = (c.RandomDraw & 1) == 0 ? duel.ChallengerId : duel.AccepterId;
            return Finish(duel, winner == duel.ChallengerId ? DuelState.ChallengerWon : DuelState.AccepterWon, accepter.Id);
        }
        return new CommandResult(RejectCode.None, duel.Id, Detail1: (long)DuelState.Accepted);
    }

    private CommandResult ApplyChooseDuel(ChooseDuel c)
    {
        var refused = FindActiveDuel(c.DuelId, out var duel);
        if (refused != RejectCode.None) return CommandResult.Reject(refused);
        var account = FindAccount(c.AccountId);
        if (account is null) return CommandResult.Reject(RejectCode.AccountUnknown);
        if (!duel.IsParticipant(account.Id)) return CommandResult.Reject(RejectCode.DuelNotParticipant);
        if (!account.CanAct) return CommandResult.Reject(RejectCode.AccountDisabled);
        if (duel.State != DuelState.Accepted || duel.Game != DuelGame.RockPaperScissors) return CommandResult.Reject(RejectCode.DuelNotOpen);
        if (!Enum.IsDefined(c.Choice)) return CommandResult.Reject(RejectCode.DuelInvalidChoice);
        var isChallenger = account.Id == duel.ChallengerId;
        if ((isChallenger ? duel.ChallengerChoice : duel.AccepterChoice) is not null) return CommandResult.Reject(RejectCode.DuelAlreadyChosen);

        if (isChallenger) duel.ChallengerChoice = c.Choice;
        else duel.AccepterChoice = c.Choice;
        if (duel.ChallengerChoice is not { } mine || duel.AccepterChoice is not { } theirs)
        {
            EmitDuel(duel, account.Id, DuelState.Chosen); // says who chose, never what
            return new CommandResult(RejectCode.None, duel.Id, Detail1: (long)DuelState.Chosen);
        }
        return Finish(duel, Outcome(mine, theirs), account.Id);
    }

    /// <summary>Rock beats scissors, scissors beat paper, paper beats rock.</summary>
    public static DuelState Outcome(DuelChoice challenger, DuelChoice accepter) =>
        challenger == accepter ? DuelState.Tie
        : ((int)challenger - (int)accepter + 3) % 3 == 1 ? DuelState.ChallengerWon
        : DuelState.AccepterWon;

    private CommandResult ApplyCancelDuel(CancelDuel c)
    {
        var refused = FindActiveDuel(c.DuelId, out var duel);
        if (refused != RejectCode.None) return CommandResult.Reject(refused);
        var byStaff = !string.IsNullOrWhiteSpace(c.Actor);
        if (!byStaff)
        {
            if (c.AccountId != duel.ChallengerId) return CommandResult.Reject(RejectCode.DuelNotParticipant);
            if (duel.State != DuelState.Open) return CommandResult.Reject(RejectCode.DuelNotOpen);
        }
        return Finish(duel, DuelState.Cancelled, byStaff ? 0 : c.AccountId);
    }

    /// <summary>Refunds every duel whose time is up, oldest deadline first.</summary>
    private void ExpireDuels()
    {
        while (_duelExpiries.Count > 0 && _duelExpiries.Min.ExpiresAt <= _time)
            Finish(_duels[_duelExpiries.Min.Id], DuelState.Expired, 0);
        _nextDuelExpiry = _duelExpiries.Count > 0 ? _duelExpiries.Min.ExpiresAt : long.MaxValue;
    }

    /// <summary>Settlement: every unfinished duel is refunded.</summary>
    private void CancelAllDuels()
    {
        foreach (var duel in _duels.Values.ToList()) Finish(duel, DuelState.Cancelled, 0);
    }

    /// <summary>Ends a duel: releases both stakes, pays the winner, forgets the duel.</summary>
    private CommandResult Finish(Duel duel, DuelState end, int actor)
    {
        foreach (var holder in duel.Holders()) _accounts[holder]!.Reserved[Assets.Points] -= duel.Stake;
        _duels.Remove(duel.Id);
        _challenges.Remove(duel.ChallengerId);
        _duelExpiries.Remove((duel.ExpiresAt, duel.Id));
        _nextDuelExpiry = _duelExpiries.Count > 0 ? _duelExpiries.Min.ExpiresAt : long.MaxValue;

        var winner = end switch
        {
            DuelState.ChallengerWon => duel.ChallengerId,
            DuelState.AccepterWon => duel.AccepterId,
            _ => 0,
        };
        duel.State = end;
        ref var e = ref EmitDuel(duel, actor);
        e.BalanceAfter = 0;
        e.Remaining = winner;
        if (duel.Game == DuelGame.RockPaperScissors && end is DuelState.ChallengerWon or DuelState.AccepterWon or DuelState.Tie)
        {
            e.Price = (long)duel.ChallengerChoice!.Value + 1;
            e.Quantity = (long)duel.AccepterChoice!.Value + 1;
        }
        if (winner != 0)
        {
            var loser = winner == duel.ChallengerId ? duel.AccepterId : duel.ChallengerId;
            Move(_accounts[loser]!, _accounts[winner]!, Assets.Points, duel.Stake, LedgerKind.Duel, duel.Id);
        }
        return new CommandResult(RejectCode.None, duel.Id, Detail1: (long)end, Detail2: winner);
    }

    private ref EngineEvent EmitDuel(Duel duel, int actor, DuelState? state = null)
    {
        ref var e = ref NewEvent(EventKind.DuelChanged);
        e.Reference = duel.Id;
        e.Code = (byte)(state ?? duel.State);
        e.Account = duel.ChallengerId;
        e.Other = duel.AccepterId != 0 ? duel.AccepterId : duel.OpponentId ?? 0;
        e.Amount = duel.Stake;
        e.Asset = (int)duel.Game;
        e.Order = actor;
        e.BalanceAfter = duel.ExpiresAt;
        return ref e;
    }

    private void ScheduleExpiry(Duel duel)
    {
        _duelExpiries.Add((duel.ExpiresAt, duel.Id));
        _nextDuelExpiry = _duelExpiries.Min.ExpiresAt;
    }

    private RejectCode FindActiveDuel(long id, out Duel duel)
    {
        if (_duels.TryGetValue(id, out duel!)) return RejectCode.None;
        // Ids are sequential: one below the next id existed once and has finished.
        return id >= 1 && id < _nextDuelId ? RejectCode.DuelNotOpen : RejectCode.DuelUnknown;
    }

    /// <summary>Who may play at all: a known, enabled, non-system account, before settlement.</summary>
    private RejectCode CheckPlayer(Account? account)
    {
        if (account is null) return RejectCode.AccountUnknown;
        if (account.IsSystem) return RejectCode.NotPermitted;
        if (!account.CanAct) return RejectCode.AccountDisabled;
        if (_settled) return RejectCode.MarketSettled;
        return RejectCode.None;
    }

    /// <summary>A stake is spending: not frozen, not in debt, and covered by available points.</summary>
    private static RejectCode CheckStake(Account account, long stake, out CommandResult result)
    {
        result = default;
        if ((account.Restrictions & AccountRestrictions.Frozen) != 0) result = CommandResult.Reject(RejectCode.AccountFrozen);
        else if (account.Debt > 0) result = CommandResult.Reject(RejectCode.AccountInDebt, account.Debt);
        else if (account.Available(Assets.Points) < stake)
            result = CommandResult.Reject(RejectCode.InsufficientPoints, stake, account.Available(Assets.Points));
        return result.Code;
    }

    private EngineSnapshot CaptureDuels(EngineSnapshot snapshot) => snapshot with
    {
        NextDuelId = _nextDuelId,
        Duels = _duels.Values.Select(d => new EngineSnapshot.DuelRecord(d.Id, d.ChallengerId, d.OpponentId, d.AccepterId,
            d.Stake, d.Game, d.State, d.Window, d.ExpiresAt, d.ChallengerChoice, d.AccepterChoice)).ToArray(),
    };

    private void RestoreDuels(EngineSnapshot snapshot)
    {
        _nextDuelId = Math.Max(1, snapshot.NextDuelId);
        foreach (var s in snapshot.Duels)
        {
            var duel = new Duel
            {
                Id = s.Id, ChallengerId = s.ChallengerId, OpponentId = s.OpponentId, AccepterId = s.AccepterId, Stake = s.Stake,
                Game = s.Game, State = s.State, Window = s.Window, ExpiresAt = s.ExpiresAt,
                ChallengerChoice = s.ChallengerChoice, AccepterChoice = s.AccepterChoice,
            };
            _duels.Add(duel.Id, duel);
            _challenges.Add(duel.ChallengerId, duel.Id);
            _duelExpiries.Add((duel.ExpiresAt, duel.Id));
        }
        _nextDuelExpiry = _duelExpiries.Count > 0 ? _duelExpiries.Min.ExpiresAt : long.MaxValue;
    }
}
