namespace CampTrading.Web.Identity.Staff;

/// <summary>A staff member to create, as the users page's form validated it.</summary>
public sealed record NewStaffUser(string UserName, string? DisplayName, string Role);
