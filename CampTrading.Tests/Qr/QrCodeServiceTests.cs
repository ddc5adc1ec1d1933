using System.Security.Claims;
using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Web.Identity;
using CampTrading.Web.Qr;
using Microsoft.Extensions.Options;

namespace CampTrading.Tests.Qr;

public sealed class QrCodeServiceTests : IAsyncDisposable
{
    private readonly ServiceHost _host = new();
    private readonly QrCodeService _service;

    public QrCodeServiceTests() => _service = new QrCodeService(_host.Exchange, Options.Create(new QrOptions { FailuresPerWindow = 3, FailureWindow = TimeSpan.FromMinutes(5) }));

    public async ValueTask DisposeAsync()
    {
        _service.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public void Generated_codes_use_the_unambiguous_alphabet_and_differ()
    {
        var codes = Enumerable.Range(0, 2_000).Select(_ => QrCodeService.GenerateCode(12)).ToArray();
        Assert.Equal(codes.Length, codes.Distinct().Count());
        Assert.All(codes, c => Assert.Equal(12, c.Length));
        var used = string.Concat(codes).ToHashSet();
        foreach (var ambiguous in "0O1IL") Assert.DoesNotContain(ambiguous, used);
        Assert.Equal(QrCodeService.Alphabet.Length, used.Count); // every letter of the alphabet does occur
    }

    [Fact]
    public async Task A_batch_is_created_in_the_engine_and_redeemed_for_the_signed_in_account()
    {
        var batch = await _service.CreateBatchAsync(5, 120, 1, null, "lobby", "qr-manager");
        Assert.True(batch.Result.IsOk);
        Assert.Equal(5, batch.Codes.Count);
        Assert.Equal(5, (await _service.ListAsync()).Count);

        var student = await _host.OpenAccountAsync("alice");
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(CampClaims.AccountId, student.ToString(System.Globalization.CultureInfo.InvariantCulture))], "test"));
        var typed = batch.Codes[0].ToLowerInvariant().Insert(4, "-").Insert(9, " ");
        var result = await _service.RedeemAsync(user, typed);
        Assert.True(result.IsOk, result.Code.ToString());
        Assert.Equal(120, await _host.ReadAsync(e => e.FindAccount(student)!.Balance(Assets.Points)));
        Assert.Equal(1, (await _service.FindAsync(batch.Codes[0]))!.Uses);

        Assert.Equal(RejectCode.NotPermitted, (await _service.RedeemAsync(new ClaimsPrincipal(new ClaimsIdentity()), batch.Codes[1])).Code);
    }

    [Fact]
    public async Task The_value_bound_comes_from_configuration()
    {
        Assert.Equal(RejectCode.InvalidAmount, (await _service.CreateBatchAsync(1, 1_001, 1, null, "", "staff")).Result.Code);
        using var generous = new QrCodeService(_host.Exchange, Options.Create(new QrOptions { MaxValue = 5_000 }));
        Assert.True((await generous.CreateBatchAsync(1, 5_000, 1, null, "", "staff")).Result.IsOk);
        Assert.Equal(RejectCode.InvalidCommand, (await _service.CreateBatchAsync(0, 10, 1, null, "", "staff")).Result.Code);
    }

    [Fact]
    public async Task Guessing_codes_is_rate_limited_per_account()
    {
        var batch = await _service.CreateBatchAsync(1, 10, 1, null, "", "staff");
        var guesser = await _host.OpenAccountAsync("guesser");
        var honest = await _host.OpenAccountAsync("honest");
        for (var i = 0; i < 3; i++) Assert.Equal(RejectCode.QrUnknown, (await _service.RedeemAsync(guesser, $"WRONGCODE{i}")).Code);
        Assert.Equal(RejectCode.TooManyAttempts, (await _service.RedeemAsync(guesser, batch.Codes[0])).Code);
        Assert.True((await _service.RedeemAsync(honest, batch.Codes[0])).IsOk);
    }

    [Fact]
    public async Task Voiding_through_the_service()
    {
        var batch = await _service.CreateBatchAsync(1, 10, 1, null, "", "staff");
        var student = await _host.OpenAccountAsync("alice");
        Assert.True((await _service.VoidAsync(batch.Codes[0], "staff")).IsOk);
        Assert.Equal(RejectCode.QrVoided, (await _service.RedeemAsync(student, batch.Codes[0])).Code);
    }
}
