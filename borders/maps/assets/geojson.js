/* borders: a GeoJSON layer whose features carry their own style, popup, tooltip or label
   (borders/maps/features.py makes them and escapes their HTML).
   options: {data: FeatureCollection, pane: name or null (Leaflet's default panes), interactive: bool}
   The layer keeps its data as _bordersData: the timeline redraws it day by day. */
(function (borders) {
    borders.geoJson = function (options) {
        var pane = options.pane ? {pane: options.pane} : {};
        var layer = L.geoJSON(null, L.extend({
            interactive: options.interactive,
            style: function (f) { return f.properties._style; },
            pointToLayer: function (f, latlng) {
                if (f.properties._label) {
                    return L.marker(latlng, L.extend({interactive: false, keyboard: false, icon: L.divIcon(
                        {className: 'borders-label', html: f.properties._label, iconSize: null, iconAnchor: [-5, 8]})},
                        pane));
                }
                return L.circleMarker(latlng, L.extend({}, f.properties._style, pane));
            },
            onEachFeature: function (f, layer) {
                if (f.properties._popup) { layer.bindPopup(f.properties._popup, {maxWidth: 460}); }
                if (f.properties._tooltip) { layer.bindTooltip(f.properties._tooltip, {sticky: true}); }
            }
        }, pane));
        layer._bordersData = options.data;
        layer.addData(options.data);
        return layer;
    };
})(window.borders = window.borders || {});
