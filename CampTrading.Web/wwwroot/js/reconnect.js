// What every screen does when its Blazor circuit drops (phones and the unattended projector board alike). blazor.web.js
// (.NET 10) raises components-reconnect-state-changed on the reconnect dialog (Components/Layout/ReconnectModal.razor):
//   show / retrying  it is retrying by itself: nothing to do.
//   paused           the circuit was paused and its state saved on the server: resume it (when the page is visible).
//   failed           its retries ran out (the server or the Wi-Fi is still away): keep trying every 10 seconds, and at once
//                    when the phone comes back to the page or online.
//   rejected         the server no longer knows the circuit and could not resume it (it restarted): reload.
//   resume-failed    resuming failed: reload.
// So after a server restart the phones reconnect and reload by themselves, without a tap.
// The event does not bubble: listen in the capture phase on the document, so a re-rendered dialog is still heard.
(function () {
    'use strict';
    var RETRY_EVERY_MS = 10000;
    var RESUME_EVERY_MS = 2000;
    var timer = null;
    var busy = false;

    function modal() { return document.getElementById('components-reconnect-modal'); }

    function stopRetrying() {
        if (timer !== null) { clearInterval(timer); timer = null; }
    }

    function reload() {
        stopRetrying();
        location.reload();
    }

    // Reconnect to the same circuit; if the server forgot it, resume it from its saved state; if that fails too, reload.
    function retry() {
        if (busy || document.visibilityState === 'hidden') return;
        busy = true;
        Promise.resolve()
            .then(function () { return Blazor.reconnect(); })
            .then(function (ok) { return ok || Blazor.resumeCircuit(); })
            .then(function (ok) { if (ok) stopRetrying(); else reload(); })
            .catch(function () { /* still unreachable: the next tick tries again */ })
            .then(function () { busy = false; });
    }

    // Resume a paused circuit from its saved state. "false" also means "still pausing" (Blazor.pauseCircuit raises the event
    // before the server has saved the state), so a few answers of false in a row are needed before the page reloads.
    var refusals = 0;
    function resume() {
        if (busy || document.visibilityState === 'hidden') return;
        busy = true;
        Promise.resolve()
            .then(function () { return Blazor.resumeCircuit(); })
            .then(function (ok) {
                if (ok) { refusals = 0; stopRetrying(); }
                else if (++refusals >= 3) reload();
            })
            .catch(function () {
                // The server is unreachable: say so (the reload button shows) and keep trying; reloading now would only
                // leave the browser's own error page, which never recovers by itself.
                var m = modal();
                if (m) m.classList.replace('components-reconnect-paused', 'components-reconnect-resume-failed');
            })
            .then(function () { busy = false; });
    }

    function keepTrying(action, every) {
        stopRetrying();
        timer = setInterval(action, every || RETRY_EVERY_MS);
    }

    var current = null;
    document.addEventListener('components-reconnect-state-changed', function (event) {
        var state = event.detail && event.detail.state;
        current = state;
        switch (state) {
            case 'hide':
                stopRetrying();
                break;
            case 'paused':
                refusals = 0;
                setTimeout(resume, 500);
                keepTrying(resume, RESUME_EVERY_MS);
                break;
            case 'failed':
                keepTrying(retry);
                break;
            case 'rejected':
            case 'resume-failed':
                reload();
                break;
        }
    }, true);

    function again() {
        if (current === 'failed') retry();
        else if (current === 'paused') resume();
    }
    document.addEventListener('visibilitychange', function () { if (document.visibilityState === 'visible') again(); });
    window.addEventListener('online', again);

    // The dialog's buttons, for whoever is quicker than the timer.
    document.addEventListener('click', function (event) {
        var target = event.target instanceof Element ? event.target.closest('#components-reconnect-modal [data-action]') : null;
        if (!target) return;
        switch (target.getAttribute('data-action')) {
            case 'reconnect': retry(); break;
            case 'resume': resume(); break;
            case 'reload': reload(); break;
        }
    });
})();
