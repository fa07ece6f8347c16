/* borders: find a place by any of its names in the gazetteer (Lithuanian, Polish, Belarusian,
   Russian, Yiddish, German, Latvian...), with or without diacritics, and with a slip of a letter
   ("Vilnus"). Choosing one centres the map on it and shows its names. The names are the place
   features' _name and _names (plain text, set as text). */
(function (borders) {
    var SPECIAL = {'ł': 'l', 'đ': 'd', 'ø': 'o', 'ß': 'ss', 'æ': 'ae', 'œ': 'oe', 'ı': 'i'};
    var LIMIT = 8;

    /* A name as it is compared: lower case, without accents, Hebrew points or Cyrillic breves
       ("Švenčionys" -> "svencionys", "Łódź" -> "lodz", "Гродна" stays Cyrillic). */
    borders.foldName = function (text) {
        return String(text).toLowerCase().replace(/[łđøßæœı]/g, function (c) { return SPECIAL[c]; })
            .normalize('NFD').replace(/[\u0300-\u036f\u0591-\u05c7]/g, '').trim();
    };

    function distance(a, b) {  // Levenshtein, for the slips of a letter
        var row = [], i, j;
        for (j = 0; j <= b.length; j++) { row.push(j); }
        for (i = 1; i <= a.length; i++) {
            var diagonal = row[0];
            row[0] = i;
            for (j = 1; j <= b.length; j++) {
                var above = row[j];
                row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.length];
    }

    /* How well a folded name answers a folded query: 0 it begins with it, 1 it holds it, 2 or 3 a
       letter or two differ from its beginning (queries of 4 and 8 letters or more); null: no. */
    function score(name, q) {
        var at = name.indexOf(q);
        if (at === 0) { return 0; }
        if (at > 0) { return 1; }
        var allowed = q.length >= 8 ? 2 : q.length >= 4 ? 1 : 0, best = Infinity;
        for (var k = q.length - allowed; k <= q.length + allowed; k++) {
            if (k > 0 && k <= name.length) { best = Math.min(best, distance(q, name.slice(0, k))); }
        }
        return best <= allowed ? 1 + best : null;
    }

    /* A place's names, its own first, once each. */
    function namesOf(p) {
        var all = [p._name];
        Object.keys(p._names || {}).forEach(function (lang) { all.push(p._names[lang]); });
        return all.filter(function (name, i) { return name && all.indexOf(name) === i; });
    }

    /* The places with a name that answers `query`: [{marker, name (the name that did)}], best first,
       then the more important first (the map lists them the other way round: the last on top). */
    borders.findPlaces = function (query, limit) {
        var q = borders.foldName(query);
        if (!q) { return []; }
        var found = [], order = 0;
        borders.layers().forEach(function (gj) {
            if (gj._bordersRole !== 'place') { return; }
            gj.eachLayer(function (marker) {
                var best = null;
                namesOf(marker.feature.properties).forEach(function (name) {
                    var s = score(borders.foldName(name), q);
                    if (s !== null && (best === null || s < best.score)) { best = {name: name, score: s}; }
                });
                if (best) { found.push({marker: marker, name: best.name, score: best.score, order: order}); }
                order += 1;
            });
        });
        found.sort(function (a, b) { return (a.score - b.score) || (b.order - a.order); });
        return found.slice(0, limit || LIMIT);
    };

    /* Centre the map on a place (zoomed in to at least 10) and open its names. */
    borders.showPlace = function (map, marker) {
        map.setView(marker.getLatLng(), Math.max(map.getZoom(), 10), {animate: false});
        return borders.openNames(map, marker);
    };

    borders.search = function (map) {
        var control = L.control({position: 'topleft'});
        control.onAdd = function () {
            var div = L.DomUtil.create('div', 'borders-search');
            var input = L.DomUtil.create('input', '', div);
            input.type = 'search';
            input.placeholder = 'Find a place…';
            input.setAttribute('aria-label', 'Find a place by any of its names');
            input.setAttribute('autocomplete', 'off');
            var list = L.DomUtil.create('ul', '', div);
            list.setAttribute('role', 'listbox');
            list.id = 'borders-search-results';
            input.setAttribute('aria-controls', list.id);
            var hits = [], chosen = -1;
            function clear() { hits = []; chosen = -1; list.textContent = ''; map.fire('borders:layout'); }
            function choose(hit) {
                input.value = hit.name;
                clear();
                borders.showPlace(map, hit.marker);
            }
            function mark(i) {
                chosen = i;
                Array.prototype.forEach.call(list.children, function (li, n) {
                    li.setAttribute('aria-selected', n === i ? 'true' : 'false');
                });
            }
            input.addEventListener('input', function () {
                clear();
                hits = borders.findPlaces(input.value);
                hits.forEach(function (hit, n) {
                    var item = L.DomUtil.create('li', '', list);
                    var own = hit.marker.feature.properties._name;
                    item.textContent = hit.name === own ? own : hit.name + ' (' + own + ')';
                    item.setAttribute('role', 'option');
                    item.addEventListener('mousedown', function (e) { e.preventDefault(); });  // keep the focus
                    item.addEventListener('click', function () { choose(hits[n]); });
                });
                if (input.value.trim() && !hits.length) {
                    L.DomUtil.create('li', 'none', list).textContent = 'No place of that name';
                }
                mark(hits.length ? 0 : -1);
                map.fire('borders:layout');
            });
            input.addEventListener('keydown', function (e) {
                if (e.key === 'ArrowDown' && hits.length) { e.preventDefault(); mark((chosen + 1) % hits.length); }
                if (e.key === 'ArrowUp' && hits.length) { e.preventDefault(); mark((chosen + hits.length - 1) % hits.length); }
                if (e.key === 'Enter' && chosen >= 0) { e.preventDefault(); choose(hits[chosen]); }
                if (e.key === 'Escape') { clear(); }
            });
            L.DomEvent.disableClickPropagation(div);
            L.DomEvent.disableScrollPropagation(div);
            L.DomEvent.on(div, 'keydown', L.DomEvent.stopPropagation);  // the map's keyboard pans on arrows
            return div;
        };
        return control.addTo(map);
    };
})(window.borders = window.borders || {});
