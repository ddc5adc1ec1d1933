// Clocks and countdowns that move in the browser, so that a page showing one costs the server nothing each second
// (BrowserTicks.cs draws them). The server renders each with its text as of the render; this script advances it once a
// second from the page's clock, corrected by the server's time at the render (data-now), so a phone whose clock is off
// still counts down to the right moment.
//   data-tick="clock"          data-zone="Asia/Taipei"   → HH:mm:ss in the camp's time zone
//   data-tick="countdown"      data-to="<unix ms>"       → h:mm:ss or mm:ss left, whole seconds cut off, never negative
//   data-tick="countdown-up"   data-to="<unix ms>"       → the same, whole seconds rounded up (00:00 only at the moment)
(function () {
    var clockFormats = {};

    function two(n) { return n < 10 ? '0' + n : String(n); }

    function clockText(zone, now) {
        var format = clockFormats[zone];
        if (!format) {
            format = clockFormats[zone] = new Intl.DateTimeFormat('en-GB', {
                timeZone: zone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23'
            });
        }
        return format.format(now);
    }

    function countdownText(leftMs, roundUp) {
        var seconds = Math.max(0, roundUp ? Math.ceil(leftMs / 1000) : Math.floor(leftMs / 1000));
        var h = Math.floor(seconds / 3600), m = Math.floor(seconds / 60) % 60, s = seconds % 60;
        return h > 0 ? h + ':' + two(m) + ':' + two(s) : two(m) + ':' + two(s);
    }

    // The server's time at the render minus the page's time when the render arrived, remembered per rendered stamp.
    function skew(element, pageNow) {
        var stamp = element.getAttribute('data-now');
        if (element.__tickStamp !== stamp) {
            element.__tickStamp = stamp;
            element.__tickSkew = stamp ? Number(stamp) - pageNow : 0;
        }
        return element.__tickSkew;
    }

    function text(element, pageNow) {
        var now = pageNow + skew(element, pageNow);
        switch (element.getAttribute('data-tick')) {
            case 'clock':
                var zone = element.getAttribute('data-zone');
                return zone ? clockText(zone, now) : null;
            case 'countdown': return countdownText(Number(element.getAttribute('data-to')) - now, false);
            case 'countdown-up': return countdownText(Number(element.getAttribute('data-to')) - now, true);
            default: return null;
        }
    }

    function tick() {
        var pageNow = Date.now();
        var elements = document.querySelectorAll('[data-tick]');
        for (var i = 0; i < elements.length; i++) {
            try {
                var next = text(elements[i], pageNow);
                if (next !== null && elements[i].textContent !== next) elements[i].textContent = next;
            } catch (e) {
                // An unknown time zone leaves the server's text as it is.
            }
        }
        setTimeout(tick, 1000 - (Date.now() % 1000) + 10); // just after each whole second
    }

    tick();
})();
