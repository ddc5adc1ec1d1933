// Copies text to the clipboard (the API token page's copy button); a JS module, imported by the component that needs it.
export function copyText(text) {
    if (!navigator.clipboard) return Promise.resolve(false);
    return navigator.clipboard.writeText(text).then(function () { return true; }, function () { return false; });
}
