using CampTrading.Tests.Infrastructure;
using CampTrading.Web.Infrastructure.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CampTrading.Tests.Roster;

/// <summary>Issue 10 §2: students imported before public numbers existed keep their codes as secrets and get numbers.</summary>
public sealed class StudentNumberMigrationTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const string NumbersMigration = "0009_student_numbers_and_sessions.sql";

    [Fact]
    public async Task Existing_students_keep_their_codes_as_secrets_and_get_unique_numbers_and_stamps()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync("numbers_migration"));
        var migrator = new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance);
        var before = SchemaMigrator.EmbeddedMigrations.Where(m => string.CompareOrdinal(m.Name, NumbersMigration) < 0).ToList();
        await migrator.MigrateAsync(before);
        string[] codes = ["ABCDEFGH", "JKMNPQRS", "TUVWXYZ2"];
        for (var i = 0; i < codes.Length; i++)
        {
            await using var insert = dataSource.CreateCommand(
                "insert into students (external_id, account_id, name, registration_code, pin_hash, telegram_user_id) values ($1, $2, $3, $4, $5, $6)");
            insert.Parameters.Add(new NpgsqlParameter { Value = $"OLD{i}" });
            insert.Parameters.Add(new NpgsqlParameter { Value = 100 + i });
            insert.Parameters.Add(new NpgsqlParameter { Value = $"Old {i}" });
            insert.Parameters.Add(new NpgsqlParameter { Value = codes[i] });
            insert.Parameters.Add(new NpgsqlParameter { Value = i == 1 ? "hashed-pin" : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            insert.Parameters.Add(new NpgsqlParameter { Value = i == 2 ? 4242L : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
            await insert.ExecuteNonQueryAsync();
        }

        Assert.Contains(NumbersMigration, await migrator.MigrateAsync());

        var store = new Web.Roster.StudentStore(dataSource);
        var students = (await store.ListAsync()).OrderBy(s => s.ExternalId, StringComparer.Ordinal).ToList();
        Assert.Equal(codes, students.Select(s => s.Secret));
        Assert.Equal([1001, 1002, 1003], students.Select(s => s.Number));
        Assert.Equal(3, students.Select(s => s.SecurityStamp).Distinct().Count());
        Assert.Equal((false, true, true), (students[0].IsSetUp, students[1].IsSetUp, students[2].IsSetUp));
        Assert.Equal(students[1].AccountId, (await store.FindBySecretAsync("JKMNPQRS"))!.AccountId);
        Assert.Equal(students[1].AccountId, (await store.FindByNumberAsync(1002))!.AccountId);

        // New students continue the sequence.
        Assert.True(await store.TryInsertAsync("NEW", 200, "New", null, null, "Z2345678"));
        Assert.Equal(1004, (await store.FindByExternalIdAsync("NEW"))!.Number);
    }
}
