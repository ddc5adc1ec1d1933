using CampTrading.Core.ReadModels;
using CampTrading.Web.Identity;
using CampTrading.Web.Trading;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace CampTrading.Web.Components;

/// <summary>
/// Base of the student pages: the signed-in student's account (from the sign-in claim), live market updates
/// (<see cref="MarketComponent"/>) and the <c>data-interactive</c> flag tests wait for once event handlers are live.
/// </summary>
public abstract class StudentPage : MarketComponent
{
    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected int? AccountId { get; private set; }

    protected AccountView? Account => AccountId is int id ? Market.Account(id) : null;

    /// <summary>Set after the first interactive render: event handlers work from here on.</summary>
    protected bool Interactive { get; private set; }

    protected string? InteractiveFlag => Interactive ? "true" : null;

    protected System.Security.Claims.ClaimsPrincipal User { get; private set; } = new();

    protected override async Task OnInitializedAsync()
    {
        User = (await AuthenticationState).User;
        AccountId = CampClaims.AccountIdOf(User);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || !RendererInfo.IsInteractive) return;
        Interactive = true;
        await OnFirstInteractiveRenderAsync();
        StateHasChanged();
    }

    /// <summary>Runs once, after the first interactive render (never during prerendering).</summary>
    protected virtual Task OnFirstInteractiveRenderAsync() => Task.CompletedTask;
}
