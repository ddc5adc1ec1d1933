using CampTrading.LoadDriver;
using CampTrading.LoadDriver.Circuits;

// Durable-path load, crash and recovery drivers. See docs/BENCHMARKS.md for how each is run.
// Background work (snapshots) must not starve the sequencer of thread-pool threads on small machines.
ThreadPool.SetMinThreads(Math.Max(64, Environment.ProcessorCount * 8), Math.Max(64, Environment.ProcessorCount * 8));
var arguments = Arguments.Parse(args.Skip(1));
return args.FirstOrDefault() switch
{
    "durable" => await DurableLoad.RunAsync(arguments),
    "crash-child" => await CrashChild.RunAsync(arguments),
    "recovery" => await RecoveryTiming.RunAsync(arguments),
    "student-search" => await StudentSearchTiming.RunAsync(arguments),
    "api-latency" => await ApiLatency.RunAsync(arguments),
    "stream-fanout" => await StreamFanout.RunAsync(arguments),
    "browser-latency" => await BrowserLatency.RunAsync(arguments),
    "arcade-serve" => await ArcadeServe.RunAsync(arguments),
    "circuits" => await CircuitLoad.RunAsync(arguments),
    "circuit-clients" => await CircuitCrowd.RunAsync(arguments),
    "circuits-restart" => await CircuitRestart.RunAsync(arguments),
    "serve" => await Serve.RunAsync(arguments),
    "soak" => await Soak.RunAsync(arguments),
    "feed-sample" => await FeedSample.RunAsync(arguments),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: CampTrading.LoadDriver <mode> --conn <connection string> [options]
          durable      --seconds 10 --workers 256 --rate 5000   group-commit throughput and latency at an offered rate
          crash-child  --workers 32 --snapshot-every 500 [--mix every-kind]  submits forever, printing "ack <seq> <code>" per acknowledged command
          soak --cycles 100 [--pg-kills 20 --pg-data DIR --pg-bin DIR]  SIGKILLs crash children (and PostgreSQL) under load, then checks nothing acknowledged is lost
          recovery     --commands 1000000                       builds a journal and times start-up with and without a snapshot
          student-search --students 10000                       fills the roster and times the staff console's searches
          api-latency --clients 1,8,64 --orders 2000            starts the app on a fresh database, times POST /api/v1/orders (limits raised)
          stream-fanout --subscribers 1000 --rate 200 --seconds 20  starts the app, makes trades at the rate, times their delivery to every WebSocket subscriber
          browser-latency --trades 100 --gap-ms 300              starts the app, makes trades one at a time, times each until it shows in two Chromium phones' tape
          circuits --circuits 500,1000,2000,5000 --rate 200 --seconds 30  starts the app; per level a child process opens that many Blazor circuits (no browser) and times trade → rendered
          circuits-restart --circuits 1000                      opens that many circuits, restarts the app on the same port, times every circuit's reload onto the new server
          serve --port 0                                         starts the app on a loopback port (0: a free one), prints "listening <url>", stops when stdin closes
          arcade-serve --students 200                             starts the app with one arcade machine and funded students for wrk (scripts/arcade-load.sh)
          feed-sample --out <file> --seed 14 --minutes 30       writes the deterministic BTCUSDT/ETHUSDT recording the replay feed ships with
        """);
    return 2;
}
