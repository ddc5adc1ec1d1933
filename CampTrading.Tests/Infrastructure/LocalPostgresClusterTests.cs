using CampTrading.Web.Infrastructure.Postgres;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CampTrading.Tests.Infrastructure;

public sealed class LocalPostgresClusterTests(PostgresFixture fixture) : IAsyncLifetime, IClassFixture<PostgresFixture>
{
    private readonly List<string> _folders = [];

    [Fact]
    public void Runuser_is_found_outside_path_and_its_absence_refuses_the_start_in_one_line()
    {
        var empty = Directory.CreateTempSubdirectory("camp-no-runuser-").FullName;
        var bin = Directory.CreateTempSubdirectory("camp-runuser-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(bin, "runuser"), "");

            Assert.Equal(Path.Combine(bin, "runuser"), LocalPostgresCluster.RunUser(path: $"{empty}:{bin}", fallbacks: []));
            Assert.Equal(Path.Combine(bin, "runuser"), LocalPostgresCluster.RunUser(path: "/nowhere", fallbacks: [empty, bin])); // a root PATH without sbin
            var refused = Assert.Throws<Web.Infrastructure.StartupRefusedException>(() => LocalPostgresCluster.RunUser(path: "", fallbacks: [empty]));
            Assert.Contains("runuser was found neither on PATH nor in " + empty, refused.Message, StringComparison.Ordinal);
            Assert.Contains("ConnectionStrings__CampTrading", refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
            Directory.Delete(bin, recursive: true);
        }
    }

    [Fact]
    public async Task Fixture_database_answers_select_1()
    {
        var connectionString = await fixture.CreateDatabaseAsync("select_one");

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select 1", connection);
        Assert.Equal(1, await command.ExecuteScalarAsync());
        Assert.StartsWith("select_one_", connection.Database, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fixture_databases_are_distinct()
    {
        var a = new NpgsqlConnectionStringBuilder(await fixture.CreateDatabaseAsync()).Database;
        var b = new NpgsqlConnectionStringBuilder(await fixture.CreateDatabaseAsync()).Database;
        Assert.NotEqual(a, b);
    }

    [Fact]
    public async Task Start_connect_select_1_then_stop()
    {
        await using var cluster = new LocalPostgresCluster(PostgresFixture.CreateTestOptions(NewFolder(), PostgresFixture.GetFreeTcpPort()));

        var connectionString = await cluster.StartAsync();

        Assert.Equal(1, await ScalarAsync(connectionString, "select 1"));
        Assert.Equal("camptest", new NpgsqlConnectionStringBuilder(connectionString).Database);
        Assert.True(await cluster.IsRunningAsync());
        await cluster.StopAsync();
        Assert.False(await cluster.IsRunningAsync());
    }

    [Fact]
    public async Task Restart_on_same_folder_preserves_data()
    {
        var folder = NewFolder();
        var options = PostgresFixture.CreateTestOptions(folder, PostgresFixture.GetFreeTcpPort());
        await using (var first = new LocalPostgresCluster(options))
        {
            var cs = await first.StartAsync();
            await ScalarAsync(cs, "create table kept(id int primary key, name text); insert into kept values (7, '营地');");
            await first.StopAsync();
        }

        await using var second = new LocalPostgresCluster(options);
        var again = await second.StartAsync();

        Assert.Equal("营地", await ScalarAsync(again, "select name from kept where id = 7"));
    }

    [Fact]
    public async Task Start_reuses_a_cluster_that_is_already_running()
    {
        var folder = NewFolder();
        var port = PostgresFixture.GetFreeTcpPort();
        await using var owner = new LocalPostgresCluster(PostgresFixture.CreateTestOptions(folder, port));
        var cs = await owner.StartAsync();
        await ScalarAsync(cs, "create table marker(x int); insert into marker values (42);");
        var pid = File.ReadLines(Path.Combine(owner.ClusterDirectory, "postmaster.pid")).First();

        // As after the app was SIGKILLed: a new instance on the same folder, even asking for another port.
        await using var reuser = new LocalPostgresCluster(PostgresFixture.CreateTestOptions(folder, PostgresFixture.GetFreeTcpPort()));
        var reused = await reuser.StartAsync();

        Assert.Equal(port, reuser.Port);
        Assert.Equal(42, await ScalarAsync(reused, "select x from marker"));
        Assert.Equal(pid, File.ReadLines(Path.Combine(owner.ClusterDirectory, "postmaster.pid")).First());
    }

    [Fact]
    public async Task Start_refuses_in_plain_words_when_another_program_holds_the_port()
    {
        var port = PostgresFixture.GetFreeTcpPort();
        using var squatter = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
        squatter.Start();
        await using var cluster = new LocalPostgresCluster(PostgresFixture.CreateTestOptions(NewFolder(), port));

        var refused = await Assert.ThrowsAsync<Web.Infrastructure.StartupRefusedException>(() => cluster.StartAsync());
        Assert.Contains($"port {port} on 127.0.0.1", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Database:EmbeddedPort", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ignores_a_stale_postmaster_pid()
    {
        var folder = NewFolder();
        var options = PostgresFixture.CreateTestOptions(folder, PostgresFixture.GetFreeTcpPort());
        await using var cluster = new LocalPostgresCluster(options);
        await cluster.StartAsync();
        await cluster.StopAsync();
        // A pid file left by a crash, naming this test process (alive, but not a postmaster).
        var pidFile = Path.Combine(cluster.ClusterDirectory, "postmaster.pid");
        await File.WriteAllTextAsync(pidFile, $"{Environment.ProcessId}\n{cluster.ClusterDirectory}\n0\n{options.Port}\n{folder}\n127.0.0.1\n0 0\nready   \n");

        var cs = await cluster.StartAsync();

        Assert.Equal(1, await ScalarAsync(cs, "select 1"));
    }

    [Fact]
    public async Task Migrator_applies_each_file_once_in_name_order()
    {
        await using var dataSource = NpgsqlDataSource.Create(await fixture.CreateDatabaseAsync("migrate"));
        var migrator = new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance);
        SchemaMigration[] migrations =
        [
            new("0002_second.sql", "insert into things values (2);"),
            new("0001_first.sql", "create table things(id int primary key); insert into things values (1);"),
        ];

        var firstRun = await migrator.MigrateAsync(migrations);
        var secondRun = await migrator.MigrateAsync(migrations);

        Assert.Equal(["0001_first.sql", "0002_second.sql"], firstRun);
        Assert.Empty(secondRun);
        Assert.Equal(2L, await ScalarAsync(dataSource, "select count(*) from schema_migrations"));
        Assert.Equal(2L, await ScalarAsync(dataSource, "select count(*) from things"));
    }

    [Fact]
    public async Task Migrator_applies_the_embedded_files_once()
    {
        await using var dataSource = NpgsqlDataSource.Create(await fixture.CreateDatabaseAsync("migrate_embedded"));
        var migrator = new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance);
        var names = SchemaMigrator.EmbeddedMigrations.Select(m => m.Name).ToList();

        var firstRun = await migrator.MigrateAsync();
        var secondRun = await migrator.MigrateAsync();

        Assert.Equal("0000_bootstrap.sql", names[0]);
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Equal(names, firstRun);
        Assert.Empty(secondRun);
        Assert.Equal((long)names.Count, await ScalarAsync(dataSource, "select count(*) from schema_migrations"));
        Assert.Equal((long)names.Count, await ScalarAsync(dataSource, "select count(distinct name) from schema_migrations"));
    }

    [Fact]
    public async Task Migrator_is_safe_to_run_concurrently()
    {
        await using var dataSource = NpgsqlDataSource.Create(await fixture.CreateDatabaseAsync("migrate_parallel"));
        SchemaMigration[] migrations = [new("0001_t.sql", "create table t(id int);")];

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync(migrations)));

        Assert.Equal(1, runs.Sum(r => r.Count));
        Assert.Equal(1L, await ScalarAsync(dataSource, "select count(*) from schema_migrations"));
    }

    [Fact]
    public async Task Migrator_rolls_back_a_failing_file_and_keeps_earlier_ones()
    {
        await using var dataSource = NpgsqlDataSource.Create(await fixture.CreateDatabaseAsync("migrate_fail"));
        var migrator = new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance);
        SchemaMigration[] migrations =
        [
            new("0001_ok.sql", "create table ok(id int);"),
            new("0002_bad.sql", "create table half(id int); select * from no_such_table;"),
        ];

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => migrator.MigrateAsync(migrations));

        Assert.Contains("0002_bad.sql", ex.Message, StringComparison.Ordinal);
        Assert.Equal("0001_ok.sql", await ScalarAsync(dataSource, "select string_agg(name, ',') from schema_migrations"));
        Assert.Null(await ScalarAsync(dataSource, "select to_regclass('half')::text"));
    }

    [Fact]
    public async Task AddCampDatabase_uses_the_configured_connection_string_and_migrates_on_start()
    {
        var connectionString = await fixture.CreateDatabaseAsync("add_db");
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration["ConnectionStrings:CampTrading"] = connectionString;

        builder.AddCampDatabase();
        await using var app = builder.Build();
        await app.StartAsync();

        Assert.Null(app.Services.GetService<LocalPostgresCluster>());
        var dataSource = app.Services.GetRequiredService<NpgsqlDataSource>();
        Assert.Equal(new NpgsqlConnectionStringBuilder(connectionString) { Password = null }.ConnectionString, dataSource.ConnectionString); // Npgsql hides the password
        Assert.Equal(1L, await ScalarAsync(dataSource, "select count(*) from schema_migrations where name = '0000_bootstrap.sql'"));
        await app.StopAsync();
    }

    [Fact]
    public async Task AddCampDatabase_without_connection_string_runs_an_embedded_cluster_until_shutdown()
    {
        var folder = NewFolder();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration["ConnectionStrings:CampTrading"] = "";
        builder.Configuration["Database:EmbeddedDataDirectory"] = folder;
        builder.Configuration["Database:EmbeddedPort"] = PostgresFixture.GetFreeTcpPort().ToString(System.Globalization.CultureInfo.InvariantCulture);

        builder.AddCampDatabase();
        var connectionString = builder.Configuration.GetConnectionString("CampTrading");
        await using var app = builder.Build();
        await app.StartAsync();
        var cluster = app.Services.GetRequiredService<LocalPostgresCluster>();

        Assert.Equal(Path.Combine(folder, "data"), cluster.ClusterDirectory);
        Assert.Equal(cluster.ConnectionString, connectionString);
        Assert.True(await cluster.IsRunningAsync());
        Assert.Equal((long)SchemaMigrator.EmbeddedMigrations.Count,
            await ScalarAsync(app.Services.GetRequiredService<NpgsqlDataSource>(), "select count(*) from schema_migrations"));
        await app.StopAsync();
        Assert.False(await cluster.IsRunningAsync());
    }

    [Theory]
    [InlineData("Development", "postgres-development")]
    [InlineData("development", "postgres-development")]
    [InlineData("Production", "postgres")]
    [InlineData("Staging", "postgres")]
    public void The_development_run_keeps_its_embedded_cluster_apart_from_the_camps(string environment, string folder)
    {
        // A Production camp started after trying the app on the same machine must not inherit the try-out's accounts.
        Assert.Equal(Path.Combine("/srv/camp", ".campdata", folder), CampDatabaseServiceCollectionExtensions.DefaultEmbeddedDataDirectory(environment, "/srv/camp"));
    }

    [Fact]
    public async Task AddCampDatabase_embedded_cluster_stops_when_the_app_is_disposed_without_a_graceful_stop()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["ConnectionStrings:CampTrading"] = "";
        builder.Configuration["Database:EmbeddedDataDirectory"] = NewFolder();
        builder.Configuration["Database:EmbeddedPort"] = PostgresFixture.GetFreeTcpPort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.Configuration["Database:MigrateOnStartup"] = "false";

        builder.AddCampDatabase();
        var app = builder.Build();
        var cluster = app.Services.GetRequiredService<LocalPostgresCluster>();
        _ = app.Services.GetRequiredService<NpgsqlDataSource>();
        Assert.True(await cluster.IsRunningAsync());
        await app.DisposeAsync();

        Assert.False(await cluster.IsRunningAsync());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var folder in _folders)
        {
            await PostgresFixture.StopClusterAndDeleteAsync(folder);
        }
    }

    private string NewFolder()
    {
        var folder = PostgresFixture.CreateTempDirectory("camp-pg-test");
        _folders.Add(folder);
        return folder;
    }

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        return await ScalarAsync(dataSource, sql);
    }

    private static async Task<object?> ScalarAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }
}
