/* borders: what a click opens. The lines within a few pixels of the click, nearest first (several
   when they run together there); else what was clicked: a territory's or zone's fill, or a place.
   Lines are found by their distance on screen, so a click opens a line above a fill, beside a
   place marker, or in a gap of a dashed line, on whichever side of a swipe's divider it is drawn.
   borders.register(layer) is called by geojson.js for every layer of ours. */
(function (borders) {
    var layers = [];
    var TOLERANCE = 7;  // pixels either side of a line; a finger gets more (see below)
    var TOGETHER = 2;   // lines within this many pixels of the nearest one are listed with it

    borders.register = function (layer) { layers.push(layer); };
    borders.layers = function () { return layers.slice(); };

    function onSide(map, side, x) {
        if (!side || map._bordersDivider === undefined) { return true; }
        return side === 'left' ? x < map._bordersDivider : x >= map._bordersDivider;
    }

    /* The lines drawn within `tolerance` pixels of a point, nearest first: [{layer, distance}]. */
    borders.linesAt = function (map, latlng, tolerance) {
        var point = map.latLngToLayerPoint(latlng);
        var x = map.latLngToContainerPoint(latlng).x;
        var found = [];
        layers.forEach(function (gj) {
            if ((gj._bordersRole !== 'line' && gj._bordersRole !== 'frame') || !map.hasLayer(gj)
                || !onSide(map, gj._bordersSide, x)) { return; }
            gj.eachLayer(function (line) {
                if (!line.closestLayerPoint || !line._parts || !line._parts.length) { return; }
                var near = line.closestLayerPoint(point);
                if (near && near.distance <= tolerance) {
                    // a frame only closes a territory: a line running with it comes first
                    found.push({layer: line, distance: near.distance + (gj._bordersRole === 'frame' ? 0.5 : 0)});
                }
            });
        });
        found.sort(function (a, b) { return a.distance - b.distance; });
        return found;
    };

    function popupOptions(map) {
        var size = map.getSize();
        return {maxWidth: Math.min(460, size.x - 60), maxHeight: Math.max(160, size.y - 140),
                autoPanPadding: [20, 20], className: 'borders-popup-box'};
    }

    /* Open a popup of some features' popups, one below the other. */
    borders.openPopup = function (map, latlng, items) {
        var parts = items.map(function (item) { return item.feature.properties._popup; });
        var head = parts.length > 1 ? '<div class="borders-together">' + parts.length
            + ' lines run together here:</div>' : '';
        return L.popup(popupOptions(map)).setLatLng(latlng).setContent(head + parts.join('<hr>')).openOn(map);
    };

    /* A click at `latlng` on `clicked` (a feature of ours, or nothing): open what it finds. */
    borders.pick = function (map, latlng, clicked) {
        var touch = window.matchMedia && window.matchMedia('(pointer: coarse)').matches;
        var lines = borders.linesAt(map, latlng, touch ? 2 * TOLERANCE : TOLERANCE);
        if (lines.length) {
            var best = lines[0].distance;
            var here = lines.filter(function (l) { return l.distance <= best + TOGETHER; });
            return borders.openPopup(map, latlng, here.map(function (l) { return l.layer; }));
        }
        if (clicked && clicked.feature && clicked.feature.properties._popup) {
            return borders.openPopup(map, latlng, [clicked]);
        }
        if (clicked && clicked.feature && clicked.feature.properties._name !== undefined) {  // a place (a tap has no hover)
            return borders.openNames(map, clicked);
        }
        return null;
    };

    /* Open a popup of a place's names, at the place. */
    borders.openNames = function (map, place) {
        return L.popup(popupOptions(map)).setLatLng(place.getLatLng())
            .setContent(borders.placeNames(place.feature.properties)).openOn(map);
    };

    borders.pickOnClick = function (map) {
        map.on('click', function (e) { borders.pick(map, e.latlng, null); });
    };
})(window.borders = window.borders || {});
