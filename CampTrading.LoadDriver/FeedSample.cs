using System.Globalization;
using CampTrading.Web.Feeds.Sources;

namespace CampTrading.LoadDriver;

/// <summary><c>feed-sample</c>: writes the deterministic BTCUSDT/ETHUSDT recording the replay feed ships with.</summary>
internal static class FeedSample
{
    public static async Task<int> RunAsync(Arguments arguments)
    {
        var output = arguments.Text("out", Path.Combine("CampTrading.Web", ReplayFeedSource.BundledSample));
        var seed = arguments.Int("seed", FeedSampleGenerator.DefaultSeed);
        var minutes = arguments.Int("minutes", (int)FeedSampleGenerator.DefaultDuration.TotalMinutes);
        var start = DateTimeOffset.Parse(arguments.Text("start", FeedSampleGenerator.DefaultStart.ToString("O", CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        await using (var writer = new StreamWriter(output, append: false, new System.Text.UTF8Encoding(false)))
            FeedSampleGenerator.Write(writer, seed, start, TimeSpan.FromMinutes(minutes));
        Console.WriteLine($"wrote {output} ({new FileInfo(output).Length} bytes; seed {seed}, {minutes} min from {start:O})");
        return 0;
    }
}
