"""Places by name: any spelling the gazetteer records, in any of its languages, diacritics optional.

Examples
--------
>>> find_place("Wilno")["id"]
'vilnius'
>>> find_place("Gardinas")["id"], find_place("lyda")["id"], find_place("SALCININKAI")["id"]
('hrodna', 'lida', 'salcininkai')
"""

from __future__ import annotations

import difflib
import unicodedata

from borders._errors import BordersError

__all__ = ["find_place", "folded"]


def folded(name: str) -> str:
    """A name as compared: case-folded, without diacritics, spaces and hyphens as one space.

    Examples
    --------
    >>> folded("Šalčininkai"), folded("Łyngmiany"), folded("Naujoji  Vilnia")
    ('salcininkai', 'lyngmiany', 'naujoji vilnia')
    """
    decomposed = unicodedata.normalize("NFKD", name.replace("ł", "l").replace("Ł", "L"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().replace("-", " ").split())


def find_place(name: str, frame=None):
    """The gazetteer row whose names include ``name``.

    Parameters
    ----------
    name : str
        Any name variant of the gazetteer (English, Lithuanian, Polish, Belarusian,
        Russian, Yiddish, German, Latvian, the treaty's spelling) or a place id;
        case and diacritics do not matter.
    frame : GeoDataFrame, optional
        Features with the ``places`` layer; by default the shipped gazetteer.

    Raises
    ------
    BordersError
        If no place has that name (with the nearest spellings), or several have
        (with their ids and positions).
    """
    if frame is None:
        from borders.catalog import load

        places = load("places")
    else:
        places = frame[frame["kind"] == "place"] if "kind" in frame.columns else frame
    wanted = folded(name)
    index: dict[str, list] = {}
    for _, row in places.iterrows():
        names = {row["id"], row["name"], *(row["names"].values() if isinstance(row.get("names"), dict) else ())}
        for variant in names:
            index.setdefault(folded(str(variant)), []).append(row)
    hits = {row["id"]: row for row in index.get(wanted, [])}
    if len(hits) == 1:
        return next(iter(hits.values()))
    if hits:
        listed = "; ".join(f"{pid} ({row.geometry.y:.4f} {row.geometry.x:.4f})" for pid, row in sorted(hits.items()))
        raise BordersError(f"{name!r} names {len(hits)} places: {listed}; give its id or LAT LON instead")
    # A name the query begins as a word ("Bastuny" for "Bastuny station"), then the near spellings.
    begun = sorted(v for v in index if v.startswith(wanted + " "))[:3]
    close = begun + [c for c in difflib.get_close_matches(wanted, list(index), n=3, cutoff=0.75) if c not in begun]
    close = list(dict.fromkeys(index[c][0]["name"] for c in close))[:3]
    hint = (" (did you mean " + " or ".join(repr(c) for c in close) + "?)") if close else ""
    raise BordersError(f"no place called {name!r} in the gazetteer{hint}; give LAT LON instead, "
                       "e.g. 54.69 25.28")
