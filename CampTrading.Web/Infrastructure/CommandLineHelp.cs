using CampTrading.Web.Backup;
using CampTrading.Web.Identity.Staff;

namespace CampTrading.Web.Infrastructure;

/// <summary>
/// <c>dotnet run --project CampTrading.Web -- --help</c>: what the app can be asked to do from the command line. Answered before
/// anything is built, so asking for help starts no database and no server.
/// </summary>
public static class CommandLineHelp
{
    public static bool IsAsked(string[] args) => args is ["--help" or "-h" or "-?" or "help", ..];

    public static void Print(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine("""
            CampTrading: a virtual stock exchange for a student camp (README.md says everything below at length).

            Serve the camp (no arguments): dotnet run --project CampTrading.Web
              With no ConnectionStrings:CampTrading the app starts and manages its own PostgreSQL under .campdata/.

            One-shot commands (they use the database of the environment you run them in, then exit):
            """);
        output.WriteLine($"  {StaffAdminCommand.Forms}");
        output.WriteLine("      create the first staff admin, or set a new password; the password is printed once");
        output.WriteLine($"  {BackupCommand.Forms}");
        output.WriteLine("      write a consistent backup of the database, or replace the database with one (stop the app first)");
        output.WriteLine("""

            Settings come from appsettings.json, environment variables (Exchange__DevSignIn=false) or arguments
            (--Exchange:DevSignIn=false, --urls http://0.0.0.0:8080); README.md lists them under "Configuration".
            """);
    }
}
