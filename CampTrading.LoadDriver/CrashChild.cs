using CampTrading.Core.Engine;

namespace CampTrading.LoadDriver;

/// <summary>
/// The victim of the crash test: recovers, then submits random commands from many tasks forever,
/// printing one line per acknowledged command ("ack seq code id filled remaining end") so the test
/// knows exactly what was promised before it kills the process with SIGKILL.
/// </summary>
internal static class CrashChild
{
    public static async Task<int> RunAsync(Arguments args)
    {
        var workers = args.Int("workers", 32);
        var accounts = args.Int("accounts", 50);
        var everyKind = args.Text("mix", "trading") == "every-kind";
        await using var harness = await Harness.StartAsync(args.Connection, args.Long("snapshot-every", 500));
        await harness.SetUpMarketAsync(accounts);
        var output = Console.Out;
        output.WriteLine($"ready {harness.Recovery.LastSeq}");
        output.Flush();

        var seed = (int)(harness.Recovery.LastSeq % int.MaxValue);
        var tasks = Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var mix = new CommandMix(seed * 31 + w, accounts, everyKind);
            while (true)
            {
                var ack = await harness.Sequencer.SubmitTrackedAsync(mix.Next());
                var r = ack.Result;
                lock (output)
                {
                    output.WriteLine($"ack {ack.Seq} {RejectCodes.Code(r.Code)} {r.Id} {r.Filled} {r.Remaining} end");
                    output.Flush();
                }
            }
        })).ToArray();
        await Task.WhenAll(tasks);
        return 0;
    }
}
