/* borders: the timeline, a bar along the bottom of the map. On each day, each layer draws only its
   features valid then: valid_from <= day < valid_to (an open end when missing). The day can be
   typed (YYYY-MM-DD), dragged on the slider, stepped from one change to the next, chosen from the
   list of changes, or played: Play steps through the changes, one every 1.5 seconds, until Stop.
   options: {first, last, start: ISO dates (the slider's range; the day shown first),
             events: [{date, began: [names], ended: [names]}] (names are plain text, set as text)}
   Sets window.bordersShowDate(isoDate) (false for a day it cannot show) and borders.currentDate();
   the map fires 'borders:date' with {date}. */
(function (borders) {
    var MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
                  'October', 'November', 'December'];
    var DAY = 86400000, PLAY_MS = 1500;

    /* 1920-08-01 -> "1 August 1920" */
    borders.longDate = function (d) {
        return Number(d.slice(8, 10)) + ' ' + MONTHS[Number(d.slice(5, 7)) - 1] + ' ' + d.slice(0, 4);
    };

    function valid(p, d) { return (!p.valid_from || p.valid_from <= d) && (!p.valid_to || d < p.valid_to); }

    function list(names) {  // "A", "A and B", "A, B and C"
        return names.length < 2 ? names.join('') : names.slice(0, -1).join(', ') + ' and ' + names[names.length - 1];
    }

    /* One sentence: "A and B begin." / "A ended." */
    function sentence(names, now, one, many) {
        return names.length ? list(names) + ' ' + (names.length > 1 ? many : one)[now ? 0 : 1] + '.' : '';
    }

    /* What the caption says on day d: what began and ended on that day, or on the change before it. */
    borders.caption = function (events, d) {
        var past = events.filter(function (e) { return e.date <= d; });
        if (!past.length) {
            return events.length ? 'Before ' + borders.longDate(events[0].date) + ', when the first of these begins.'
                : '';
        }
        var e = past[past.length - 1], now = e.date === d;
        // a name that ends and begins again that day (a territory redrawn) changes
        var changed = e.began.filter(function (n) { return e.ended.indexOf(n) >= 0; });
        var began = e.began.filter(function (n) { return changed.indexOf(n) < 0; });
        var ended = e.ended.filter(function (n) { return changed.indexOf(n) < 0; });
        var parts = [sentence(began, now, ['begins', 'began'], ['begin', 'began']),
                     sentence(ended, now, ['ends', 'ended'], ['end', 'ended']),
                     sentence(changed, now, ['changes', 'changed'], ['change', 'changed'])];
        var text = parts.filter(Boolean).join(' ');
        return (now ? 'On ' + borders.longDate(d) + ': ' : 'Last change, on ' + borders.longDate(e.date) + ': ') + text;
    };

    borders.timeline = function (map, layers, options) {
        var first = Date.parse(options.first), last = Date.parse(options.last);
        var events = options.events, dates = events.map(function (e) { return e.date; });
        var current = options.start, timer = null;
        function iso(ms) { return new Date(ms).toISOString().slice(0, 10); }
        function real(d) {  // YYYY-MM-DD, a day that exists, within the range
            return /^\d{4}-\d{2}-\d{2}$/.test(d) && !isNaN(Date.parse(d)) && iso(Date.parse(d)) === d
                && d >= options.first && d <= options.last;
        }
        function button(parent, text, label, onClick) {
            var b = L.DomUtil.create('button', '', parent);
            b.type = 'button';
            b.textContent = text;
            b.title = label;
            b.setAttribute('aria-label', label);
            b.addEventListener('click', onClick);
            return b;
        }

        var bar = L.DomUtil.create('div', 'borders-timeline borders-bar leaflet-control', map.getContainer());
        var row = L.DomUtil.create('div', 'row', bar);
        var input = L.DomUtil.create('input', 'date', row);
        input.type = 'text';
        input.inputMode = 'numeric';
        input.placeholder = 'YYYY-MM-DD';
        input.maxLength = 10;
        input.size = 10;
        input.setAttribute('aria-label', 'Date, as YYYY-MM-DD, from ' + options.first + ' to ' + options.last);
        input.title = 'Type a date (YYYY-MM-DD) and press Enter';
        var previous = button(row, '‹', 'The change before', function () { stop(); step(-1); });
        var play = button(row, '▶ Play', 'Play: step through the changes', function () {
            if (timer) { stop(); } else { start(); }
        });
        play.className = 'play';
        var next = button(row, '›', 'The next change', function () { stop(); step(1); });
        var jump = L.DomUtil.create('select', '', row);
        jump.setAttribute('aria-label', 'Go to a change');
        L.DomUtil.create('option', '', jump).textContent = 'Go to a change…';
        events.forEach(function (e) {
            var o = L.DomUtil.create('option', '', jump);
            o.value = e.date;
            o.textContent = e.date + ': ' + list(e.began.concat(e.ended.map(function (n) { return n + ' (ends)'; })));
        });
        var range = L.DomUtil.create('input', 'slider', bar);
        range.type = 'range';
        range.min = 0;
        range.max = Math.round((last - first) / DAY);
        range.step = 1;
        range.setAttribute('aria-label', 'Date');
        var ends = L.DomUtil.create('div', 'ends', bar);
        L.DomUtil.create('span', '', ends).textContent = options.first.slice(0, 4);
        L.DomUtil.create('span', '', ends).textContent = options.last.slice(0, 4);
        var caption = L.DomUtil.create('div', 'caption', bar);
        caption.setAttribute('aria-live', 'polite');

        function show(d) {
            if (!real(d)) { return false; }
            layers.forEach(function (gj) {
                gj.clearLayers();
                gj.addData({type: 'FeatureCollection',
                            features: gj._bordersData.features.filter(function (f) { return valid(f.properties, d); })});
            });
            current = d;
            input.value = d;
            input.removeAttribute('aria-invalid');
            caption.textContent = borders.caption(events, d);
            range.value = Math.round((Date.parse(d) - first) / DAY);
            previous.disabled = !dates.some(function (x) { return x < d; });
            next.disabled = !dates.some(function (x) { return x > d; });
            map.fire('borders:date', {date: d});
            map.fire('borders:layout');  // the caption's height may have changed
            return true;
        }
        function step(direction) {  // to the next (1) or the previous (-1) change; false at the end
            var to = direction > 0 ? dates.filter(function (d) { return d > current; })[0]
                : dates.filter(function (d) { return d < current; }).pop();
            return to ? show(to) : false;
        }
        function stop() {
            if (timer) { clearInterval(timer); timer = null; }
            play.textContent = '▶ Play';
            play.title = 'Play: step through the changes';
            play.setAttribute('aria-label', play.title);
            play.setAttribute('aria-pressed', 'false');
        }
        function start() {
            if (!dates.some(function (d) { return d > current; })) { show(dates[0] || options.first); }  // again
            play.textContent = '■ Stop';
            play.title = 'Stop playing';
            play.setAttribute('aria-label', play.title);
            play.setAttribute('aria-pressed', 'true');
            timer = setInterval(function () { if (!step(1)) { stop(); } }, PLAY_MS);
        }

        function typed() {
            stop();
            var d = input.value.trim();
            if (d !== current && !show(d)) { input.setAttribute('aria-invalid', 'true'); }
        }
        input.addEventListener('change', typed);
        input.addEventListener('keydown', function (e) { if (e.key === 'Enter') { typed(); } });
        range.addEventListener('input', function () { stop(); show(iso(first + range.value * DAY)); });
        jump.addEventListener('change', function () {
            stop();
            if (jump.value) { show(jump.value); }
            jump.selectedIndex = 0;
        });
        L.DomEvent.disableClickPropagation(bar);
        L.DomEvent.disableScrollPropagation(bar);
        L.DomEvent.on(bar, 'keydown', L.DomEvent.stopPropagation);  // the map's keyboard pans on arrows

        window.bordersShowDate = show;
        borders.currentDate = function () { return current; };
        borders.playing = function () { return timer !== null; };
        show(real(options.start) ? options.start : options.first);
        return bar;
    };
})(window.borders = window.borders || {});
