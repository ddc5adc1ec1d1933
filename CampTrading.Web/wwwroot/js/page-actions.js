// Buttons that act in the page without a circuit (the reconnect dialog, print buttons), declared with data-action instead of
// inline onclick handlers, which the Content-Security-Policy forbids.
document.addEventListener('click', function (event) {
    var target = event.target instanceof Element ? event.target.closest('[data-action]') : null;
    if (!target) return;
    switch (target.getAttribute('data-action')) {
        case 'reconnect':
            Blazor.reconnect().then(function (ok) { if (!ok) location.reload(); });
            break;
        case 'reload':
            location.reload();
            break;
        case 'print':
            window.print();
            break;
    }
});

// Screens nobody touches (the projector board): a CSS animation that runs only in the reconnect dialog's failed or rejected
// state asks for a retry on every iteration, or a reload at its start (see ReconnectModal's Unattended parameter).
document.addEventListener('animationiteration', function (event) {
    if (event.target instanceof Element && event.target.getAttribute('data-auto') === 'retry')
        Blazor.reconnect().then(function (ok) { if (!ok) location.reload(); });
});
document.addEventListener('animationstart', function (event) {
    if (event.target instanceof Element && event.target.getAttribute('data-auto') === 'reload') location.reload();
});
