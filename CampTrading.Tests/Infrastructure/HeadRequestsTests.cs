using System.Net.Sockets;
using System.Text;
using CampTrading.Tests.Support;

namespace CampTrading.Tests.Infrastructure;

/// <summary>
/// Uptime monitors ask with HEAD: pages, the health check and the public API answer it as they answer GET, with no body
/// bytes on the wire (the real server, read from the socket).
/// </summary>
public sealed class HeadRequestsTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Head_is_answered_as_get_without_a_body()
    {
        await using var app = AppProcess.Start(await postgres.CreateDatabaseAsync("head"));
        await app.WaitForHealthAsync("ok", TimeSpan.FromSeconds(90)); // the deadline only ends a hung start

        foreach (var (path, status) in new[] { ("/board", "200"), ("/healthz", "200"), ("/api/v1/instruments", "200"), ("/trade", "302"), ("/no-such-page", "404") })
        {
            var (head, body) = await HeadAsync(app.BaseUrl, path);
            Assert.True(head.StartsWith($"HTTP/1.1 {status} ", StringComparison.Ordinal), $"HEAD {path}:\n{head}");
            Assert.True(body == 0, $"HEAD {path} sent {body} body bytes");
        }
    }

    private static async Task<(string Head, int BodyBytes)> HeadAsync(Uri baseUrl, string path)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(baseUrl.Host, baseUrl.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"HEAD {path} HTTP/1.1\r\nHost: {baseUrl.Authority}\r\nConnection: close\r\n\r\n"));
        using var received = new MemoryStream();
        await stream.CopyToAsync(received).WaitAsync(TimeSpan.FromSeconds(30));
        var text = Encoding.UTF8.GetString(received.ToArray());
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        return end < 0 ? (text, 0) : (text[..end], Encoding.UTF8.GetByteCount(text[(end + 4)..]));
    }
}
