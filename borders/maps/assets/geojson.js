/* borders: a GeoJSON layer whose features carry their own style, popup, tooltip or label
   (borders/maps/features.py makes them and escapes their HTML), or, for a place, its names
   (plain text, shown with textContent).
   options: {data: FeatureCollection, role: 'land' | 'river' | 'fill' | 'band' | 'frame' | 'line' | 'place' | 'label',
             pane: name, interactive: bool, side: 'left' | 'right' | null (a swipe's side)}
   Popups are not bound to features: a click goes to borders.pick (pick.js), which finds the line
   under it even where a fill, a place or a gap in a dashed line is. The layer keeps its data as
   _bordersData: the timeline redraws it day by day. */
(function (borders) {
    var SVG = 'http://www.w3.org/2000/svg';
    /* A fill of diagonal stripes in a colour (a de jure claim): an SVG pattern, made once per colour in a
       hidden SVG of the page; Leaflet sets a path's fill to its fillColor, here url(#pattern). */
    borders.hatch = function (colour) {
        var id = 'borders-hatch-' + String(colour).replace(/[^0-9a-zA-Z]/g, '');
        if (!document.getElementById(id)) {
            var holder = document.getElementById('borders-patterns');
            if (!holder) {
                holder = document.createElementNS(SVG, 'svg');
                holder.id = 'borders-patterns';
                holder.setAttribute('width', '0'); holder.setAttribute('height', '0');
                holder.setAttribute('aria-hidden', 'true');
                holder.style.position = 'absolute';
                holder.appendChild(document.createElementNS(SVG, 'defs'));
                document.body.appendChild(holder);
            }
            var pattern = document.createElementNS(SVG, 'pattern');
            pattern.id = id;
            pattern.setAttribute('patternUnits', 'userSpaceOnUse');
            pattern.setAttribute('width', '8'); pattern.setAttribute('height', '8');
            pattern.setAttribute('patternTransform', 'rotate(45)');
            var stripe = document.createElementNS(SVG, 'rect');
            stripe.setAttribute('width', '2.5'); stripe.setAttribute('height', '8');
            stripe.setAttribute('fill', colour);
            pattern.appendChild(stripe);
            holder.firstChild.appendChild(pattern);
        }
        return 'url(#' + id + ')';
    };
    /* A place's names, as an element made with textContent: its name, then each language's. */
    borders.placeNames = function (p) {
        var div = document.createElement('div');
        L.DomUtil.create('b', '', div).textContent = p._name;
        Object.keys(p._names || {}).forEach(function (lang) {
            div.appendChild(document.createElement('br'));
            div.appendChild(document.createTextNode(lang + ': ' + p._names[lang]));
        });
        return div;
    };
    function styleOf(f) {
        var style = f.properties._style;
        return style && style.hatch ? L.extend({}, style, {fillColor: borders.hatch(style.fillColor)}) : style;
    }
    borders.geoJson = function (options) {
        var pane = {pane: options.pane};
        var clickable = options.role === 'line' || options.role === 'frame' || options.role === 'fill'
            || options.role === 'place';
        var layer = L.geoJSON(null, L.extend({
            interactive: options.interactive,
            style: styleOf,
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
                if (f.properties._name !== undefined) { item.bindTooltip(borders.placeNames(f.properties), {sticky: true}); }
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
