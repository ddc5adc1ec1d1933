using System.Globalization;

namespace CampTrading.Core.Engine;

/// <summary>
/// One-use request keys (idempotency keys) on money-moving commands: the caller (e.g. a bot button) puts a fresh key in the
/// command; the engine remembers, per account, the key, what the request asked for and the first accepted result, and
/// answers a second command with the same key and the same request by that result marked <see cref="CommandResult.IsRepeat"/>,
/// acting no more; the same key with a different request is refused (<see cref="RejectCode.RequestKeyConflict"/>), so a
/// caller never reads the first order's outcome as its new request's. Rejections are not remembered: they
/// changed nothing, so trying again cannot act twice. Keys are forgotten after <see cref="RequestKeys.Lifetime"/> of command
/// time, and an account keeps at most <see cref="RequestKeys.MaxPerAccount"/>, so memory stays bounded; both rules read only
/// the commands' own time, so replaying the journal forgets exactly the same keys.
/// </summary>
public sealed partial class ExchangeEngine
{
    /// <summary>Per account, the keys it used, oldest first.</summary>
    private readonly Dictionary<int, List<EngineSnapshot.RequestKeyRecord>> _requestKeys = [];

    /// <summary>The remembered first result of <paramref name="key"/> for the account (engine thread only).</summary>
    public CommandResult? RememberedRequest(int accountId, string key) =>
        _requestKeys.TryGetValue(accountId, out var used) && used.Find(r => r.Key == key) is { } found ? found.Result : null;

    private static (int AccountId, string? Key) RequestKeyOf(Command command) => command switch
    {
        PlaceOrder c => (c.AccountId, c.RequestKey),
        Transfer c => (c.FromAccountId, c.RequestKey),
        CreateDuel c => (c.ChallengerId, c.RequestKey),
        _ => (0, null),
    };

    private CommandResult DispatchOnce(Command command)
    {
        var (accountId, key) = RequestKeyOf(command);
        return key is null ? Dispatch(command) : DispatchKeyed(command, accountId, key);
    }

    // Apart from DispatchOnce because its lambdas capture the key: a closure allocated on every command otherwise.
    private CommandResult DispatchKeyed(Command command, int accountId, string key)
    {
        if (!RequestKeys.IsValid(key)) return CommandResult.Reject(RejectCode.InvalidCommand);

        if (_requestKeys.TryGetValue(accountId, out var used))
        {
            var oldest = _time - RequestKeys.Lifetime.Ticks;
            used.RemoveAll(r => r.Time < oldest);
            if (used.Find(r => r.Key == key) is { } first)
            {
                if (first.Request is null || first.Request == RequestOf(command)) return first.Result with { IsRepeat = true };
                var conflict = CommandResult.Reject(RejectCode.RequestKeyConflict);
                return command is PlaceOrder order ? Rejected(order, conflict) : conflict;
            }
        }

        var result = Dispatch(command);
        if (!result.IsOk) return result;
        if (used is null) _requestKeys[accountId] = used = [];
        if (used.Count >= RequestKeys.MaxPerAccount) used.RemoveAt(0);
        used.Add(new EngineSnapshot.RequestKeyRecord(accountId, key, _time, result, RequestOf(command)));
        return result;
    }

    /// <summary>What a keyed command asks for, in words that stay the same across restarts and replays.</summary>
    private static string RequestOf(Command command) => command switch
    {
        PlaceOrder c => string.Create(CultureInfo.InvariantCulture, $"order {c.InstrumentId} {c.Side} {c.Type} {c.Quantity} {c.Price} {c.TimeInForce}"),
        Transfer c => string.Create(CultureInfo.InvariantCulture, $"transfer {c.ToAccountId} {c.Amount} {c.Memo}"),
        CreateDuel c => string.Create(CultureInfo.InvariantCulture, $"duel {c.OpponentId} {c.Stake} {c.Game} {c.ExpiresIn?.Ticks}"),
        _ => command.GetType().Name,
    };

    private EngineSnapshot CaptureRequestKeys(EngineSnapshot snapshot) => snapshot with
    {
        RequestKeys = _requestKeys.OrderBy(p => p.Key).SelectMany(p => p.Value).ToArray(),
    };

    private void RestoreRequestKeys(EngineSnapshot snapshot)
    {
        foreach (var record in snapshot.RequestKeys)
        {
            if (!_requestKeys.TryGetValue(record.AccountId, out var used)) _requestKeys[record.AccountId] = used = [];
            used.Add(record);
        }
    }
}

/// <summary>The rules for request keys (see <see cref="ExchangeEngine"/>'s RequestKeys part).</summary>
public static class RequestKeys
{
    /// <summary>Keys are printable ASCII (no spaces), 1 to 64 characters.</summary>
    public const int MaxLength = 64;

    /// <summary>How many keys an account's memory holds; the oldest is forgotten first.</summary>
    public const int MaxPerAccount = 64;

    /// <summary>How long (in command time) a key is remembered.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);

    public static bool IsValid(string key)
    {
        if (key.Length is 0 or > MaxLength) return false;
        foreach (var c in key)
            if (c is < '!' or > '~') return false;
        return true;
    }
}
