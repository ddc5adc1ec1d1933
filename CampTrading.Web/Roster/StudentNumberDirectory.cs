using System.Collections.Concurrent;

namespace CampTrading.Web.Roster;

/// <summary>
/// Student number → engine account, remembered once found. A number is drawn from a sequence when the student is created
/// and never changes or moves to another account (students are not deleted; a restore happens with the app stopped), so
/// a remembered answer cannot go stale. Numbers not found are not remembered: the student may be imported a moment later.
/// Arcade machines name students by number on every request; this keeps those requests off PostgreSQL.
/// </summary>
public sealed class StudentNumberDirectory(StudentStore store)
{
    private readonly ConcurrentDictionary<int, int> _accounts = new();

    public async ValueTask<int?> FindAccountAsync(int number, CancellationToken cancellationToken = default)
    {
        if (_accounts.TryGetValue(number, out var account)) return account;
        if (await store.FindByNumberAsync(number, cancellationToken) is not { } student) return null;
        _accounts.TryAdd(number, student.AccountId);
        return student.AccountId;
    }
}
