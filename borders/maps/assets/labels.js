/* borders: labels that never overlap. At every zoom, the labels are placed in order of rank
   (countries, then cities, towns, villages, stations, the rest; the scene lists each rank's in
   turn) and a label that would overlap one already placed is hidden, so the more important
   one always stays. Runs on opening, after each zoom and whenever the layers change. */
(function (borders) {
    var PAD = 2;  // pixels kept between two labels

    function overlaps(a, b) {
        return a.left < b.right + PAD && b.left < a.right + PAD && a.top < b.bottom + PAD && b.top < a.bottom + PAD;
    }

    borders.placeLabels = function (map) {
        var labels = [];
        borders.layers().forEach(function (gj) {
            if (gj._bordersRole !== 'label' || !map.hasLayer(gj)) { return; }
            gj.eachLayer(function (marker) {
                var el = marker.getElement && marker.getElement();
                if (el) { labels.push({marker: marker, el: el, rank: marker.feature.properties._rank}); }
            });
        });
        labels.forEach(function (l) { l.el.style.visibility = 'visible'; });
        // where each label is drawn now (Leaflet rounds a marker's position to whole pixels)
        labels.forEach(function (l) { l.box = l.el.firstChild.getBoundingClientRect(); });
        labels.sort(function (a, b) { return a.rank - b.rank; });  // stable: the scene's order within a rank
        var placed = [];
        labels.forEach(function (l) {
            var box = l.box;
            var free = !placed.some(function (other) { return overlaps(box, other); });
            l.el.style.visibility = free ? 'visible' : 'hidden';
            l.el.dataset.shown = free ? '1' : '0';
            if (free) { placed.push(box); }
        });
    };

    borders.keepLabelsApart = function (map) {
        var run = function () { borders.placeLabels(map); };
        map.on('zoomend overlayadd overlayremove borders:layers borders:date', run);
        setTimeout(run, 0);
    };
})(window.borders = window.borders || {});
