using System.Diagnostics;
using System.Globalization;

namespace CampTrading.LoadDriver.Circuits;

/// <summary>
/// A server restart with phones open: the app in a child process on a fresh database, another child holding N circuits
/// (<see cref="CircuitCrowd"/>); the app is stopped as a deployment stops it and a new process started on the same port and
/// database, cold, as after a real restart, and every circuit comes back as a phone's reconnect script makes it: reload
/// the page, start a new circuit. Reports the restart's own time and each circuit's time from its drop to its first
/// render on the new server.
/// </summary>
internal static class CircuitRestart
{
    public static async Task<int> RunAsync(Arguments args)
    {
        var circuits = args.Int("circuits", 1_000);
        var students = args.Int("students", 200);
        var app = DriverChild.App(args.Connection, port: 0);
        try
        {
            var baseAddress = new Uri((await app.ReadLineAsync("listening")).Split(' ')[1]);
            app.EchoTheRest();
            using var crowd = DriverChild.Crowd(baseAddress, circuits, students);
            var ready = (await crowd.ReadLineAsync("ready")).Split(' ');
            Console.WriteLine($"circuit restart: {ready[1]} circuits open (½ /trade, ¼ /, ¼ /board), opened in {ready[3]} s; restarting the app");

            var clock = Stopwatch.StartNew();
            await app.StopAsync();
            var stopped = clock.Elapsed;
            app.Dispose();
            app = DriverChild.App(args.Connection, baseAddress.Port);
            await app.ReadLineAsync("listening");
            var started = clock.Elapsed;
            app.EchoTheRest();
            await crowd.SendAsync("restarted");
            var report = (await crowd.ReadLineAsync("reopened")).Split(' ');
            await crowd.SendAsync("end");
            await crowd.ReadLineAsync("result");
            await crowd.WaitForExitAsync();

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"app stopped in {stopped.TotalSeconds:F1} s, the new process listening {(started - stopped).TotalSeconds:F1} s later"));
            Console.WriteLine($"reopened {report[1]} of {report[3]} dropped circuits ({report[5]} gave up); drop → first render on the new server p50 {report[7]} s, p99 {report[9]} s, max {report[11]} s; all back {report[13]} s after the first drop");
            return report[1] == ready[1] && report[5] == "0" ? 0 : 1;
        }
        finally
        {
            await app.StopQuietlyAsync();
        }
    }
}
