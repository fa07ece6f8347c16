/* borders: a button that shows the map on the whole screen, and back (the Fullscreen API; Escape
   leaves too). Where the page may not go full screen (a frame without allowfullscreen), there is
   no button. */
(function (borders) {
    var SVG = 'http://www.w3.org/2000/svg';

    function icon() {  // four corners, drawn: no font has to have the glyph
        var svg = document.createElementNS(SVG, 'svg');
        svg.setAttribute('width', '16'); svg.setAttribute('height', '16'); svg.setAttribute('viewBox', '0 0 16 16');
        svg.setAttribute('aria-hidden', 'true');
        var path = document.createElementNS(SVG, 'path');
        path.setAttribute('d', 'M1 6V1h5M10 1h5v5M15 10v5h-5M6 15H1v-5');
        path.setAttribute('fill', 'none'); path.setAttribute('stroke', '#333'); path.setAttribute('stroke-width', '2');
        svg.appendChild(path);
        return svg;
    }

    borders.fullscreen = function (map) {
        if (!document.fullscreenEnabled || !map.getContainer().requestFullscreen) { return null; }
        var control = L.control({position: 'topleft'});
        control.onAdd = function () {
            var div = L.DomUtil.create('div', 'borders-fullscreen leaflet-bar');
            var button = L.DomUtil.create('a', '', div);
            button.href = '#';
            button.setAttribute('role', 'button');
            button.appendChild(icon());
            function label() {
                var on = document.fullscreenElement === map.getContainer();
                button.title = on ? 'Leave full screen' : 'Full screen';
                button.setAttribute('aria-label', button.title);
                button.setAttribute('aria-pressed', on ? 'true' : 'false');
            }
            L.DomEvent.on(button, 'click', function (e) {
                L.DomEvent.stop(e);
                if (document.fullscreenElement) {
                    document.exitFullscreen();
                } else {
                    map.getContainer().requestFullscreen().catch(function () { /* refused: stay as we are */ });
                }
            });
            L.DomEvent.disableClickPropagation(div);
            document.addEventListener('fullscreenchange', function () {
                label();
                map.invalidateSize();
                map.fire('borders:layout');
            });
            label();
            return div;
        };
        return control.addTo(map);
    };
})(window.borders = window.borders || {});
