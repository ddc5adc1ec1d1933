using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Core.Market;
using CampTrading.Tests.Support;
using CampTrading.Web.Exchange;
using CampTrading.Web.Roster;
using CampTrading.Web.TradingApi;
using CampTrading.Web.TradingApi.Stream;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;

namespace CampTrading.Tests.TradingApi;

/// <summary>
/// The whole app on Kestrel (a real TCP port, so real WebSockets) on a fresh database, with the market open. With
/// <c>smallSocketBuffers</c> the server's socket send buffer and Kestrel's response buffer are a few KB, so a client that
/// stops reading fills them (and then its stream's queue) after a few hundred messages instead of megabytes.
/// </summary>
internal sealed class StreamTestHost : IAsyncDisposable
{
    private readonly CampAppFactory _factory;

    private StreamTestHost(CampAppFactory factory, Uri address)
    {
        _factory = factory;
        Address = address;
        Http = new HttpClient { BaseAddress = address };
    }

    public Uri Address { get; }
    public HttpClient Http { get; }
    public IServiceProvider Services => _factory.Services;
    public ExchangeService Exchange => Services.GetRequiredService<ExchangeService>();
    public StreamHub Hub => Services.GetRequiredService<StreamHub>();
    public StreamMetrics Metrics => Services.GetRequiredService<StreamMetrics>();

    public static async Task<StreamTestHost> StartAsync(PostgresFixture postgres, bool smallSocketBuffers = false, params (string Key, string Value)[] settings)
    {
        var factory = new CampAppFactory(await postgres.CreateDatabaseAsync("stream"), configure: b =>
        {
            foreach (var (key, value) in settings) b.UseSetting(key, value);
            if (!smallSocketBuffers) return;
            b.ConfigureKestrel(kestrel => kestrel.Limits.MaxResponseBufferSize = 4_096);
            b.ConfigureServices(services => services.Configure<SocketTransportOptions>(o => o.CreateBoundListenSocket = endpoint =>
            {
                var socket = SocketTransportOptions.CreateDefaultBoundListenSocket(endpoint);
                socket.SendBufferSize = 4_096; // accepted sockets inherit it (and it stops the kernel growing it)
                return socket;
            }));
        });
        factory.UseKestrel(0);
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal)))
            .First(a => a.Scheme == "http");
        var host = new StreamTestHost(factory, address);
        Assert.True((await host.Exchange.SubmitAsync(new SetMarketOverride(MarketOverride.ForceOpen, "test"))).IsOk);
        await WaitForAsync(() => host.Exchange.Market.Status.Session == SessionState.Open);
        return host;
    }

    public async Task<Student> AddStudentAsync(string id, string name, long points)
    {
        var applied = await Services.GetRequiredService<RosterImporter>().ApplyAsync(Encoding.UTF8.GetBytes($"id,name,team\n{id},{name},Blue\n"), "test-admin");
        Assert.Empty(applied.Failed);
        var student = (await Services.GetRequiredService<StudentStore>().FindByExternalIdAsync(id))!;
        Assert.True((await Exchange.SubmitAsync(new Grant(student.AccountId, Assets.Points, points, "start", "test"))).IsOk);
        await WaitForAsync(() => Exchange.Market.Account(student.AccountId)?.Points == points);
        return student;
    }

    public async Task<CreatedToken> TokenAsync(Student student, ApiScopes scopes = ApiScopes.Read | ApiScopes.Trade)
    {
        var created = await Services.GetRequiredService<ApiTokenService>().CreateAsync(student.AccountId, "bot", scopes, null);
        Assert.True(created.Ok, created.Refusal.ToString());
        return created;
    }

    public async Task<JsonElement> OrderAsync(string token, object order)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders") { Content = new StringContent(JsonSerializer.Serialize(order), Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(new Uri(path, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public Task<StreamTestClient> ConnectAsync(string? bearer = null, int? receiveBufferBytes = null) =>
        StreamTestClient.ConnectAsync(new Uri(Address, "/api/v1/stream"), bearer, receiveBufferBytes);

    /// <summary>Waits for something the stream will do; a wait, never a measure of speed, so it allows a CI box busy with the browser tests 30 s.</summary>
    public static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 1_200 && !condition(); i++) await Task.Delay(25);
        Assert.True(condition());
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _factory.DisposeAsync();
    }
}

/// <summary>A WebSocket client of the stream as a bot would write it: JSON ops out, JSON messages in, the close code at the end.</summary>
internal sealed class StreamTestClient : IAsyncDisposable
{
    /// <summary>Only against a hang: a missing message fails the test after this, it never measures anything.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly ClientWebSocket _socket;
    private readonly HttpMessageInvoker _invoker;

    private StreamTestClient(ClientWebSocket socket, HttpMessageInvoker invoker) => (_socket, _invoker) = (socket, invoker);

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;
    public string? CloseReason => _socket.CloseStatusDescription;

    public static async Task<StreamTestClient> ConnectAsync(Uri http, string? bearer, int? receiveBufferBytes)
    {
        var handler = new SocketsHttpHandler();
        if (receiveBufferBytes is { } size)
            handler.ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = size, NoDelay = true };
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            };
        var invoker = new HttpMessageInvoker(handler);
        var client = new ClientWebSocket();
        if (bearer is not null) client.Options.SetRequestHeader("Authorization", "Bearer " + bearer);
        await client.ConnectAsync(new UriBuilder(http) { Scheme = "ws" }.Uri, invoker, CancellationToken.None);
        return new StreamTestClient(client, invoker);
    }

    public Task ChannelsOpAsync(string op, long id, params string[] channels) => SendAsync(new { op, id, channels });

    public Task SendAsync(object op) => SendTextAsync(JsonSerializer.Serialize(op));

    public Task SendTextAsync(string text) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>The next message, or null once the server closed the stream.</summary>
    public async Task<JsonElement?> ReceiveAsync()
    {
        using var patience = new CancellationTokenSource(Patience);
        var buffer = new byte[64 * 1024];
        var text = new MemoryStream();
        while (true)
        {
            WebSocketReceiveResult result;
            try
            {
                result = await _socket.ReceiveAsync(buffer, patience.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException("No stream message within " + Patience);
            }
            if (result.MessageType == WebSocketMessageType.Close)
            {
                if (_socket.State == WebSocketState.CloseReceived) await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
                return null;
            }
            text.Write(buffer, 0, result.Count);
            if (result.EndOfMessage) return JsonDocument.Parse(text.ToArray()).RootElement.Clone();
        }
    }

    /// <summary>Reads on until a message of this type (on this channel, if given) that matches; earlier ones go to <paramref name="seen"/>.</summary>
    public async Task<JsonElement> NextAsync(string type, string? channel = null, Func<JsonElement, bool>? match = null, List<JsonElement>? seen = null)
    {
        while (true)
        {
            var message = await ReceiveAsync() ?? throw new Xunit.Sdk.XunitException($"The stream closed ({CloseStatus} {CloseReason}) while waiting for {type} {channel}.");
            if (message.GetProperty("type").GetString() == type
                && (channel is null || (message.TryGetProperty("channel", out var c) && c.GetString() == channel))
                && (match is null || match(message)))
                return message;
            seen?.Add(message);
        }
    }

    /// <summary>Reads (and drops) everything until the server closes; the close code and reason.</summary>
    public async Task<(int Code, string? Reason)> ClosedAsync()
    {
        while (await ReceiveAsync() is not null)
        {
        }
        return ((int)CloseStatus!.Value, CloseReason);
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Abort();
        _socket.Dispose();
        _invoker.Dispose();
        await Task.CompletedTask;
    }
}

/// <summary>An order book rebuilt from a <c>book</c> snapshot and <c>bookUpdate</c> messages, as a client keeps it.</summary>
internal sealed class ClientBook
{
    public SortedDictionary<long, long> Bids { get; } = new(Comparer<long>.Create((a, b) => b.CompareTo(a)));
    public SortedDictionary<long, long> Asks { get; } = [];
    public long Seq { get; private set; }
    public int Gaps { get; private set; }

    /// <summary>Applies a message; false when an update does not follow the last seq (a gap: ask for a snapshot).</summary>
    public bool Apply(JsonElement message)
    {
        var seq = message.GetProperty("seq").GetInt64();
        if (message.GetProperty("type").GetString() == "book")
        {
            Bids.Clear();
            Asks.Clear();
        }
        else if (seq != Seq + 1)
        {
            Gaps++;
            return false;
        }
        Seq = seq;
        Levels(message.GetProperty("bids"), Bids);
        Levels(message.GetProperty("asks"), Asks);
        return true;
    }

    private static void Levels(JsonElement levels, SortedDictionary<long, long> side)
    {
        foreach (var level in levels.EnumerateArray())
        {
            var (price, quantity) = (level[0].GetInt64(), level[1].GetInt64());
            if (quantity == 0) side.Remove(price);
            else side[price] = quantity;
        }
    }

    /// <summary>Same levels as a REST <c>/book</c> answer.</summary>
    public bool Matches(JsonElement rest) =>
        Same(Bids, rest.GetProperty("bids")) && Same(Asks, rest.GetProperty("asks"));

    private static bool Same(SortedDictionary<long, long> side, JsonElement levels) =>
        side.Select(l => (l.Key, l.Value)).SequenceEqual(levels.EnumerateArray().Select(l => (l.GetProperty("price").GetInt64(), l.GetProperty("quantity").GetInt64())));

    public override string ToString() => $"seq {Seq} bids [{string.Join(' ', Bids.Select(l => $"{l.Key}x{l.Value}"))}] asks [{string.Join(' ', Asks.Select(l => $"{l.Key}x{l.Value}"))}]";
}
