namespace CampTrading.Web.Infrastructure;

/// <summary>
/// A start that cannot go on for a reason the organizer can fix (a port taken by another program), thrown while the host
/// is still being built. <see cref="StartupRefusal.SayInPlainWords"/> turns it into one line on standard error and exit
/// code 1, as <see cref="StartupChecks"/> does for wrong settings, instead of a stack trace and an abort (134).
/// </summary>
public sealed class StartupRefusedException(string reason) : InvalidOperationException(reason);

public static class StartupRefusal
{
    /// <summary>Call first in Program: from then on a <see cref="StartupRefusedException"/> ends the process in plain words.</summary>
    public static void SayInPlainWords() => AppDomain.CurrentDomain.UnhandledException += (_, e) =>
    {
        if (e.ExceptionObject is not StartupRefusedException refused) return;
        Console.Error.WriteLine("The app will not start: " + refused.Message);
        Environment.Exit(1);
    };
}
