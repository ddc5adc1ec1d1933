using CampTrading.Core.Engine;
using CampTrading.Web.Identity;
using CampTrading.Web.Infrastructure;
using CampTrading.Web.Qr;
using Microsoft.AspNetCore.Mvc;

namespace CampTrading.Web.Development;

/// <summary>
/// Test hook for the browser tests, only while <see cref="DevConveniences"/> are on (like /dev/signin-role):
/// a staff member allowed to generate QR codes creates one code (POST /dev/qr-codes, form fields value and uses) and
/// gets its text back, through the same <see cref="QrCodeService"/> the staff QR page uses. Answers 404 everywhere else.
/// </summary>
public static class DevQrCodes
{
    public static IEndpointRouteBuilder MapDevQrCodes(this IEndpointRouteBuilder dev)
    {
        dev.MapPost("/dev/qr-codes", async (HttpContext http, QrCodeService qrCodes, [FromForm] long? value, [FromForm] int? uses) =>
        {
            var actor = http.User.Identity?.Name ?? "dev";
            var batch = await qrCodes.CreateBatchAsync(1, value ?? 100, uses ?? 1, null, "dev test code", actor, http.RequestAborted);
            return batch.Result.IsOk ? Results.Text(batch.Codes[0]) : Results.BadRequest(RejectCodes.Code(batch.Result.Code));
        }).DisableAntiforgery().WithFormBodyLimit().RequireAuthorization(nameof(Permission.GenerateQrCode)).ExcludeFromDescription();
        return dev;
    }
}
