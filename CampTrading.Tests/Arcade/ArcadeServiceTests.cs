using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Tests.Qr;
using CampTrading.Web.Arcade;
using CampTrading.Web.Exchange;

namespace CampTrading.Tests.Arcade;

public sealed class ArcadeServiceTests : IAsyncDisposable
{
    private readonly ArcadeKeyDirectory _keys = new();
    private readonly ServiceHost _host;
    private readonly ArcadeService _service;

    public ArcadeServiceTests()
    {
        _host = new ServiceHost(_keys);
        _service = new ArcadeService(_host.Exchange, _keys);
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public void Keys_are_32_random_bytes_in_base64url_and_only_their_sha256_is_kept()
    {
        var secret = ArcadeKeys.NewSecret();
        Assert.Equal(43, secret.Length); // 32 bytes, unpadded base64url
        Assert.Matches("^[A-Za-z0-9_-]+$", secret);
        Assert.NotEqual(secret, ArcadeKeys.NewSecret());
        var hash = ArcadeKeys.HashSecret(secret);
        Assert.Equal(64, hash.Length);
        Assert.True(ArcadeKeys.Matches(secret, hash));
        Assert.False(ArcadeKeys.Matches(secret + "x", hash));
        Assert.False(ArcadeKeys.Matches(secret, "not hex"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("nodot")]
    [InlineData(".secret")]
    [InlineData("1.")]
    [InlineData("-1.secret")]
    [InlineData("x.secret")]
    public void Malformed_keys_do_not_parse(string? key) => Assert.False(ArcadeKeys.TryParse(key, out _, out _));

    [Theory]
    [InlineData("1.short")]
    [InlineData("1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+")]
    [InlineData("12345678901.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Keys_not_of_the_issued_length_or_alphabet_do_not_parse(string key) => Assert.False(ArcadeKeys.TryParse(key, out _, out _));

    [Fact]
    public void Keys_are_checked_in_memory_without_the_engine()
    {
        // An exchange that never started: any read through its queue would wait forever.
        var service = new ArcadeService(new ExchangeService(new CampTrading.Core.ReadModels.MarketReadModel()), new ArcadeKeyDirectory());
        for (var i = 0; i < 1_000; i++)
            Assert.Equal(RejectCode.WrongSecret, service.Authenticate(i % 2 == 0 ? $"{i + 1}.{ArcadeKeys.NewSecret()}" : $"{i}.x").Code);
    }

    [Fact]
    public async Task A_registered_key_authenticates_and_transactions_are_exactly_once()
    {
        var registered = await _service.RegisterAsync("Pinball", "admin");
        Assert.True(registered.Result.IsOk);
        var machine = (int)registered.Result.Id;
        Assert.StartsWith($"{machine}.", registered.ApiKey, StringComparison.Ordinal);
        var stored = await _host.ReadAsync(e => e.FindArcadeMachine(machine)!.KeyHash);
        Assert.DoesNotContain(registered.ApiKey[(registered.ApiKey.IndexOf('.', StringComparison.Ordinal) + 1)..], stored, StringComparison.Ordinal);
        Assert.All(await _service.ListAsync(), m => Assert.Equal("", m.KeyHash));

        Assert.Equal(machine, (_service.Authenticate(registered.ApiKey)).Id);

        var student = await _host.OpenAccountAsync("alice");
        await _host.Exchange.SubmitAsync(new Grant(student, Assets.Points, 100, "start", "test"));
        var first = await _service.SubmitAsync(registered.ApiKey, "play-1", student, -25, "pinball");
        Assert.True(first.IsOk);
        Assert.Equal(first, await _service.SubmitAsync(registered.ApiKey, "play-1", student, -25, "pinball"));
        Assert.Equal(RejectCode.ArcadeTransactionConflict, (await _service.SubmitAsync(registered.ApiKey, "play-1", student, -26, "pinball")).Code);
        Assert.Equal(75, await _host.ReadAsync(e => e.FindAccount(student)!.Balance(Assets.Points)));
    }

    [Fact]
    public async Task Wrong_unknown_and_revoked_keys_are_refused()
    {
        var registered = await _service.RegisterAsync("Pinball", "admin");
        var other = await _service.RegisterAsync("Claw", "admin");
        var machine = (int)registered.Result.Id;
        var student = await _host.OpenAccountAsync("alice");
        var secretOfOther = other.ApiKey[(other.ApiKey.IndexOf('.', StringComparison.Ordinal) + 1)..];

        Assert.Equal(RejectCode.WrongSecret, (_service.Authenticate($"{machine}.{secretOfOther}")).Code);
        Assert.Equal(RejectCode.WrongSecret, (_service.Authenticate($"99.{secretOfOther}")).Code);
        Assert.Equal(RejectCode.WrongSecret, (_service.Authenticate("garbage")).Code);
        Assert.Equal(RejectCode.WrongSecret, (await _service.SubmitAsync("garbage", "tx", student, 5, "pinball")).Code);

        Assert.True((await _service.RevokeAsync(machine, "admin")).IsOk);
        Assert.Equal(RejectCode.ArcadeMachineRevoked, (_service.Authenticate(registered.ApiKey)).Code);
        Assert.Equal(RejectCode.ArcadeMachineRevoked, (await _service.SubmitAsync(registered.ApiKey, "tx", student, 5, "pinball")).Code);
        Assert.True((_service.Authenticate(other.ApiKey)).IsOk);
    }

    [Fact]
    public async Task A_request_key_is_checked_once_and_a_machine_revoked_after_that_check_is_still_refused_by_the_engine()
    {
        var registered = await _service.RegisterAsync("Pinball", "admin");
        var student = await _host.OpenAccountAsync("bob");
        var request = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        request.Request.Headers[ArcadeApi.KeyHeader] = registered.ApiKey;
        var check = _service.Authenticate(request);
        Assert.True(check.IsOk);

        Assert.True((await _service.RevokeAsync((int)registered.Result.Id, "admin")).IsOk);
        Assert.Equal(check, _service.Authenticate(request)); // the same request: the first check's answer, not a second hash
        var next = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        next.Request.Headers[ArcadeApi.KeyHeader] = registered.ApiKey;
        Assert.Equal(RejectCode.ArcadeMachineRevoked, _service.Authenticate(next).Code); // the next request checks afresh
        // A play from the request checked before the revocation reaches the engine, which refuses it.
        Assert.Equal(RejectCode.ArcadeMachineRevoked, (await _service.SubmitAsync((int)check.Id, "tx", student, -5, "pinball")).Code);
    }
}
