using System.Globalization;
using CampTrading.Web.Components.Localization;
using CampTrading.Web.Trading;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CampTrading.ComponentTests.Components;

/// <summary>Remembered resource lookups still answer per UI culture and format their arguments in the page's culture.</summary>
public sealed class CachedStringLocalizerTests
{
    private static IStringLocalizer Localizer() =>
        new CachedStringLocalizerFactory(new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance))
            .Create(typeof(TradingText));

    [Fact]
    public void Each_culture_gets_its_own_text_and_arguments_are_formatted()
    {
        var localizer = Localizer();
        var (ui, culture) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("zh-TW");
            Assert.Equal("限價", localizer["Limit"].Value);
            Assert.Equal("3 股", localizer["SharesAmount", 3].Value);
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("en");
            Assert.Equal("Limit", localizer["Limit"].Value);
            Assert.Equal("3 sh", localizer["SharesAmount", 3].Value);
            CultureInfo.CurrentUICulture = new CultureInfo("zh-TW");
            Assert.Equal("限價", localizer["Limit"].Value); // the first culture's answer, remembered, is still its own
            Assert.True(localizer["NoSuchKey"].ResourceNotFound);
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, culture);
        }
    }
}
