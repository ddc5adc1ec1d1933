using System.Text;
using CampTrading.Core.Accounts;
using CampTrading.Core.ReadModels;

namespace CampTrading.Web.Points;

/// <summary>
/// One way students name each other: the account's display name now; usernames and Telegram
/// handles later (the identity feature registers more directories). Each returns the accounts
/// whose key equals a query already normalized with <see cref="RecipientKey.Normalize"/>.
/// </summary>
public interface IRecipientDirectory
{
    /// <summary>What kind of key matched, shown beside a candidate: "name", "username", "telegram".</summary>
    string KeyKind { get; }

    IEnumerable<int> Match(string normalizedKey);
}

/// <summary>How typed recipient text and stored keys are compared.</summary>
public static class RecipientKey
{
    /// <summary>
    /// Trimmed (any Unicode space, the ideographic one included), compatibility-normalized (full-width
    /// ＠ and letters become @ and ASCII), without one leading @, case-folded. Empty when nothing is left.
    /// </summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var key = text.Normalize(NormalizationForm.FormKC).Trim();
        if (key.StartsWith('@')) key = key[1..].TrimStart();
        return key.ToUpperInvariant();
    }
}

/// <summary>Student accounts by display name, over the read model.</summary>
public sealed class AccountNameDirectory(MarketReadModel market) : IRecipientDirectory
{
    public string KeyKind => "name";

    public IEnumerable<int> Match(string normalizedKey)
    {
        foreach (var account in market.AllAccounts)
            if (account.Kind == AccountKind.Student && RecipientKey.Normalize(account.Name) == normalizedKey)
                yield return account.Id;
    }
}

public enum RecipientOutcome { Found, Ambiguous, NotFound }

/// <summary>An account the typed text may mean, with what to show to tell it apart.</summary>
public sealed record RecipientCandidate(int AccountId, string Name, string? Team, IReadOnlyList<string> MatchedBy);

/// <summary>Exactly one candidate when Found; all of them (never a guess) when Ambiguous; none when NotFound.</summary>
public sealed record RecipientLookup(string Query, RecipientOutcome Outcome, IReadOnlyList<RecipientCandidate> Candidates)
{
    public RecipientCandidate? Recipient => Outcome == RecipientOutcome.Found ? Candidates[0] : null;
}

/// <summary>
/// Resolves a recipient typed by a student over every registered <see cref="IRecipientDirectory"/>:
/// the union of their matches among student accounts. It never picks one of several.
/// </summary>
public sealed class RecipientResolver(MarketReadModel market, IEnumerable<IRecipientDirectory> directories)
{
    private readonly IRecipientDirectory[] _directories = directories.ToArray();

    public RecipientLookup Resolve(string? text)
    {
        var query = text?.Trim() ?? "";
        var key = RecipientKey.Normalize(text);
        if (key.Length == 0) return new RecipientLookup(query, RecipientOutcome.NotFound, []);

        var matchedBy = new Dictionary<int, List<string>>();
        foreach (var directory in _directories)
            foreach (var id in directory.Match(key))
            {
                if (!matchedBy.TryGetValue(id, out var kinds)) matchedBy[id] = kinds = [];
                if (!kinds.Contains(directory.KeyKind)) kinds.Add(directory.KeyKind);
            }

        var candidates = matchedBy
            .Select(m => (View: market.Account(m.Key), Kinds: m.Value))
            .Where(m => m.View is { Kind: AccountKind.Student })
            .Select(m => new RecipientCandidate(m.View!.Id, m.View.Name, m.View.Team, m.Kinds))
            .OrderBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.AccountId)
            .ToArray();

        var outcome = candidates.Length switch
        {
            0 => RecipientOutcome.NotFound,
            1 => RecipientOutcome.Found,
            _ => RecipientOutcome.Ambiguous,
        };
        return new RecipientLookup(query, outcome, candidates);
    }
}
