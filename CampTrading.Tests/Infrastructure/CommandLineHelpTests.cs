using CampTrading.Tests.Support;

namespace CampTrading.Tests.Infrastructure;

/// <summary>An organizer who asks the app for help gets the commands and settings, and no server or database is started.</summary>
public sealed class CommandLineHelpTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task Help_lists_the_commands_and_exits_without_starting_anything(string flag)
    {
        // A server nobody listens on: had the app gone on to build itself, it would fail or hang here instead of exiting 0.
        await using var app = AppProcess.Start([flag], "Host=127.0.0.1;Port=1;Username=nobody;Timeout=2");
        var exitCode = await app.WaitForExitAsync(TimeSpan.FromSeconds(30)); // the deadline only ends a hung test

        var output = app.Output();
        Assert.True(exitCode == 0, $"exit {exitCode}:\n{output}");
        Assert.Contains("admin create <username> | admin reset-password <username>", output, StringComparison.Ordinal);
        Assert.Contains("backup <file> | restore <file> --yes", output, StringComparison.Ordinal);
        Assert.Contains("Configuration", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", output, StringComparison.Ordinal);
    }
}
