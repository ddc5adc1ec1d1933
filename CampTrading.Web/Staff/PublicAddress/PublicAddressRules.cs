using System.Net;

namespace CampTrading.Web.Staff.PublicAddress;

/// <summary>Whether phones can open an address: set, a well-formed http(s) base, and not this machine only.</summary>
public enum PublicAddressStatus { Unset, Invalid, Loopback, Ready }

/// <summary>An address as checked: <see cref="Address"/> is the normalised base (no trailing slash) when it is well formed.</summary>
public sealed record PublicAddressCheck(PublicAddressStatus Status, string? Address, string Problem)
{
    public bool CanPrint => Status == PublicAddressStatus.Ready;
}

/// <summary>
/// The rules of the camp's public address (the base of every printed QR code and bot link): an absolute http or https
/// URL, optionally with a base path (<c>https://camp.example.org/trade</c>), nothing else (no query, fragment or user).
/// A loopback host (127.0.0.0/8, ::1, localhost) or an unspecified one (0.0.0.0, ::) is flagged: phones cannot open it.
/// </summary>
public static class PublicAddressRules
{
    public const int MaxLength = 200;

    public static PublicAddressCheck Check(string? text)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
            return new(PublicAddressStatus.Unset, null, "尚未設定公開網址，手機無法開啟 QR Code。No public address is set: phones cannot open the QR codes.");
        if (trimmed.Length > MaxLength)
            return Invalid($"網址太長（上限 {MaxLength} 字）。The address is too long (at most {MaxLength} characters).");
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            return Invalid("請輸入完整網址，例如 http://192.168.1.20:8080。Enter a full http or https address, e.g. http://192.168.1.20:8080.");
        if (uri.UserInfo.Length > 0 || uri.Query.Length > 0 || uri.Fragment.Length > 0 || trimmed.Contains('?') || trimmed.Contains('#')
            || uri.Host.Length == 0 || trimmed.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            return Invalid("只能有主機、連接埠與路徑，不能有帳號、? 或 #。Only a host, port and base path: no user, query or fragment.");
        var path = uri.AbsolutePath.TrimEnd('/');
        var address = $"{uri.Scheme}://{uri.Authority}{path}";
        return IsLoopback(uri)
            ? new(PublicAddressStatus.Loopback, address, $"{address} 只有這台電腦能開，手機無法開啟。Only this computer can open {address}: phones cannot.")
            : new(PublicAddressStatus.Ready, address, "");
    }

    /// <summary>True for a host only this machine can reach: localhost (and *.localhost), 127.0.0.0/8, ::1, 0.0.0.0 and ::.</summary>
    public static bool IsLoopback(Uri uri)
    {
        var host = uri.IdnHost.Trim('[', ']');
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)) return true;
        return IPAddress.TryParse(host, out var ip)
            && (IPAddress.IsLoopback(ip) || ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any)
                || (ip.IsIPv4MappedToIPv6 && IPAddress.IsLoopback(ip.MapToIPv4())));
    }

    private static PublicAddressCheck Invalid(string problem) => new(PublicAddressStatus.Invalid, null, problem);
}
