namespace CampTrading.Web.Notifications;

/// <summary>Text of the web notifications (toasts): <c>IStringLocalizer&lt;NotificationText&gt;</c>.</summary>
public sealed class NotificationText;
