/* borders: a control holding fixed HTML (the legend, the swipe's label; escaped in borders/maps/controls.py).
   options: {html: string, position: 'topleft' | 'topright' | 'bottomleft' | 'bottomright', className: string} */
(function (borders) {
    borders.htmlControl = function (map, options) {
        var control = L.control({position: options.position});
        control.onAdd = function () {
            var div = L.DomUtil.create('div', options.className);
            div.innerHTML = options.html;
            L.DomEvent.disableClickPropagation(div);
            return div;
        };
        return control.addTo(map);
    };
})(window.borders = window.borders || {});
