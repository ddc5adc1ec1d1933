using System.Runtime.CompilerServices;

namespace CampTrading.Tests.Support;

/// <summary>
/// Runtime settings for every .NET process the tests start (an app per browser-test class, load drivers, crash children,
/// the sample bot). Such a process lives for seconds on a box whose two cores the parallel run keeps busy, so
/// (<see href="../../docs/decisions/0034-the-test-run-spends-less-cpu.md">decision 0034</see>):
/// - it stays at tier 0: re-compiling hot methods at tier 1 costs a short-lived process more CPU than the faster code gives
///   back (about 40 % of an app's CPU over a class of browser tests);
/// - it uses the workstation garbage collector, not a server collector with a heap and a thread per core.
/// Children inherit both from the test process's environment; the test process itself is unaffected (it read its settings
/// at start). Neither changes what a process does, only what it costs.
/// </summary>
internal static class ChildProcessRuntime
{
    [ModuleInitializer]
    internal static void ForShortLivedChildren()
    {
        Environment.SetEnvironmentVariable("DOTNET_TC_CallCounting", "0");
        Environment.SetEnvironmentVariable("DOTNET_gcServer", "0");
    }
}
