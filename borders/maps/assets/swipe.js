/* borders: a vertical divider between two panes; the divider itself is the handle that drags it
   (with a pointer: mouse, pen or finger), and it takes the arrow keys when it has the focus.
   Dragging it never pans the map: the pointer is captured by the divider, and the events that
   would start the map's own dragging stop there.
   options: {left, right: the names of the panes clipped to each side of the divider}
   The divider's position (container pixels) is map._bordersDivider: a click finds the lines of its side.
   The divider is a pane of the map, kept in place as the map moves, between the tooltips (650) and
   the popups (700): above every line and place, so that it takes the pointer there, and below an
   open popup, whose links, close button and scrolling work where the divider crosses it.
   Sets window.bordersSwipe(share), share from 0 (divider at the left edge) to 1. */
(function (borders) {
    var STEP = 0.02;  // of the width, for each press of an arrow key
    var Z = 690;  // the divider's pane: above Leaflet's tooltips (650), below its popups (700)

    borders.swipe = function (map, options) {
        var left = options.left.map(function (name) { return map.getPane(name); });
        var right = options.right.map(function (name) { return map.getPane(name); });
        var box = map.createPane('bordersSwipe');
        L.DomUtil.addClass(box, 'borders-swipe');
        box.style.zIndex = Z;
        var handle = L.DomUtil.create('div', 'handle', box);
        L.DomUtil.create('div', 'divider', handle);
        L.DomUtil.create('div', 'grip', handle);
        handle.tabIndex = 0;
        handle.setAttribute('role', 'slider');
        handle.setAttribute('aria-label', 'Divider between the two layers (drag it, or use the arrow keys)');
        handle.setAttribute('aria-valuemin', '0');
        handle.setAttribute('aria-valuemax', '100');
        handle.title = 'Drag the divider';
        var share = 0.5, dragging = null;

        function clip() {
            var size = map.getSize();
            var nw = map.containerPointToLayerPoint([0, 0]);
            var se = map.containerPointToLayerPoint(size);
            var x = size.x * share;
            var cut = map.containerPointToLayerPoint([x, 0]).x;
            L.DomUtil.setPosition(box, nw);  // the map's top left corner, wherever the map has moved
            box.style.width = size.x + 'px';
            box.style.height = size.y + 'px';
            left.forEach(function (pane) { pane.style.clip = 'rect(' + [nw.y, cut, se.y, nw.x].join('px,') + 'px)'; });
            right.forEach(function (pane) { pane.style.clip = 'rect(' + [nw.y, se.x, se.y, cut].join('px,') + 'px)'; });
            handle.style.left = x + 'px';
            handle.setAttribute('aria-valuenow', String(Math.round(share * 100)));
            map._bordersDivider = x;
        }
        function set(value) { share = Math.min(1, Math.max(0, value)); clip(); }
        function follow(e) {
            var rect = map.getContainer().getBoundingClientRect();
            set((e.clientX - rect.left) / rect.width);
        }
        function end(e) {
            if (dragging === null) { return; }
            if (handle.hasPointerCapture && handle.hasPointerCapture(dragging)) { handle.releasePointerCapture(dragging); }
            dragging = null;
            L.DomUtil.removeClass(handle, 'dragging');
            map.dragging.enable();
            L.DomEvent.stop(e);
        }
        handle.addEventListener('pointerdown', function (e) {
            if (e.button !== undefined && e.button > 0) { return; }
            L.DomEvent.stop(e);  // preventDefault: no mousedown follows it for the map's dragging to start on
            dragging = e.pointerId;
            handle.setPointerCapture(e.pointerId);
            L.DomUtil.addClass(handle, 'dragging');
            map.dragging.disable();
            handle.focus();
            follow(e);
        });
        handle.addEventListener('pointermove', function (e) { if (dragging !== null) { L.DomEvent.stop(e); follow(e); } });
        handle.addEventListener('pointerup', end);
        handle.addEventListener('pointercancel', end);
        L.DomEvent.on(handle, 'mousedown touchstart click dblclick contextmenu', L.DomEvent.stopPropagation);
        L.DomEvent.disableScrollPropagation(handle);
        handle.addEventListener('keydown', function (e) {
            var to = {ArrowLeft: share - STEP, ArrowRight: share + STEP, Home: 0, End: 1}[e.key];
            if (to !== undefined) { L.DomEvent.stop(e); set(to); }
        });
        map.on('move zoom resize viewreset', clip);
        clip();
        window.bordersSwipe = set;
    };
})(window.borders = window.borders || {});
