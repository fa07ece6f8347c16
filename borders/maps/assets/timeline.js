/* borders: a date slider. On each day, each layer draws only its features valid then:
   valid_from <= day < valid_to (an open end when missing).
   options: {first, last, start: ISO dates, events: [{date, label}] (labels are plain text)}
   Sets window.bordersShowDate(isoDate); the map fires 'borders:date' with {date}. */
(function (borders) {
    borders.timeline = function (map, layers, options) {
        var first = Date.parse(options.first), last = Date.parse(options.last);
        var events = options.events;
        var day = 86400000;
        function iso(ms) { return new Date(ms).toISOString().slice(0, 10); }
        function valid(p, d) {
            return (!p.valid_from || p.valid_from <= d) && (!p.valid_to || d < p.valid_to);
        }
        var label, range, caption;
        function show(d) {
            layers.forEach(function (gj) {
                gj.clearLayers();
                gj.addData({type: 'FeatureCollection',
                            features: gj._bordersData.features.filter(function (f) { return valid(f.properties, d); })});
            });
            label.textContent = d;
            var now = events.filter(function (e) { return e.date <= d; });
            caption.textContent = now.length ? now[now.length - 1].label : '';
            range.value = Math.round((Date.parse(d) - first) / day);
            map.fire('borders:date', {date: d});
        }
        function build() {  // a bar along the bottom: borders.layout lifts the corners above it
            var div = L.DomUtil.create('div', 'borders-timeline borders-bar leaflet-control', map.getContainer());
            label = L.DomUtil.create('div', 'date', div);
            caption = L.DomUtil.create('div', 'caption', div);
            range = L.DomUtil.create('input', '', div);
            range.type = 'range'; range.min = 0; range.max = Math.round((last - first) / day); range.step = 1;
            range.setAttribute('aria-label', 'date');
            range.addEventListener('input', function () { show(iso(first + range.value * day)); });
            var buttons = L.DomUtil.create('div', 'events', div);
            events.forEach(function (e) {
                var b = L.DomUtil.create('button', '', buttons);
                b.type = 'button'; b.textContent = e.date; b.title = e.label;
                b.addEventListener('click', function () { show(e.date); });
            });
            L.DomEvent.disableClickPropagation(div);
            L.DomEvent.disableScrollPropagation(div);
            return div;
        }
        var bar = build();
        window.bordersShowDate = show;
        show(options.start);
        map.fire('borders:layout');
        return bar;
    };
})(window.borders = window.borders || {});
