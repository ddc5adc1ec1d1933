using CampTrading.Web.Staff.Console;
using Microsoft.Extensions.Logging;

namespace CampTrading.Tests.StaffConsole;

public sealed class DashboardSourcesTests
{
    [Fact]
    public void Recent_errors_keep_errors_only_newest_first_and_at_most_the_capacity_but_not_a_clients_bad_request()
    {
        var errors = new RecentErrors(TimeProvider.System);
        using var provider = new RecentErrorsLoggerProvider(errors);
        var logger = provider.CreateLogger("CampTrading.Web.Exchange.PostgresJournal");

        logger.LogInformation("fine");
        logger.LogWarning("odd");
        logger.LogError(new InvalidOperationException("disk full"), "journal append failed");
        logger.LogCritical("sequencer stopped");
        logger.LogError(new Microsoft.AspNetCore.Http.BadHttpRequestException("Invalid anti-forgery token"), "An unhandled exception has occurred");

        var latest = errors.Latest(10);
        Assert.Equal(["sequencer stopped", "journal append failed (InvalidOperationException: disk full)"], latest.Select(e => e.Message));
        Assert.Equal(["Critical", "Error"], latest.Select(e => e.Level));
        Assert.All(latest, e => Assert.Equal("CampTrading.Web.Exchange.PostgresJournal", e.Category));

        for (var i = 0; i < RecentErrors.Capacity + 10; i++) logger.LogError("error {Number}", i);
        Assert.Equal(RecentErrors.Capacity, errors.Latest(1_000).Count);
        Assert.Equal($"error {RecentErrors.Capacity + 9}", errors.Latest(1)[0].Message);
    }

    [Fact]
    public void Circuits_count_once_each_and_users_once_each()
    {
        var circuits = new CircuitTracker();
        circuits.Opened("a", "alice");
        circuits.Opened("b", "alice");
        circuits.Opened("c", null);
        circuits.Opened("d", "bob");
        Assert.Equal((4, 2), (circuits.OpenCircuits, circuits.ActiveUsers));

        circuits.Closed("d");
        circuits.Closed("d");
        Assert.Equal((3, 1), (circuits.OpenCircuits, circuits.ActiveUsers));
    }
}
