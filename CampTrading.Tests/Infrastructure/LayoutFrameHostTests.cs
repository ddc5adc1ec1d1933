using System.Text.RegularExpressions;
using CampTrading.Tests.Support;

namespace CampTrading.Tests.Infrastructure;

/// <summary>
/// Every layout renders a FrameHost, the one render in which a circuit's live components draw a frame together. A layout
/// without one still works, but each live part of its pages leaves as its own render batch: the student layout was missing
/// it for a day, and a /trade page sent four batches a frame instead of one (decision 0027).
/// </summary>
public sealed partial class LayoutFrameHostTests
{
    [Fact]
    public void Every_layout_hosts_the_circuit_frame()
    {
        var web = Path.Combine(RepoPaths.Root, "CampTrading.Web");
        var layouts = Directory.EnumerateFiles(web, "*.razor", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => InheritsLayout().IsMatch(File.ReadAllText(f)))
            .ToList();

        Assert.Contains(layouts, f => f.EndsWith("MainLayout.razor", StringComparison.Ordinal));
        Assert.True(layouts.Count >= 3, $"found only {layouts.Count} layouts");
        Assert.All(layouts, f => Assert.Matches(HostsFrame(), File.ReadAllText(f)));
    }

    [GeneratedRegex(@"^@inherits\s+LayoutComponentBase\s*$", RegexOptions.Multiline)]
    private static partial Regex InheritsLayout();

    [GeneratedRegex(@"^\s*<FrameHost\s*/>", RegexOptions.Multiline)]
    private static partial Regex HostsFrame();
}
