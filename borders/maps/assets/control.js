/* borders: a control holding fixed HTML (the title, the legend, the swipe's label; escaped in
   borders/maps/controls.py), and the folding that the legend and the layer control share.
   options: {html: string, position: 'topleft' | 'topright' | 'bottomleft' | 'bottomright',
             className: string, fold: null or the text of its button (it starts folded on small
             screens), first: bool (put it above the controls already in its corner)} */
(function (borders) {
    /* Whether the map has room for the legend and the layer list open. */
    borders.wide = function (map) {
        var size = map.getSize();
        return size.x >= 1000 && size.y >= 700;
    };

    /* Fold `div` (its children but the button) away and back with `button`. */
    borders.fold = function (map, div, button, open) {
        function set(on) {
            L.DomUtil[on ? 'removeClass' : 'addClass'](div, 'borders-folded');
            button.setAttribute('aria-expanded', on ? 'true' : 'false');
            button.title = on ? 'Fold away' : 'Show';
            map.fire('borders:layout');
        }
        button.addEventListener('click', function () { set(L.DomUtil.hasClass(div, 'borders-folded')); });
        set(open);
    };

    borders.htmlControl = function (map, options) {
        var control = L.control({position: options.position});
        control.onAdd = function () {
            var div = L.DomUtil.create('div', options.className);
            if (options.fold) {
                var button = L.DomUtil.create('button', 'borders-fold', div);
                button.type = 'button';
                button.textContent = options.fold;
                L.DomUtil.create('div', 'borders-panel', div).innerHTML = options.html;
                borders.fold(map, div, button, borders.wide(map));
            } else {
                div.innerHTML = options.html;
            }
            L.DomEvent.disableClickPropagation(div);
            L.DomEvent.disableScrollPropagation(div);
            return div;
        };
        control.addTo(map);
        if (options.first) {
            var corner = control.getContainer().parentNode;
            corner.insertBefore(control.getContainer(), corner.firstChild);
        }
        return control;
    };
})(window.borders = window.borders || {});
