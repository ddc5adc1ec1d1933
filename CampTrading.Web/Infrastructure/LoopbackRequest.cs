using System.Net;

namespace CampTrading.Web.Infrastructure;

/// <summary>
/// A request made on this machine: the TCP peer is a loopback address and no proxy header says it was passed on for someone
/// else (a reverse proxy on the same machine makes every camper's request come from loopback).
/// </summary>
public static class LoopbackRequest
{
    public static bool IsLoopback(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip)
            && !http.Request.Headers.ContainsKey("X-Forwarded-For")
            && !http.Request.Headers.ContainsKey("X-Original-For")
            && !http.Request.Headers.ContainsKey("Forwarded")
            && !http.Request.Headers.ContainsKey("X-Real-IP");
    }
}
