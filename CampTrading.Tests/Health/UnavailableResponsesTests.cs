using System.Net;
using System.Text.Json;
using CampTrading.Core.Engine;
using CampTrading.Core.Journal;
using CampTrading.Core.ReadModels;
using CampTrading.Web.Exchange;
using CampTrading.Web.Health;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CampTrading.Tests.Health;

/// <summary>While the exchange or its database cannot answer: 503 with Retry-After, never a 500 with internals; /healthz says so.</summary>
public sealed class UnavailableResponsesTests
{
    [Theory]
    [InlineData("/api/arcade/balance", "application/json")]
    [InlineData("/staff/audit/export.csv", "*/*")]
    public async Task A_database_outage_is_a_503_problem_document_with_retry_after(string path, string accept)
    {
        await using var app = await StartAsync(null, a => a.MapGet(path, object () => throw new NpgsqlException("Failed to connect to 127.0.0.1:5432", new System.Net.Sockets.SocketException(111))));
        using var client = Client(app, accept);

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("5", response.Headers.GetValues("Retry-After").Single());
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal("exchange_unavailable", JsonDocument.Parse(body).RootElement.GetProperty("code").GetString());
        Assert.DoesNotContain("127.0.0.1", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_visit_while_the_exchange_is_unavailable_gets_a_friendly_503_page()
    {
        await using var app = await StartAsync(null, a => a.MapGet("/trade", object () => throw new ExchangeUnavailableException("The exchange is stopping.")));
        using var client = Client(app, "text/html,application/xhtml+xml");

        using var response = await client.GetAsync(new Uri("/trade", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(response.Headers.Contains("Retry-After"));
        Assert.Contains("The exchange is briefly unavailable", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_errors_are_not_dressed_up_as_unavailable()
    {
        await using var app = await StartAsync(null, a => a.MapGet("/bug", object () => throw new InvalidOperationException("a bug")));
        using var client = Client(app, "application/json");

        await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetAsync(new Uri("/bug", UriKind.Relative)));
    }

    [Fact]
    public async Task Healthz_says_standby_to_anonymous_callers_without_internals()
    {
        var exchange = new ExchangeService(new MarketReadModel());
        exchange.Standby("Another CampTrading instance holds the exchange's writer lock on this database.");
        await using var app = await StartAsync(exchange, a => a.MapHealthEndpoints());
        using var client = Client(app, "application/json");

        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("""{"status":"standby"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Healthz_turns_unhealthy_while_the_journal_cannot_be_written()
    {
        var exchange = new ExchangeService(new MarketReadModel());
        await using var sequencer = new Sequencer(new ExchangeEngine(), new DownJournal(), null, TimeProvider.System,
            new SequencerOptions { StopGrace = TimeSpan.FromMilliseconds(100) }, []);
        sequencer.Start();
        exchange.Started(sequencer, new RecoveryReport(0, 0, 0, TimeSpan.Zero));
        Assert.Equal(("ok", (string?)null), HealthEndpoints.Assess(exchange, DateTimeOffset.UtcNow, TimeSpan.FromSeconds(5)));

        _ = sequencer.SubmitAsync(new OpenAccount("alice"));
        while (exchange.Health!.JournalUnwritableSince is null) await Task.Delay(10);

        var (status, reason) = HealthEndpoints.Assess(exchange, exchange.Health.JournalUnwritableSince.Value.AddSeconds(6), TimeSpan.FromSeconds(5));
        Assert.Equal("unhealthy", status);
        Assert.Contains("connection refused", reason, StringComparison.Ordinal);
        Assert.Equal("ok", HealthEndpoints.Assess(exchange, exchange.Health.JournalUnwritableSince.Value.AddSeconds(1), TimeSpan.FromSeconds(5)).Status);
    }

    private static async Task<WebApplication> StartAsync(ExchangeService? exchange, Action<WebApplication> map)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(exchange ?? new ExchangeService(new MarketReadModel()));
        builder.Services.AddSingleton(NpgsqlDataSource.Create("Host=127.0.0.1;Port=1"));
        builder.Services.AddSingleton(sp => new QueryTablePersister(sp.GetRequiredService<NpgsqlDataSource>(), NullLogger<QueryTablePersister>.Instance));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOptions<ExchangeOptions>();
        builder.Services.AddAuthorization();
        builder.Services.AddProblemDetails();
        var app = builder.Build();
        app.UseExchangeUnavailableResponses();
        map(app);
        await app.StartAsync();
        return app;
    }

    private static HttpClient Client(WebApplication app, string accept)
    {
        var client = app.GetTestClient();
        client.DefaultRequestHeaders.Add("Accept", accept);
        return client;
    }

    private sealed class DownJournal : IJournal
    {
        public Task AppendAsync(IReadOnlyList<JournalEntry> batch, CancellationToken cancellationToken) => throw new IOException("connection refused");

        public async IAsyncEnumerable<JournalEntry> ReadAfterAsync(long afterSeq, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.CompletedTask;
            yield break;
        }
    }
}
