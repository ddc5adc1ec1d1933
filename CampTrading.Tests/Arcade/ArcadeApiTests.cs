using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Tests.Identity;
using CampTrading.Tests.Infrastructure;
using CampTrading.Web.Arcade;
using CampTrading.Web.Exchange;
using CampTrading.Web.Roster;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CampTrading.Tests.Arcade;

/// <summary>
/// The arcade machine API over HTTP through the whole app pipeline (routing, rate limiter, problem details) on a real
/// database: a roster student, a machine registered with a key, and requests as a machine would send them.
/// </summary>
public sealed class ArcadeApiTests(PostgresFixture postgres) : IAsyncLifetime, IClassFixture<PostgresFixture>
{
    private CampAppFactory _factory = null!;
    private HttpClient _http = null!;
    private Student _student = null!;
    private string _key = "";
    private int _machine;

    public async Task InitializeAsync()
    {
        _factory = await CampAppFactory.StartAsync(postgres);
        _http = _factory.ClientAs();
        _student = await AddStudentAsync(_factory.Services, "A1", "林大同", 1_000);
        (_machine, _key) = await RegisterAsync(_factory.Services, "Pinball");
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task A_play_is_charged_a_prize_paid_a_retry_answered_alike_and_a_changed_retry_refused()
    {
        var charge = await PostAsync(_key, Body(Number(_student), -50, "pinball", "pin-1"));
        Assert.Equal(HttpStatusCode.OK, charge.StatusCode);
        var charged = await charge.Content.ReadFromJsonAsync<ArcadeTransactionResponse>();
        Assert.Equal(new ArcadeTransactionResponse(charged!.TransactionId, "pin-1", Number(_student), -50, "pinball", 950), charged);

        // The number as printed on the badge (with '#', spaces around) names the same student.
        var formatted = $" #{_student.Number} ";
        var prize = await PostAsync(_key, Body(formatted, 200, "pinball", "pin-2"));
        Assert.Equal(HttpStatusCode.OK, prize.StatusCode);
        var paid = await prize.Content.ReadFromJsonAsync<ArcadeTransactionResponse>();
        Assert.Equal(1_150, paid!.Balance);
        Assert.NotEqual(charged.TransactionId, paid.TransactionId);

        // A retry (the machine never saw the answer) gets the original answer and moves nothing.
        var retry = await PostAsync(_key, Body(Number(_student), -50, "pinball", "pin-1"));
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(charged, await retry.Content.ReadFromJsonAsync<ArcadeTransactionResponse>());
        Assert.Equal(1_150, await PointsAsync());

        // The same id with another amount is a conflict; nothing changes.
        var conflict = await PostAsync(_key, Body(Number(_student), -500, "pinball", "pin-1"));
        await AssertProblemAsync(conflict, HttpStatusCode.Conflict, "arcade_transaction_conflict");
        Assert.Equal(1_150, await PointsAsync());
        Assert.Equal(2, await TransactionsAsync());

        var balance = await GetBalanceAsync(_key, "#" + Number(_student));
        Assert.Equal(HttpStatusCode.OK, balance.StatusCode);
        Assert.Equal(new ArcadeBalanceResponse(Number(_student), "林大同", 1_150, 1_150), await balance.Content.ReadFromJsonAsync<ArcadeBalanceResponse>());
    }

    [Fact]
    public async Task A_number_unknown_until_its_student_is_imported_is_found_at_once_and_each_balance_shows_the_play_before_it()
    {
        // Numbers are drawn in order: the next student imported will get the number after this class's student.
        var next = (_student.Number + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await AssertProblemAsync(await PostAsync(_key, Body(next, -1, "pinball", "early-1")), HttpStatusCode.NotFound, "account_unknown");
        await AssertProblemAsync(await GetBalanceAsync(_key, next), HttpStatusCode.NotFound, "account_unknown");
        var reordered = await AssertProblemAsync(await PostAsync(_key, Body("\u202E" + next, -1, "pinball", "bidi-1")), HttpStatusCode.NotFound, "account_unknown");
        Assert.Equal($"No student has the number '\uFFFD{next}'.", reordered.GetProperty("detail").GetString());

        var late = await AddStudentAsync(_factory.Services, "A2", "陳小華", 100);
        Assert.Equal(next, Number(late));
        for (var play = 1; play <= 5; play++)
        {
            var charged = await PostAsync(_key, Body(next, -10, "pinball", $"late-{play}"));
            Assert.Equal(HttpStatusCode.OK, charged.StatusCode);
            // The balance comes from the read model, not the engine's queue: it must already show the play just answered.
            var balance = await GetBalanceAsync(_key, next);
            Assert.Equal(new ArcadeBalanceResponse(next, "陳小華", 100 - 10 * play, 100 - 10 * play), await balance.Content.ReadFromJsonAsync<ArcadeBalanceResponse>());
        }
    }

    [Fact]
    public async Task The_private_sign_in_secret_is_refused_only_the_public_number_names_a_student()
    {
        // SPEC §6: a machine that saw or scanned the secret must not be able to act on the account with it.
        foreach (var secret in new[] { _student.Secret, RegistrationCodes.Format(_student.Secret).ToLowerInvariant(), "https://camp.example/login/" + _student.Secret })
        {
            await AssertProblemAsync(await PostAsync(_key, Body(secret, -10, "pinball", "secret-" + secret.Length)), HttpStatusCode.NotFound, "account_unknown");
            await AssertProblemAsync(await GetBalanceAsync(_key, Uri.EscapeDataString(secret)), HttpStatusCode.NotFound, "account_unknown");
        }
        Assert.Equal(1_000, await PointsAsync());
        Assert.Equal(0, await TransactionsAsync());

        var byNumber = await GetBalanceAsync(_key, Number(_student));
        Assert.Equal(new ArcadeBalanceResponse(Number(_student), "林大同", 1_000, 1_000), await byNumber.Content.ReadFromJsonAsync<ArcadeBalanceResponse>());
    }

    private static string Number(Student student) => student.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Missing_wrong_and_revoked_keys_are_refused_with_their_codes()
    {
        var body = Body(Number(_student), -10, "pinball", "key-1");
        var missing = await PostAsync(null, body);
        var problem = await AssertProblemAsync(missing, HttpStatusCode.Unauthorized, "wrong_secret");
        Assert.Contains("missing", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        await AssertProblemAsync(await PostAsync(_key + "x", body), HttpStatusCode.Unauthorized, "wrong_secret");
        await AssertProblemAsync(await PostAsync($"{_machine + 1}.{_key[(_key.IndexOf('.', StringComparison.Ordinal) + 1)..]}", body), HttpStatusCode.Unauthorized, "wrong_secret");
        await AssertProblemAsync(await GetBalanceAsync("garbage", Number(_student)), HttpStatusCode.Unauthorized, "wrong_secret");

        var revoked = await _factory.Services.GetRequiredService<ArcadeService>().RevokeAsync(_machine, "test-admin");
        Assert.True(revoked.IsOk);
        await AssertProblemAsync(await PostAsync(_key, body), HttpStatusCode.Forbidden, "arcade_machine_revoked");
        await AssertProblemAsync(await GetBalanceAsync(_key, Number(_student)), HttpStatusCode.Forbidden, "arcade_machine_revoked");
        Assert.Equal(1_000, await PointsAsync());
        Assert.Equal(0, await TransactionsAsync());
    }

    [Fact]
    public async Task Bad_amounts_overdrafts_unknown_students_and_bad_bodies_change_nothing()
    {
        await AssertProblemAsync(await PostAsync(_key, Body(Number(_student), 0, "pinball", "bad-1")), HttpStatusCode.BadRequest, "invalid_amount");
        var overdraft = await AssertProblemAsync(await PostAsync(_key, Body(Number(_student), -1_001, "pinball", "bad-2")),
            (HttpStatusCode)422, "insufficient_points");
        Assert.Contains("1,001", overdraft.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await AssertProblemAsync(await PostAsync(_key, Body("ZZZZ-ZZZZ", -10, "pinball", "bad-3")), HttpStatusCode.NotFound, "account_unknown");
        await AssertProblemAsync(await GetBalanceAsync(_key, "nobody"), HttpStatusCode.NotFound, "account_unknown");
        await AssertProblemAsync(await PostAsync(_key, "{\"student\": \"x\", \"amount\": 1.5}"), HttpStatusCode.BadRequest, "invalid_command");
        await AssertProblemAsync(await PostAsync(_key, "{\"student\": \"" + Number(_student) + "\", \"amount\": -5}"), HttpStatusCode.BadRequest, "invalid_command");
        await AssertProblemAsync(await PostAsync(_key, "not json"), HttpStatusCode.BadRequest, "invalid_command");
        // Strict JSON: a repeated field (which amount?), a number as a string, an unknown field.
        await AssertProblemAsync(await PostAsync(_key, $$"""{"student":"{{Number(_student)}}","amount":-1,"game":"g","clientTransactionId":"dup-1","amount":-900}"""),
            HttpStatusCode.BadRequest, "invalid_command");
        await AssertProblemAsync(await PostAsync(_key, $$"""{"student":"{{Number(_student)}}","amount":"-1","game":"g","clientTransactionId":"str-1"}"""),
            HttpStatusCode.BadRequest, "invalid_command");
        await AssertProblemAsync(await PostAsync(_key, $$"""{"student":"{{Number(_student)}}","amount":-1,"game":"g","clientTransactionId":"ext-1","bonus":5}"""),
            HttpStatusCode.BadRequest, "invalid_command");
        Assert.Equal(1_000, await PointsAsync());
        Assert.Equal(0, await TransactionsAsync());

        // A refused transaction is not remembered: its id can be used once the request is right.
        var fixedUp = await PostAsync(_key, Body(Number(_student), -1_000, "pinball", "bad-2"));
        Assert.Equal(HttpStatusCode.OK, fixedUp.StatusCode);
        Assert.Equal(0, await PointsAsync());
    }

    [Fact]
    public async Task A_machine_key_over_its_rate_is_answered_429_with_a_problem_and_other_keys_are_unaffected()
    {
        await using var limited = new CampAppFactory(await postgres.CreateDatabaseAsync("arcade_rate"))
            .WithWebHostBuilder(b => b.UseSetting("Arcade:RequestsPerWindow", "3").UseSetting("Arcade:Window", "00:10:00"));
        using var http = limited.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var student = await AddStudentAsync(limited.Services, "R1", "Rate", 100);
        var (_, busy) = await RegisterAsync(limited.Services, "Busy");
        var (_, quiet) = await RegisterAsync(limited.Services, "Quiet");

        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await GetBalanceAsync(http, busy, Number(student))).StatusCode);
        var refused = await GetBalanceAsync(http, busy, Number(student));
        await AssertProblemAsync(refused, HttpStatusCode.TooManyRequests, "too_many_attempts");
        Assert.True(refused.Headers.RetryAfter is not null);
        Assert.Equal(HttpStatusCode.OK, (await GetBalanceAsync(http, quiet, Number(student))).StatusCode);
    }

    [Fact]
    public async Task Made_up_keys_are_limited_per_address_however_many_and_a_real_machine_is_unaffected()
    {
        await using var limited = new CampAppFactory(await postgres.CreateDatabaseAsync("arcade_guess"))
            .WithWebHostBuilder(b => b.UseSetting("Arcade:WrongKeysPerWindow", "5").UseSetting("Arcade:Window", "00:10:00"));
        using var http = limited.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var student = await AddStudentAsync(limited.Services, "G1", "Guess", 100);
        var (machine, key) = await RegisterAsync(limited.Services, "Real");
        var exchange = limited.Services.GetRequiredService<ExchangeService>();
        var seq = exchange.Health!.LastSeq;

        // Every guess is a fresh key: well formed for the real machine, well formed for no machine, malformed.
        string[] guesses = [$"{machine}.{ArcadeKeys.NewSecret()}", $"77.{ArcadeKeys.NewSecret()}", "1.short", new string('k', 5_000), $"{machine}.{ArcadeKeys.NewSecret()}"];
        foreach (var guess in guesses)
            await AssertProblemAsync(await GetBalanceAsync(http, guess, Number(student)), HttpStatusCode.Unauthorized, "wrong_secret");
        var refused = await GetBalanceAsync(http, $"{machine}.{ArcadeKeys.NewSecret()}", Number(student));
        await AssertProblemAsync(refused, HttpStatusCode.TooManyRequests, "too_many_attempts");
        Assert.NotNull(refused.Headers.RetryAfter);

        Assert.Equal(HttpStatusCode.OK, (await GetBalanceAsync(http, key, Number(student))).StatusCode);
        Assert.Equal(seq, exchange.Health!.LastSeq); // nothing reached the journal
    }

    [Fact]
    public async Task A_huge_body_is_refused_413_and_an_overlong_game_400_before_the_queue_and_the_journal()
    {
        var exchange = _factory.Services.GetRequiredService<ExchangeService>();
        var seq = exchange.Health!.LastSeq;

        var huge = await PostAsync(_key, Body(Number(_student), -10, new string('g', 20 * 1024 * 1024), "huge-1"));
        await AssertProblemAsync(huge, HttpStatusCode.RequestEntityTooLarge, "request_too_large");
        await AssertProblemAsync(await PostAsync(_key, Body(Number(_student), -10, new string('g', ArcadeTransaction.MaxGameLength + 1), "long-1")),
            HttpStatusCode.BadRequest, "invalid_command");
        await AssertProblemAsync(await PostAsync(_key, Body(Number(_student), -10, "pinball", new string('i', ArcadeTransaction.MaxIdLength + 1))),
            HttpStatusCode.BadRequest, "invalid_command");
        await AssertProblemAsync(await PostAsync(_key, Body(Number(_student), long.MinValue, "pinball", "min-1")), HttpStatusCode.BadRequest, "invalid_amount");

        Assert.Equal(seq, exchange.Health!.LastSeq);
        Assert.Equal(1_000, await PointsAsync());
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(_key, Body(Number(_student), -10, "pinball", "ok-1"))).StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_only_the_api_with_the_key_scheme_and_examples()
    {
        var response = await _http.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(["/api/arcade/v1/balance/{student}", "/api/arcade/v1/transactions"], paths.Order(StringComparer.Ordinal));

        var scheme = document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("ArcadeKey");
        Assert.Equal("X-Arcade-Key", scheme.GetProperty("name").GetString());
        var post = document.RootElement.GetProperty("paths").GetProperty("/api/arcade/v1/transactions").GetProperty("post");
        var examples = post.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("examples");
        Assert.Equal(-50, examples.GetProperty("charge").GetProperty("value").GetProperty("amount").GetInt64());
        var conflict = post.GetProperty("responses").GetProperty("409").GetProperty("content").GetProperty("application/problem+json");
        Assert.Equal("arcade_transaction_conflict", conflict.GetProperty("examples").GetProperty("arcade_transaction_conflict").GetProperty("value").GetProperty("code").GetString());

        var ui = await _http.GetAsync(new Uri("/api/docs/index.html", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
        Assert.Contains("swagger", await ui.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync(new Uri("/api/docs/swagger-ui-bundle.js", UriKind.Relative))).StatusCode);
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.Equal($"urn:camptrading:problem:{code}", problem.GetProperty("type").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("message_zh").GetString()));
        return problem;
    }

    private static string Body(string student, long amount, string game, string id) =>
        JsonSerializer.Serialize(new { student, amount, game, clientTransactionId = id });

    private Task<HttpResponseMessage> PostAsync(string? key, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/arcade/v1/transactions", UriKind.Relative))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        if (key is not null) request.Headers.Add(ArcadeApi.KeyHeader, key);
        return _http.SendAsync(request);
    }

    private Task<HttpResponseMessage> GetBalanceAsync(string key, string student) => GetBalanceAsync(_http, key, student);

    private static Task<HttpResponseMessage> GetBalanceAsync(HttpClient http, string key, string student)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/api/arcade/v1/balance/{Uri.EscapeDataString(student)}", UriKind.Relative));
        request.Headers.Add(ArcadeApi.KeyHeader, key);
        return http.SendAsync(request);
    }

    private Task<long> PointsAsync() =>
        _factory.Services.GetRequiredService<ExchangeService>().ReadEngineAsync(e => e.FindAccount(_student.AccountId)!.Balance(Assets.Points));

    private Task<int> TransactionsAsync() =>
        _factory.Services.GetRequiredService<ExchangeService>().ReadEngineAsync(e => e.FindArcadeMachine(_machine)!.Transactions);

    private static async Task<Student> AddStudentAsync(IServiceProvider services, string id, string name, long points)
    {
        var applied = await services.GetRequiredService<RosterImporter>().ApplyAsync(Encoding.UTF8.GetBytes($"id,name,team\n{id},{name},Blue\n"), "test-admin");
        Assert.Empty(applied.Failed);
        var student = (await services.GetRequiredService<StudentStore>().FindByExternalIdAsync(id))!;
        var granted = await services.GetRequiredService<ExchangeService>().SubmitAsync(new Grant(student.AccountId, Assets.Points, points, "start", "test"));
        Assert.True(granted.IsOk);
        return student;
    }

    private static async Task<(int Machine, string Key)> RegisterAsync(IServiceProvider services, string name)
    {
        var registered = await services.GetRequiredService<ArcadeService>().RegisterAsync(name, "test-admin");
        Assert.True(registered.Result.IsOk);
        return ((int)registered.Result.Id, registered.ApiKey);
    }
}
