using Microsoft.AspNetCore.Http.Metadata;

namespace CampTrading.Web.Infrastructure;

/// <summary>
/// Request body caps. Kestrel's default for every endpoint comes from <c>Kestrel:Limits:MaxRequestBodySize</c> (1 MB in
/// appsettings.json, instead of Kestrel's 30 MB); endpoints that take a small form say so with <see cref="WithFormBodyLimit{T}"/>
/// and refuse a larger body with 413 before reading it.
/// </summary>
public static class RequestBodyLimits
{
    /// <summary>A sign-in or setup form: names, a password, an antiforgery token, a return URL.</summary>
    public const long FormBytes = 16 * 1024;

    public static TBuilder WithFormBodyLimit<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new BodyLimit(FormBytes));

    private sealed class BodyLimit(long bytes) : IRequestSizeLimitMetadata
    {
        public long? MaxRequestBodySize => bytes;
    }
}
