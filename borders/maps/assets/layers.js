/* borders: the layer control. The groups are listed under their headings (a layer's title, the
   basemap, the places), each with a checkbox; names are text and wrap. It folds to a button, and
   starts folded on small screens.
   options: {entries: [{heading, label, key}] (plain text, one for each group), open: bool}
   borders.layerKeys() gives every group's key, borders.shownLayers() those of the groups shown;
   borders.showLayers(keys) shows just those. */
(function (borders) {
    borders.layerControl = function (map, groups, options) {
        var boxes = {};
        var control = L.control({position: 'topright'});
        control.onAdd = function () {
            var div = L.DomUtil.create('div', 'borders-layers');
            var button = L.DomUtil.create('button', 'borders-fold', div);
            button.type = 'button';
            button.textContent = 'Layers';
            var panel = L.DomUtil.create('div', 'borders-panel', div);
            var last = null;
            options.entries.forEach(function (entry, i) {
                if (entry.heading !== last) {
                    L.DomUtil.create('div', 'heading', panel).textContent = entry.heading;
                    last = entry.heading;
                }
                var label = L.DomUtil.create('label', '', panel);
                var box = L.DomUtil.create('input', '', label);
                box.type = 'checkbox';
                box.checked = map.hasLayer(groups[i]);
                L.DomUtil.create('span', '', label).textContent = entry.label;
                box.addEventListener('change', function () {
                    if (box.checked) { map.addLayer(groups[i]); } else { map.removeLayer(groups[i]); }
                    map.fire('borders:layers');
                });
                boxes[entry.key] = {box: box, group: groups[i]};
            });
            borders.fold(map, div, button, options.open && borders.wide(map));
            L.DomEvent.disableClickPropagation(div);
            L.DomEvent.disableScrollPropagation(div);
            return div;
        };
        control.addTo(map);
        borders.layerKeys = function () { return Object.keys(boxes); };
        borders.shownLayers = function () {
            return Object.keys(boxes).filter(function (key) { return boxes[key].box.checked; });
        };
        borders.showLayers = function (keys) {
            Object.keys(boxes).forEach(function (key) {
                var item = boxes[key], on = keys.indexOf(key) >= 0;
                item.box.checked = on;
                if (on) { map.addLayer(item.group); } else { map.removeLayer(item.group); }
            });
            map.fire('borders:layers');
        };
        return control;
    };
})(window.borders = window.borders || {});
