using System.Buffers;
using System.Text;

namespace CampTrading.Web.TradingApi.Stream;

/// <summary>A Server-Sent Events stream (public channels only): each message as <c>event: type</c> + <c>data: json</c>, a comment line when idle.</summary>
public sealed class SseStreamConnection(HttpResponse response, int capacity, string address, StreamMetrics metrics, TimeSpan keepAlive)
    : StreamConnection(capacity, address)
{
    private const int FlushEvery = 64;
    private static readonly byte[] KeepAlive = ": keep-alive\n\n"u8.ToArray();
    private static readonly byte[] Event = "event: "u8.ToArray();
    private static readonly byte[] Data = "\ndata: "u8.ToArray();
    private static readonly byte[] End = "\n\n"u8.ToArray();

    public async Task RunAsync(CancellationToken aborted)
    {
        var body = response.BodyWriter;
        try
        {
            while (true)
            {
                bool more;
                using (var wait = CancellationTokenSource.CreateLinkedTokenSource(aborted))
                {
                    wait.CancelAfter(keepAlive);
                    try
                    {
                        more = await Outbound.WaitToReadAsync(wait.Token);
                    }
                    catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
                    {
                        body.Write(KeepAlive);
                        await body.FlushAsync(aborted);
                        continue;
                    }
                }
                if (!more) return;
                var written = 0;
                while (written < FlushEvery && Outbound.TryRead(out var message))
                {
                    if (IsClosing && !DrainBeforeClose) return;
                    body.Write(Event);
                    body.Write(Encoding.ASCII.GetBytes(message.Type));
                    body.Write(Data);
                    body.Write(message.Utf8.Span);
                    body.Write(End);
                    written++;
                }
                await body.FlushAsync(aborted);
                metrics.Sent(written);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // the client went away
        }
    }
}
