/* borders: what every map page sets up (called by borders/maps/page.py).
   options: {panes: {name: zIndex}, icons: Leaflet's marker images, attribution: HTML (fixed text),
             minZoom, maxZoom: numbers, maxBounds: [[south, west], [north, east]] (the reader cannot pan beyond)} */
(function (borders) {
    borders.setupMap = function (map, options) {
        borders.map = map;  // one map a page: the tests and the other scripts find it here
        Object.keys(options.panes).forEach(function (name) {
            map.createPane(name);
            map.getPane(name).style.zIndex = options.panes[name];
        });
        L.Icon.Default.mergeOptions(options.icons);
        map.attributionControl.addAttribution(options.attribution);
        borders.pickOnClick(map);
        map.setMinZoom(options.minZoom);
        map.setMaxZoom(options.maxZoom);
        borders.fullscreen(map);  // under the zoom buttons
        borders.search(map);
        borders.keepApart(map);
        borders.keepLabelsApart(map);
        // after the page's other scripts have added the timeline and the layer list; the pan limits
        // last, so that they do not pan the opening view while the address restores another
        setTimeout(function () {
            borders.keepAddress(map);
            map.options.maxBoundsViscosity = 1.0;
            map.setMaxBounds(options.maxBounds);
        }, 0);
    };
})(window.borders = window.borders || {});
