// Small DOM helpers for the trading page (Blazor calls them through IJSObjectReference).
export function scrollIntoView(element) {
  element?.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
}

// Focuses the first element inside `root` matching `selector` (e.g. the submit button after a dialog closes).
export function focusIn(root, selector) {
  root?.querySelector(selector)?.focus();
}
