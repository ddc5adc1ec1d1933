namespace CampTrading.Web.Identity;

/// <summary>Where a signed-out visitor is sent to sign in: the staff console's pages to the staff sign-in, everything else to the students'.</summary>
public static class SignInPaths
{
    public const string Student = "/signin";
    public const string Staff = "/staff/signin";

    /// <param name="localPath">The page asked for, from the site's root (<c>/staff/students?page=2</c>).</param>
    public static string For(string localPath) =>
        new PathString(localPath.Split('?', '#')[0]).StartsWithSegments("/staff", StringComparison.OrdinalIgnoreCase) ? Staff : Student;

    /// <summary>The sign-in page for <paramref name="localPath"/>, which it returns to once signed in.</summary>
    public static string ReturningTo(string localPath) => $"{For(localPath)}?returnUrl={Uri.EscapeDataString(localPath)}";
}
