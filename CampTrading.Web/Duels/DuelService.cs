using System.Security.Cryptography;
using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Core.ReadModels;
using CampTrading.Web.Exchange;
using CampTrading.Web.Identity.Staff;
using CampTrading.Web.Points;

namespace CampTrading.Web.Duels;

/// <summary>Why a duel request did not reach the engine, or <see cref="None"/> when the engine answered.</summary>
public enum DuelProblem { None, OpponentNotFound, OpponentAmbiguous }

/// <summary>The engine's answer (or why there was none) and, for a challenge, the named opponent it resolved to.</summary>
public sealed record DuelAnswer(CommandResult Result, DuelProblem Problem = DuelProblem.None, RecipientLookup? Opponent = null)
{
    public bool Ok => Problem == DuelProblem.None && Result.IsOk;
}

/// <summary>
/// Student and staff actions on duels, each one engine command. The coin flip's randomness is drawn here from a
/// cryptographic source and carried in the command, so that replaying the journal decides every duel the same way.
/// </summary>
public sealed class DuelService(ExchangeService exchange, DuelBoard board, RecipientResolver resolver, AuditLog audit)
{
    public DuelBoard Board => board;

    /// <summary>Challenges the room (blank opponent) or the one student whose name matches.</summary>
    public async Task<DuelAnswer> ChallengeAsync(int challengerId, string? opponentName, long stake, DuelGame game, CancellationToken cancellationToken = default)
    {
        int? opponentId = null;
        RecipientLookup? lookup = null;
        if (!string.IsNullOrWhiteSpace(opponentName))
        {
            lookup = resolver.Resolve(opponentName);
            switch (lookup.Outcome)
            {
                case RecipientOutcome.NotFound: return new DuelAnswer(default, DuelProblem.OpponentNotFound, lookup);
                case RecipientOutcome.Ambiguous: return new DuelAnswer(default, DuelProblem.OpponentAmbiguous, lookup);
            }
            opponentId = lookup.Recipient!.AccountId;
        }
        var result = await exchange.SubmitAsync(new CreateDuel(challengerId, opponentId, stake, game), cancellationToken);
        return new DuelAnswer(result, Opponent: lookup);
    }

    public async Task<DuelAnswer> AcceptAsync(long duelId, int accountId, CancellationToken cancellationToken = default) =>
        new(await exchange.SubmitAsync(new AcceptDuel(duelId, accountId, RandomNumberGenerator.GetInt32(0, 2)), cancellationToken));

    public async Task<DuelAnswer> ChooseAsync(long duelId, int accountId, DuelChoice choice, CancellationToken cancellationToken = default) =>
        new(await exchange.SubmitAsync(new ChooseDuel(duelId, accountId, choice), cancellationToken));

    /// <summary>The challenger withdraws a challenge nobody accepted yet; the stake is released.</summary>
    public async Task<DuelAnswer> WithdrawAsync(long duelId, int accountId, CancellationToken cancellationToken = default) =>
        new(await exchange.SubmitAsync(new CancelDuel(duelId, accountId), cancellationToken));

    /// <summary>Staff cancel any unfinished duel: every reserved stake is refunded. Audited with its outcome.</summary>
    public async Task<DuelAnswer> CancelByStaffAsync(long duelId, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var duel = board.Find(duelId);
        var result = await exchange.SubmitAsync(new CancelDuel(duelId, 0, actor), cancellationToken);
        await audit.WriteAsync(actor, "duel.cancel", duelId.ToString(System.Globalization.CultureInfo.InvariantCulture), new
        {
            result = result.IsOk ? "ok" : RejectCodes.Code(result.Code),
            challenger = duel?.ChallengerName,
            accepter = duel?.AccepterName,
            stake = duel?.Stake,
        }, cancellationToken);
        return new DuelAnswer(result);
    }

    /// <summary>Students whose name starts with (or contains) the text, for the opponent search; never the asker.</summary>
    public IReadOnlyList<string> SuggestOpponents(string? text, int exceptAccountId, int count = 8)
    {
        var key = text?.Trim() ?? "";
        if (key.Length == 0) return [];
        return exchange.Market.AllAccounts
            .Where(a => a.Kind == AccountKind.Student && a.Id != exceptAccountId && a.Name.Contains(key, StringComparison.OrdinalIgnoreCase))
            .OrderBy(a => a.Name.StartsWith(key, StringComparison.OrdinalIgnoreCase) ? 0 : 1).ThenBy(a => a.Name, StringComparer.Ordinal)
            .Take(count)
            .Select(a => a.Name)
            .ToArray();
    }
}
