namespace CampTrading.Web.Announcements;

/// <summary>
/// Publishes scheduled announcements when their time arrives: sleeps until the earliest one is due (at most
/// <see cref="LongestSleep"/>, and wakes early when staff change the schedule). At start-up it publishes whatever fell due
/// while the app was down; the published marker in the database keeps every announcement from being raised twice.
/// </summary>
internal sealed class AnnouncementPublisher(AnnouncementService announcements, TimeProvider time, ILogger<AnnouncementPublisher> logger) : BackgroundService
{
    private static readonly TimeSpan LongestSleep = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ShortestSleep = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan AfterFailure = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var sleep = LongestSleep;
            try
            {
                await announcements.PublishDueAsync(stoppingToken);
                if (await announcements.NextDueAsync(stoppingToken) is { } next)
                    sleep = TimeSpan.FromTicks(Math.Clamp((next - time.GetUtcNow()).Ticks, ShortestSleep.Ticks, LongestSleep.Ticks));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Publishing scheduled announcements failed; retrying in {Delay}", AfterFailure);
                sleep = AfterFailure;
            }
            try
            {
                await announcements.WaitForScheduleChangeAsync(sleep, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
