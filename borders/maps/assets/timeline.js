/* borders: the timeline, a bar along the bottom of the map. On each day, each layer draws only its
   features valid then: valid_from <= day < valid_to (an open end when missing). The day can be
   typed (YYYY-MM-DD), dragged on the slider, stepped from one change to the next, chosen from the
   list of changes, or played: Play steps through the changes, one every 1.5 seconds, until Stop.
   options: {first, last, start: ISO dates (the slider's range; the day shown first),
             events: [{date, began: [names], ended: [names]}] (names are plain text, set as text)}
   The caption says what began and ended in a sentence; on a busy day, in a short one ("On 15 February
   1923: seven lines and areas end."), with the names behind a disclosure (details/summary) that the
   reader opens by a click or from the keyboard, and the bar takes a quarter of the map's height at most
   (its caption scrolls inside it: borders.css).
   Sets window.bordersShowDate(isoDate) (false for a day it cannot show) and borders.currentDate();
   the map fires 'borders:date' with {date}. */
(function (borders) {
    var MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
                  'October', 'November', 'December'];
    var DAY = 86400000, PLAY_MS = 1500;
    var SHORT = 150;  // characters: a longer caption is told in a short sentence, the names behind a disclosure
    var NUMBERS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven',
                   'twelve'];

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

    /* "seven lines and areas end", or, after the first, "three end" */
    function counted(names, now, one, many, first) {
        var n = names.length, verb = (n > 1 ? many : one)[now ? 0 : 1];
        var noun = first ? (n > 1 ? ' lines and areas ' : ' line or area ') : ' ';
        return (n < NUMBERS.length ? NUMBERS[n] : String(n)) + noun + verb;
    }

    /* What the caption says on day d: what began and ended on that day, or on the change before it.
       {lead: a sentence, rest: the sentences naming them when the lead only counts them, else null} */
    borders.captionParts = function (events, d) {
        var past = events.filter(function (e) { return e.date <= d; });
        if (!past.length) {
            return {lead: events.length ? 'Before ' + borders.longDate(events[0].date)
                + ', when the first of these begins.' : '', rest: null};
        }
        var e = past[past.length - 1], now = e.date === d;
        var head = now ? 'On ' + borders.longDate(d) + ': ' : 'Last change, on ' + borders.longDate(e.date) + ': ';
        // a name that ends and begins again that day (a territory redrawn) changes
        var changed = e.began.filter(function (n) { return e.ended.indexOf(n) >= 0; });
        var began = e.began.filter(function (n) { return changed.indexOf(n) < 0; });
        var ended = e.ended.filter(function (n) { return changed.indexOf(n) < 0; });
        var kinds = [[began, ['begins', 'began'], ['begin', 'began']], [ended, ['ends', 'ended'], ['end', 'ended']],
                     [changed, ['changes', 'changed'], ['change', 'changed']]]
            .filter(function (k) { return k[0].length; });
        var text = kinds.map(function (k) { return sentence(k[0], now, k[1], k[2]); }).join(' ');
        if ((head + text).length <= SHORT) { return {lead: head + text, rest: null}; }
        var counts = kinds.map(function (k, i) { return counted(k[0], now, k[1], k[2], i === 0); });
        return {lead: head + list(counts) + '.', rest: text};
    };

    /* The whole caption on day d, as one text. */
    borders.caption = function (events, d) {
        var c = borders.captionParts(events, d);
        return c.rest ? c.lead + ' ' + c.rest : c.lead;
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
        // a short caption is text; a long one a sentence that counts, and a disclosure naming them
        var plain = caption.appendChild(document.createTextNode(''));
        var more = L.DomUtil.create('details', '', caption);
        var lead = L.DomUtil.create('summary', '', more);
        lead.title = 'Show or hide their names';
        var gap = more.appendChild(document.createTextNode(''));  // " ": the caption's text reads as sentences
        var rest = L.DomUtil.create('p', 'rest', more);
        more.addEventListener('toggle', function () { map.fire('borders:layout'); });
        var openBefore = null;  // printed, the names are shown
        window.addEventListener('beforeprint', function () { openBefore = more.open; more.open = true; });
        window.addEventListener('afterprint', function () {
            if (openBefore !== null) { more.open = openBefore; openBefore = null; }
        });
        function say(d) {
            var c = borders.captionParts(events, d);
            plain.data = c.rest ? '' : c.lead;
            lead.textContent = c.rest ? c.lead : '';
            gap.data = c.rest ? ' ' : '';
            rest.textContent = c.rest || '';
            more.hidden = !c.rest;  // open or closed as the reader left it
        }

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
            say(d);
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
