/* borders: a vertical divider between two panes, dragged with a slider at the bottom.
   options: {left, right: the names of the panes clipped to each side of the divider}
   The divider's position (container pixels) is map._bordersDivider: a click finds the lines of its side.
   Sets window.bordersSwipe(share), share from 0 (divider at the left edge) to 1. */
(function (borders) {
    borders.swipe = function (map, options) {
        var left = options.left.map(function (name) { return map.getPane(name); });
        var right = options.right.map(function (name) { return map.getPane(name); });
        var box = L.DomUtil.create('div', 'borders-swipe', map.getContainer());
        var divider = L.DomUtil.create('div', 'divider', box);
        var range = L.DomUtil.create('input', '', box);
        range.type = 'range'; range.min = 0; range.max = 1000; range.value = 500;
        range.setAttribute('aria-label', 'swipe');
        L.DomEvent.disableClickPropagation(range);
        L.DomEvent.on(range, 'mousedown touchstart pointerdown', function (e) { L.DomEvent.stopPropagation(e); });
        function clip() {
            var size = map.getSize();
            var nw = map.containerPointToLayerPoint([0, 0]);
            var se = map.containerPointToLayerPoint(size);
            var x = size.x * range.value / 1000;
            var cut = map.containerPointToLayerPoint([x, 0]).x;
            left.forEach(function (pane) { pane.style.clip = 'rect(' + [nw.y, cut, se.y, nw.x].join('px,') + 'px)'; });
            right.forEach(function (pane) { pane.style.clip = 'rect(' + [nw.y, se.x, se.y, cut].join('px,') + 'px)'; });
            divider.style.left = x + 'px';
            map._bordersDivider = x;
        }
        range.addEventListener('input', clip);
        map.on('move zoom resize viewreset', clip);
        clip();
        window.bordersSwipe = function (share) { range.value = Math.round(share * 1000); clip(); };
    };
})(window.borders = window.borders || {});
