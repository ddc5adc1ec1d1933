// Small DOM helpers for the trading page (Blazor calls them through IJSObjectReference).
export function scrollIntoView(element) {
  element?.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
}
