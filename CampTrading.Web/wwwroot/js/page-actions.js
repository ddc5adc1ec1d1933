// Buttons that act in the page without a circuit (print buttons), declared with data-action instead of inline onclick
// handlers, which the Content-Security-Policy forbids. The reconnect dialog's buttons and its automatic recovery live in
// js/reconnect.js.
document.addEventListener('click', function (event) {
    var target = event.target instanceof Element ? event.target.closest('[data-action]') : null;
    if (!target || target.closest('#components-reconnect-modal')) return;
    switch (target.getAttribute('data-action')) {
        case 'reload':
            location.reload();
            break;
        case 'print':
            window.print();
            break;
    }
});
