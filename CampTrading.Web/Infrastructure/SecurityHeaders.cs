using System.Security.Cryptography;

namespace CampTrading.Web.Infrastructure;

/// <summary>
/// Response headers on every response: a Content-Security-Policy fit for Blazor Server (scripts from this site plus the one
/// inline bootstrap script and import map carrying this response's nonce, the Telegram login widget from telegram.org, the
/// circuit's WebSocket to this host), no framing, nosniff, no referrer leaving the site, and HSTS when the request is HTTPS.
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "camp.csp-nonce";

    /// <summary>This response's CSP nonce, for inline script elements (<c>nonce="@SecurityHeaders.Nonce(HttpContext)"</c>).</summary>
    public static string? Nonce(HttpContext? http) => http?.Items[NonceKey] as string;

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use((http, next) =>
        {
            var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)); // hex: nothing to escape in a header or an attribute
            http.Items[NonceKey] = nonce;
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                headers.ContentSecurityPolicy = Policy(nonce, http.Request.Host.HasValue ? http.Request.Host.Value : null);
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                // Login links carry one-time secrets in the path: no referrer at all from there; elsewhere only the origin leaves the site.
                headers["Referrer-Policy"] = http.Request.Path.StartsWithSegments("/login") ? "no-referrer" : "strict-origin-when-cross-origin";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(self), microphone=(), geolocation=(), payment=()";
                if (http.Request.IsHttps) headers.StrictTransportSecurity = "max-age=31536000";
                return Task.CompletedTask;
            });
            return next(http);
        });
        return app;
    }

    private static string Policy(string nonce, string? host)
    {
        // Older Safari does not count ws:/wss: of the page's own host as 'self'; name them when the host is a plain host[:port].
        var sockets = host is not null && IsPlainHost(host) ? $" ws://{host} wss://{host}" : "";
        return "default-src 'self'; " +
               $"script-src 'self' 'nonce-{nonce}' https://telegram.org; " +
               "style-src 'self' 'unsafe-inline'; " +
               "img-src 'self' data: blob: https://telegram.org https://t.me; " +
               "font-src 'self' data:; " +
               $"connect-src 'self'{sockets}; " +
               "media-src 'self' blob:; " +
               "frame-src https://oauth.telegram.org; " +
               "worker-src 'self' blob:; " +
               "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    }

    private static bool IsPlainHost(string host)
    {
        foreach (var c in host)
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or ':' or '[' or ']')) return false;
        return host.Length <= 255;
    }
}
