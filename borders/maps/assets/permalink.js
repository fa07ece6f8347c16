/* borders: the map's address keeps what it shows, so that a reader can send or bookmark it:
   #map=ZOOM/LAT/LON&date=YYYY-MM-DD&layers=KEY,KEY (the date only on the timeline; the layers are
   the groups of the layer list shown, by their stable keys, each URI-encoded). It is rewritten as
   the reader moves (replaceState: no step in the history for each), and opening such an address,
   or changing it by hand, shows the same again. Values it cannot use are left alone. */
(function (borders) {
    /* The parts of an address: {map: 'z/lat/lon', date: ..., layers: 'a,b'}, values still encoded. */
    borders.readAddress = function (hash) {
        var out = {};
        String(hash || '').replace(/^#/, '').split('&').forEach(function (part) {
            var eq = part.indexOf('=');
            if (eq > 0) { out[part.slice(0, eq)] = part.slice(eq + 1); }
        });
        return out;
    };

    borders.address = function (map) {
        var c = map.getCenter(), parts = ['map=' + map.getZoom() + '/' + c.lat.toFixed(4) + '/' + c.lng.toFixed(4)];
        if (borders.currentDate) { parts.push('date=' + borders.currentDate()); }
        if (borders.shownLayers) { parts.push('layers=' + borders.shownLayers().map(encodeURIComponent).join(',')); }
        return '#' + parts.join('&');
    };

    function decode(text) {
        try { return decodeURIComponent(text); } catch (e) { return null; }
    }

    /* Show what an address asks for; true if it asked for anything this map could show. */
    borders.applyAddress = function (map, hash) {
        var state = borders.readAddress(hash), used = false;
        if (state.layers !== undefined && borders.showLayers) {
            var known = borders.layerKeys(), keys = state.layers ? state.layers.split(',').map(decode) : [];
            // keys of another map, or mistyped: keep the layers as they are rather than hide them all
            if (!keys.length || keys.some(function (k) { return known.indexOf(k) >= 0; })) {
                borders.showLayers(keys);
                used = true;
            }
        }
        if (state.date && window.bordersShowDate) { used = window.bordersShowDate(decode(state.date)) || used; }
        var view = (state.map || '').split('/').map(Number);
        if (view.length === 3 && view.every(isFinite) && Math.abs(view[1]) <= 90 && Math.abs(view[2]) <= 180) {
            map.invalidateSize({pan: false});  // the size the page has now, not the one it was made with
            map.setView([view[1], view[2]], view[0], {animate: false});
            used = true;
        }
        return used;
    };

    borders.keepAddress = function (map) {
        var written = null;
        function write() {
            written = borders.address(map);
            try { window.history.replaceState(null, '', written); } catch (e) { /* a frame that may not */ }
        }
        borders.applyAddress(map, window.location.hash);
        window.addEventListener('hashchange', function () {
            if (window.location.hash !== written) { borders.applyAddress(map, window.location.hash); write(); }
        });
        map.on('moveend zoomend borders:date borders:layers', write);
        write();
    };
})(window.borders = window.borders || {});
