using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Localization;

namespace CampTrading.Web.Components.Localization;

/// <summary>
/// Resource lookups remembered per UI culture. The resources never change while the app runs, and a busy market renders
/// thousands of pages a second, each reading dozens of strings: ResourceManager's own lookup takes a lock per string and
/// became a point of contention (docs/decisions/0026-circuits-at-camp-scale.md).
/// </summary>
public sealed class CachedStringLocalizerFactory(ResourceManagerStringLocalizerFactory resources) : IStringLocalizerFactory
{
    private readonly ConcurrentDictionary<Type, IStringLocalizer> _byType = new();

    public IStringLocalizer Create(Type resourceSource) => _byType.GetOrAdd(resourceSource, type => new CachedStringLocalizer(resources.Create(type)));

    public IStringLocalizer Create(string baseName, string location) => new CachedStringLocalizer(resources.Create(baseName, location));
}

internal sealed class CachedStringLocalizer(IStringLocalizer inner) : IStringLocalizer
{
    private readonly ConcurrentDictionary<(string Culture, string Name), LocalizedString> _strings = new();

    public LocalizedString this[string name] =>
        _strings.GetOrAdd((CultureInfo.CurrentUICulture.Name, name), static (key, localizer) => localizer[key.Name], inner);

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var format = this[name];
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, format.Value, arguments), format.ResourceNotFound, format.SearchedLocation);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures);
}
