/* borders: a GeoJSON layer whose features carry their own style, popup, tooltip or label
   (borders/maps/features.py makes them and escapes their HTML).
   options: {data: FeatureCollection, role: 'land' | 'river' | 'fill' | 'band' | 'frame' | 'line' | 'place' | 'label',
             pane: name, interactive: bool, side: 'left' | 'right' | null (a swipe's side)}
   Popups are not bound to features: a click goes to borders.pick (pick.js), which finds the line
   under it even where a fill, a place or a gap in a dashed line is. The layer keeps its data as
   _bordersData: the timeline redraws it day by day. */
(function (borders) {
    borders.geoJson = function (options) {
        var pane = {pane: options.pane};
        var clickable = options.role === 'line' || options.role === 'frame' || options.role === 'fill'
            || options.role === 'place';
        var layer = L.geoJSON(null, L.extend({
            interactive: options.interactive,
            style: function (f) { return f.properties._style; },
            pointToLayer: function (f, latlng) {
                if (f.properties._label) {  // a place's name beside it; a country's centred on its point
                    var country = f.properties._class === 'country';
                    return L.marker(latlng, L.extend({interactive: false, keyboard: false, icon: L.divIcon(
                        {className: 'borders-label ' + (country ? 'borders-country' : 'borders-place'),
                         html: '<span>' + f.properties._label + '</span>', iconSize: null,
                         iconAnchor: country ? [0, 0] : [-5, 8]})}, pane));
                }
                return L.circleMarker(latlng, L.extend({}, f.properties._style, pane));
            },
            onEachFeature: function (f, item) {
                if (f.properties._tooltip) { item.bindTooltip(f.properties._tooltip, {sticky: true}); }
                if (clickable) {
                    item.on('click', function (e) {
                        L.DomEvent.stop(e);
                        // where the pointer is: Leaflet gives a small marker's own position as e.latlng
                        borders.pick(item._map, item._map.mouseEventToLatLng(e.originalEvent), item);
                    });
                }
            }
        }, pane));
        layer._bordersData = options.data;
        layer._bordersRole = options.role;
        layer._bordersSide = options.side;
        borders.register(layer);
        layer.addData(options.data);
        return layer;
    };
})(window.borders = window.borders || {});
