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
