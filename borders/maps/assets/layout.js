/* borders: keeps the controls of a map apart, at any size of the window.
   Leaflet stacks the controls of each corner; this keeps the corners from meeting. The bar at
   the bottom (the timeline) lifts the bottom corners above it; the widths of each side are
   limited by what the other side of the same edge holds, and the scrolling panels (the layer
   list, the legend) by the height the other corner of their side leaves free. Runs on opening,
   on resizing, before and after printing, and whenever a control folds or unfolds ('borders:layout'). */
(function (borders) {
    var GAP = 10;  // pixels kept free between two controls, and to the map's edge

    function height(el) { return el ? el.getBoundingClientRect().height : 0; }
    function width(el) { return el ? el.getBoundingClientRect().width : 0; }

    borders.layout = function (map) {
        var box = map.getContainer(), corners = map._controlCorners;
        var W = box.clientWidth, H = box.clientHeight;
        var bar = box.querySelector('.borders-bar');
        var lift = bar ? height(bar) + GAP : 0;
        corners.bottomleft.style.bottom = lift + 'px';
        corners.bottomright.style.bottom = lift + 'px';
        var free = H - lift;  // the height the corners share
        var panels = box.querySelectorAll('.borders-panel');
        panels.forEach(function (p) { p.style.maxHeight = ''; });
        // the widths: each edge's two corners share it
        var scale = width(corners.bottomleft);
        var attribution = box.querySelector('.leaflet-control-attribution');
        if (attribution) { attribution.style.maxWidth = Math.max(120, W - scale - 3 * GAP) + 'px'; }
        box.querySelectorAll('.leaflet-bottom.leaflet-right .leaflet-control').forEach(function (c) {
            if (c !== attribution) { c.style.maxWidth = Math.max(120, Math.min(380, W - scale - 3 * GAP)) + 'px'; }
        });
        var right = width(corners.topright);
        box.querySelectorAll('.leaflet-top.leaflet-left .leaflet-control').forEach(function (c) {
            c.style.maxWidth = Math.max(100, Math.min(640, W - right - 3 * GAP)) + 'px';
        });
        // the heights: the legend may take half of what is free, the layer list the rest of its side
        var legend = box.querySelector('.leaflet-bottom .borders-legend .borders-panel');
        if (legend) { legend.style.maxHeight = Math.max(60, free / 2 - height(attribution) - 4 * GAP) + 'px'; }
        var list = box.querySelector('.leaflet-top .borders-layers .borders-panel');
        if (list) {
            var others = height(corners.topright) - height(list);
            list.style.maxHeight = Math.max(80, free - height(corners.bottomright) - others - 4 * GAP) + 'px';
        }
    };

    borders.keepApart = function (map) {
        var run = function () { borders.layout(map); };
        map.on('resize borders:layout', run);
        // printed, the timeline's bar is lower (no buttons): the corners follow it
        window.addEventListener('beforeprint', run);
        window.addEventListener('afterprint', run);
        if (window.matchMedia) { window.matchMedia('print').addEventListener('change', run); }
        setTimeout(run, 0);  // after the page's other controls are added
    };
})(window.borders = window.borders || {});
