using CampTrading.Tests.Roster;
using CampTrading.Web.Abuse;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CampTrading.Tests.Abuse;

/// <summary>The per-account and per-source fixed windows, on a clock the test moves by hand.</summary>
public sealed class StudentActionLimiterTests
{
    private static readonly DateTimeOffset Start = new(2026, 7, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly ManualTime _time = new(Start);

    private StudentActionLimiter Limiter(int perAccount = 3, int perSource = 5, int maxKeys = 1_000) => new(Options.Create(new StudentLimitOptions
    {
        Window = TimeSpan.FromSeconds(10),
        MaxTrackedKeys = maxKeys,
        Orders = new ActionLimit { PerAccount = perAccount, PerSource = perSource },
    }), _time);

    [Fact]
    public void An_account_gets_its_allowance_per_window_and_then_waits_for_the_next()
    {
        var limiter = Limiter();
        for (var i = 0; i < 3; i++) Assert.True(limiter.TryAcquire(101, null, ActionKind.Order).Allowed);
        var refused = limiter.TryAcquire(101, null, ActionKind.Order);
        Assert.False(refused.Allowed);
        Assert.Equal(TimeSpan.FromSeconds(10), refused.RetryAfter); // the clock starts on a window boundary

        Assert.True(limiter.TryAcquire(102, null, ActionKind.Order).Allowed); // another account
        Assert.True(limiter.TryAcquire(101, null, ActionKind.Cancel).Allowed); // another kind

        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.True(limiter.TryAcquire(101, null, ActionKind.Order).Allowed);
    }

    [Fact]
    public void Refused_attempts_count_so_hammering_does_not_earn_a_new_allowance()
    {
        var limiter = Limiter(perAccount: 2);
        for (var i = 0; i < 50; i++) limiter.TryAcquire(101, null, ActionKind.Order);
        _time.Advance(TimeSpan.FromSeconds(9));
        Assert.False(limiter.TryAcquire(101, null, ActionKind.Order).Allowed);
        Assert.Equal(TimeSpan.FromSeconds(1), limiter.TryAcquire(101, null, ActionKind.Order).RetryAfter);
    }

    [Fact]
    public void A_source_is_limited_across_the_accounts_it_acts_for()
    {
        var limiter = Limiter(perAccount: 3, perSource: 5);
        for (var account = 101; account < 106; account++) Assert.True(limiter.TryAcquire(account, "10.0.0.9", ActionKind.Order).Allowed);
        Assert.False(limiter.TryAcquire(106, "10.0.0.9", ActionKind.Order).Allowed);
        Assert.True(limiter.TryAcquire(106, "10.0.0.10", ActionKind.Order).Allowed);
        Assert.True(limiter.TryAcquire(107, "telegram:42", ActionKind.Order).Allowed);
    }

    [Fact]
    public void A_source_without_an_account_has_only_its_own_allowance()
    {
        var limiter = Limiter(perAccount: 3, perSource: 5);
        for (var i = 0; i < 5; i++) Assert.True(limiter.TryAcquireSource("telegram:7", ActionKind.Order).Allowed);
        Assert.False(limiter.TryAcquireSource("telegram:7", ActionKind.Order).Allowed);
        Assert.True(limiter.TryAcquireSource("telegram:8", ActionKind.Order).Allowed);
        Assert.True(limiter.TryAcquire(101, null, ActionKind.Order).Allowed);
    }

    [Fact]
    public async Task A_circuit_acts_from_the_client_address_it_was_opened_from()
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = System.Net.IPAddress.Parse("10.9.8.7");
        var handler = new SourceCircuitHandler(new HttpContextAccessor { HttpContext = http }, Microsoft.Extensions.Options.Options.Create(new StudentLimitOptions()));
        string? seen = null;
        await handler.CreateInboundActivityHandler(_ =>
        {
            seen = ActionSource.Current;
            return Task.CompletedTask;
        })(null!);
        Assert.Equal("10.9.8.7", seen);
        Assert.Null(ActionSource.Current); // only for the activity
    }

    [Fact]
    public void Counters_of_past_windows_are_dropped_so_memory_stays_bounded()
    {
        var limiter = Limiter(maxKeys: 1_000);
        for (var i = 0; i < 5_000; i++) limiter.TryAcquire(100 + (i % 500), "10.1." + (i / 250) + "." + (i % 250), ActionKind.Order);
        Assert.InRange(limiter.TrackedKeys, 1, 1_000 + 500);
        _time.Advance(TimeSpan.FromSeconds(10));
        for (var i = 0; i < 4_096; i++) limiter.TryAcquire(101, null, ActionKind.Order);
        Assert.Equal(1, limiter.TrackedKeys);
    }

    [Fact]
    public void Sources_are_client_addresses_with_ipv6_grouped_by_network_and_telegram_users()
    {
        Assert.Equal("10.0.0.7", ActionSource.FromAddress(System.Net.IPAddress.Parse("::ffff:10.0.0.7")));
        Assert.Equal(ActionSource.FromAddress(System.Net.IPAddress.Parse("2001:db8:1:2::1")), ActionSource.FromAddress(System.Net.IPAddress.Parse("2001:db8:1:2:ffff::9")));
        Assert.NotEqual(ActionSource.FromAddress(System.Net.IPAddress.Parse("2001:db8:1:2::1")), ActionSource.FromAddress(System.Net.IPAddress.Parse("2001:db8:1:3::1")));
        Assert.Equal("telegram:42", ActionSource.FromTelegram(42));
        Assert.Null(ActionSource.FromAddress(null));
    }

    [Fact]
    public void Settings_must_be_positive()
    {
        Assert.True(new StudentLimitOptions().IsValid);
        Assert.False(new StudentLimitOptions { Window = TimeSpan.Zero }.IsValid);
        Assert.False(new StudentLimitOptions { Transfers = new ActionLimit { PerAccount = 0, PerSource = 1 } }.IsValid);
    }
}
