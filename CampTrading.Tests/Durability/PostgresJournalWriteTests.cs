using CampTrading.Core.Engine;
using CampTrading.Core.Journal;
using CampTrading.Tests.Infrastructure;

namespace CampTrading.Tests.Durability;

/// <summary>How the PostgreSQL journal classifies write failures: permanent, an idempotent retry, or another writer.</summary>
public sealed class PostgresJournalWriteTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static readonly long Now = DateTime.UtcNow.Ticks / 10 * 10;

    [Fact]
    public async Task An_entry_postgres_can_never_store_is_a_permanent_error_and_nothing_of_its_batch_is_written()
    {
        await using var exchange = await DurableExchange.OpenAsync(await postgres.CreateDatabaseAsync("jperm"));
        var nul = new OpenAccount("x");
        JournalEntry[] batch =
        [
            new(1, Now, new OpenAccount("fine")),
            new(2, Now, nul, """{"$t":"open_account","name":"a\u0000b","kind":"student"}"""),
        ];

        var error = await Assert.ThrowsAsync<JournalPermanentException>(() => exchange.Journal.AppendAsync(batch, CancellationToken.None));

        Assert.StartsWith("22P05", error.Message);
        Assert.Equal(0, await exchange.Journal.LastSeqAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Writing_the_same_batch_again_succeeds_and_a_different_entry_on_a_taken_seq_is_a_conflict()
    {
        await using var exchange = await DurableExchange.OpenAsync(await postgres.CreateDatabaseAsync("jconf"));
        JournalEntry[] batch = [new(1, Now, new OpenAccount("alice")), new(2, Now, new OpenAccount("bob"))];
        await exchange.Journal.AppendAsync(batch, CancellationToken.None);

        await exchange.Journal.AppendAsync(batch, CancellationToken.None); // a retry after an answer was lost

        await Assert.ThrowsAsync<JournalConflictException>(() =>
            exchange.Journal.AppendAsync([new(2, Now, new OpenAccount("mallory"))], CancellationToken.None));
        var entries = new List<JournalEntry>();
        await foreach (var entry in exchange.Journal.ReadAfterAsync(0, CancellationToken.None)) entries.Add(entry);
        Assert.Equal(["alice", "bob"], entries.Select(e => ((OpenAccount)e.Command).Name));
    }
}
