using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Core.Ledger;
using CampTrading.Core.Market;
using CampTrading.Tests.Infrastructure;
using CampTrading.Tests.Support;
using CampTrading.Web.Exchange;
using CampTrading.Web.Roster;
using CampTrading.Web.TradingApi;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CampTrading.Tests.TradingApi;

/// <summary>The whole app on a fresh database with the market open, roster students and their tokens, and HTTP helpers for /api/v1.</summary>
internal sealed class TradingApiHost : IAsyncDisposable
{
    private readonly CampAppFactory _factory;

    private TradingApiHost(CampAppFactory factory, HttpClient http) => (_factory, Http) = (factory, http);

    public HttpClient Http { get; }
    public IServiceProvider Services => _factory.Services;
    public ExchangeService Exchange => Services.GetRequiredService<ExchangeService>();
    public ApiTokenService Tokens => Services.GetRequiredService<ApiTokenService>();

    public static async Task<TradingApiHost> StartAsync(PostgresFixture postgres, params (string Key, string Value)[] settings)
    {
        var factory = await CampAppFactory.StartAsync(postgres, configure: b =>
        {
            foreach (var (key, value) in settings) b.UseSetting(key, value);
        });
        var http = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var host = new TradingApiHost(factory, http);
        Assert.True((await host.Exchange.SubmitAsync(new SetMarketOverride(MarketOverride.ForceOpen, "test"))).IsOk);
        await WaitForAsync(() => host.Exchange.Market.Status.Session == SessionState.Open);
        return host;
    }

    public async Task<Student> AddStudentAsync(string id, string name, long points)
    {
        var applied = await Services.GetRequiredService<RosterImporter>().ApplyAsync(Encoding.UTF8.GetBytes($"id,name,team\n{id},{name},Blue\n"), "test-admin");
        Assert.Empty(applied.Failed);
        var student = (await Services.GetRequiredService<StudentStore>().FindByExternalIdAsync(id))!;
        Assert.True((await Exchange.SubmitAsync(new Grant(student.AccountId, Assets.Points, points, "start", "test"))).IsOk);
        await WaitForAsync(() => Exchange.Market.Account(student.AccountId)?.Points == points);
        return student;
    }

    public async Task<string> TokenAsync(Student student, ApiScopes scopes = ApiScopes.Read | ApiScopes.Trade, string name = "bot")
    {
        var created = await Tokens.CreateAsync(student.AccountId, name, scopes, null);
        Assert.True(created.Ok, created.Refusal.ToString());
        return created.Secret;
    }

    public Task<HttpResponseMessage> GetAsync(string path, string? token = null) => SendAsync(HttpMethod.Get, path, token);

    public Task<HttpResponseMessage> DeleteAsync(string path, string? token) => SendAsync(HttpMethod.Delete, path, token);

    public Task<HttpResponseMessage> PostAsync(string path, string? token, string json) => SendAsync(HttpMethod.Post, path, token, json);

    public Task<HttpResponseMessage> OrderAsync(string token, object order) => PostAsync("/api/v1/orders", token, JsonSerializer.Serialize(order));

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, string? json = null)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        return Http.SendAsync(request);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts a problem+json answer with its stable code and both languages.</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, int status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status && text.Contains($"\"{code}\"", StringComparison.Ordinal), $"expected {status} {code}, got {(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.Equal($"urn:camptrading:problem:{code}", problem.GetProperty("type").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("message_zh").GetString()));
        return problem;
    }

    public async Task AssertBooksBalanceAsync() =>
        Assert.Empty(await Exchange.ReadEngineAsync(InvariantChecker.Check));

    public static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++) await Task.Delay(25);
        Assert.True(condition());
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _factory.DisposeAsync();
    }
}
