using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Tests.Qr;
using CampTrading.Web.Abuse;
using CampTrading.Web.Booths;
using Microsoft.Extensions.Options;

namespace CampTrading.Tests.Booths;

public sealed class BoothServiceTests : IAsyncDisposable
{
    private readonly ServiceHost _host = new();
    private readonly BoothService _service;

    public BoothServiceTests() => _service = new BoothService(_host.Exchange, Options.Create(new BoothOptions { Pbkdf2Iterations = 1_000, WrongSecretsPerWindow = 3 }));

    public async ValueTask DisposeAsync()
    {
        _service.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public void Secrets_are_hashed_with_a_salt_and_verified()
    {
        var a = BoothSecretHasher.Hash("robots-rule", 1_000);
        var b = BoothSecretHasher.Hash("robots-rule", 1_000);
        Assert.NotEqual(a, b); // salted
        Assert.DoesNotContain("robots-rule", a, StringComparison.Ordinal);
        Assert.StartsWith("pbkdf2-sha256$1000$", a, StringComparison.Ordinal);
        Assert.True(BoothSecretHasher.Verify("robots-rule", a));
        Assert.False(BoothSecretHasher.Verify("robots-rulE", a));
        Assert.False(BoothSecretHasher.Verify("robots-rule", "garbage"));
        Assert.False(BoothSecretHasher.Verify("robots-rule", "pbkdf2-sha256$1000$notbase64$x"));
    }

    [Fact]
    public async Task The_engine_keeps_only_the_hash_and_an_award_needs_the_secret()
    {
        var created = await _service.CreateAsync("Robotics", "robots-rule", CreateBooth.DefaultReward, "admin");
        Assert.True(created.Result.IsOk);
        var booth = (int)created.Result.Id;
        var stored = await _host.ReadAsync(e => e.FindBooth(booth)!.SecretHash);
        Assert.True(BoothSecretHasher.Verify("robots-rule", stored));
        Assert.DoesNotContain("robots-rule", stored, StringComparison.Ordinal);
        Assert.All(await _service.ListAsync(), b => Assert.Equal("", b.SecretHash));

        var student = await _host.OpenAccountAsync("alice");
        Assert.Equal(RejectCode.WrongSecret, (await _service.AwardAsync(booth, "robots-drool", student, "Mei")).Code);
        Assert.True((await _service.AwardAsync(booth, "robots-rule", student, "Mei")).IsOk);
        Assert.Equal(RejectCode.BoothAlreadyAwarded, (await _service.AwardAsync(booth, "robots-rule", student, "Jun")).Code);
        Assert.Equal(1_000, await _host.ReadAsync(e => e.FindAccount(student)!.Balance(Assets.Points)));
        Assert.True(await _service.HasAwardedAsync(booth, student));
        Assert.Equal(RejectCode.BoothUnknown, (await _service.VerifySecretAsync(99, "whatever1")).Code);
    }

    [Fact]
    public async Task Short_secrets_are_refused_and_a_missing_one_is_generated()
    {
        Assert.Equal(RejectCode.InvalidCommand, (await _service.CreateAsync("Chess", "1234", 500, "admin")).Result.Code);
        var created = await _service.CreateAsync("Chess", null, 500, "admin");
        Assert.True(created.Result.IsOk);
        Assert.True(created.Secret.Length >= 12);
        Assert.True((await _service.VerifySecretAsync((int)created.Result.Id, created.Secret)).IsOk);
    }

    [Fact]
    public async Task A_reset_secret_takes_effect_at_once()
    {
        var booth = (int)(await _service.CreateAsync("Art", "first-secret", 300, "admin")).Result.Id;
        var reset = await _service.ResetSecretAsync(booth, "second-secret", "admin");
        Assert.True(reset.Result.IsOk);
        Assert.Equal(RejectCode.WrongSecret, (await _service.VerifySecretAsync(booth, "first-secret")).Code);
        Assert.True((await _service.VerifySecretAsync(booth, "second-secret")).IsOk);
    }

    [Fact]
    public async Task Wrong_secrets_are_limited_per_client_so_a_stranger_cannot_lock_a_booth_out()
    {
        var booth = (int)(await _service.CreateAsync("Robotics", "robots-rule", 1_000, "admin")).Result.Id;
        var other = (int)(await _service.CreateAsync("Chess", "checkmate", 1_000, "admin")).Result.Id;
        var student = await _host.OpenAccountAsync("alice");
        using (ActionSource.Use("10.0.0.66"))
        {
            for (var i = 0; i < 3; i++) Assert.Equal(RejectCode.WrongSecret, (await _service.VerifySecretAsync(booth, $"guess{i}xyz")).Code);
            Assert.Equal(RejectCode.TooManyAttempts, (await _service.AwardAsync(booth, "robots-rule", student, "Mei")).Code);
            Assert.Equal(RejectCode.TooManyAttempts, (await _service.VerifySecretAsync(other, "checkmate")).Code); // at every booth
        }
        Assert.Equal(0, await _host.ReadAsync(e => e.FindAccount(student)!.Balance(Assets.Points)));

        // The booth's own staff, on another client, are not locked out by the stranger's guesses.
        using (ActionSource.Use("10.0.0.5"))
            Assert.True((await _service.AwardAsync(booth, "robots-rule", student, "Mei")).IsOk);
    }

    [Fact]
    public async Task Concurrent_wrong_secrets_from_one_client_are_checked_at_most_up_to_the_limit()
    {
        var booth = (int)(await _service.CreateAsync("Robotics", "robots-rule", 1_000, "admin")).Result.Id;
        CommandResult[] results;
        using (ActionSource.Use("10.0.0.77"))
            results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => _service.VerifySecretAsync(booth, $"guess{i}xyz")));
        Assert.Equal(3, results.Count(r => r.Code == RejectCode.WrongSecret));
        Assert.Equal(37, results.Count(r => r.Code == RejectCode.TooManyAttempts));
    }

    [Fact]
    public async Task The_lockout_ends_with_the_window()
    {
        using var quick = new BoothService(_host.Exchange, Options.Create(new BoothOptions
        {
            Pbkdf2Iterations = 1_000, WrongSecretsPerWindow = 1, WrongSecretWindow = TimeSpan.FromMilliseconds(300),
        }));
        var booth = (int)(await quick.CreateAsync("Robotics", "robots-rule", 1_000, "admin")).Result.Id;
        Assert.Equal(RejectCode.WrongSecret, (await quick.VerifySecretAsync(booth, "nope-nope")).Code);
        Assert.Equal(RejectCode.TooManyAttempts, (await quick.VerifySecretAsync(booth, "robots-rule")).Code);
        var deadline = DateTime.UtcNow.AddSeconds(5);
        CommandResult result;
        do
        {
            await Task.Delay(100);
            result = await quick.VerifySecretAsync(booth, "robots-rule");
        }
        while (!result.IsOk && DateTime.UtcNow < deadline);
        Assert.True(result.IsOk, result.Code.ToString());
    }
}
