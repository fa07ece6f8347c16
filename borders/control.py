"""Who held a place, and who it was assigned to, on a given day: the de facto and the de jure view.

The layers say it themselves. A territory's ``assigned_to`` names the party a treaty, a
decision or a demarcation line gave it to (de jure); its ``held_by`` the party that held it
(de facto). The de jure answer for a place is every assignment valid that day whose
territory holds it: after 1923 Vilnius had two, the treaty's (Lithuania) and the
Conference of Ambassadors' (Poland).

Control is known only for the stable periods of :data:`PERIODS`, each built from the
layers: the Foch line in 1919-20, the neutral zone and Central Lithuania from 30 November
1920, the line of 1923, the transfer of 1939. Within a period the area the layers cover is cut by the boundaries
of the territories held that day and by the period's lines; each piece takes the party of
the held territory it lies in, or of the place it holds (Kaunas: Lithuania), or the
period's ``rest``. Between the periods (the moving fronts of July-November 1920, the
occupation of the neutral zone in February-March 1923, the Soviet invasion of September
1939) and after them, control is "not determined": no front nobody sourced is drawn.

Examples
--------
>>> view = control_at([(23.8258, 53.6884)], "1921-06-01")  # Hrodna
>>> view.loc[0, "de_jure"], view.loc[0, "de_facto"]
('Lithuania', 'Poland')
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import shapely

from borders._errors import BordersError
from borders.dates import parse_at, parse_when, valid_at
from borders.geodesy import Nearest

__all__ = ["Period", "PERIODS", "COVERAGE", "period_at", "control", "control_at", "control_over", "NOT_DETERMINED"]

#: What the de facto answer says where no stable period, or no piece of one, covers a place.
NOT_DETERMINED = "not determined"

#: The territories whose union is the area this view covers (their default readings, whatever the day).
COVERAGE = ("treaty_1920/territory-1921", "foch_line/territory", "demarcation_1923/lithuania",
            "transfer_1939/lithuania-1939")


@dataclass(frozen=True)
class Period:
    """A stretch of days in which control is known from the layers, or explicitly not.

    ``holders`` are territories held in this period beyond their own ``held_by``, with the
    party; ``lines`` are layers whose lines valid that day cut the covered area; ``seeds``
    give the party of the piece holding a place; ``rest`` is the party of every other
    piece (None: not determined). ``determined = False`` marks a period of moving fronts.
    """

    start: str
    end: str
    name: str
    note: str
    determined: bool = True
    holders: tuple = ()
    lines: tuple = ()
    seeds: tuple = ()
    rest: str | None = None


#: The stable periods of control, and the unstable ones between them, in order.
PERIODS = (
    Period("1919-07-26", "1920-07-14", "the Foch line, 1919-1920",
           "The Foch line of 26 July 1919 was the demarcation line between the Lithuanian and Polish armies "
           "(PWN) until the Red Army took Vilnius on 14 July 1920: Lithuania held the area it left Lithuania "
           "(foch_line/territory). East of it control is not drawn: Lithuanians held Sejny, on its Polish side, "
           "until the rising of August 1919, and in 1919 the north-east was a front against the Red Army.",
           holders=(("foch_line/territory", "Lithuania"),)),
    Period("1920-07-14", "1920-11-30", "moving fronts, July-November 1920",
           "The Red Army's advance (Vilnius, 14 July 1920), its handing of Vilnius to Lithuania in late August, "
           "the Polish counter-offensive and Żeligowski's advance (Vilnius, 9 October) until the armistice of "
           "29 November 1920: no source read gives the fronts, so none is drawn.", determined=False),
    Period("1920-11-30", "1923-02-15", "the neutral zone, 1920-1923",
           "From the armistice of 29-30 November 1920 the neutral zone separated the Lithuanian army from "
           "Żeligowski's (Central Lithuania, from April 1922 the Wilno Land), and the Suwałki line of 1920 "
           "separated it from the Polish army in the south; Lithuania held the area west and north of them, "
           "Poland the rest of the area these layers cover.",
           lines=("suwalki_line_1920",), seeds=(("kaunas", "Lithuania"),), rest="Poland"),
    Period("1923-02-15", "1923-03-15", "the division of the neutral zone, February-March 1923",
           "Polish and Lithuanian troops occupied the halves of the neutral zone from 15 February 1923, with "
           "fighting until 18 February, until the decision of 15 March 1923: not drawn.", determined=False),
    Period("1923-03-15", "1939-09-17", "the line of 1923, 1923-1939",
           "The line of 15 March 1923 separated Lithuania from Poland until the Soviet invasion of Poland on "
           "17 September 1939."),
    Period("1939-09-17", "1939-10-28", "the Soviet invasion of Poland, September-October 1939",
           "The Red Army took Vilnius on 19 September 1939; the treaty of 10 October transferred the city and "
           "its region to Lithuania, which took them over on 27-28 October: the Red Army's hold is not drawn.",
           determined=False),
    Period("1939-10-28", "1940-06-15", "Lithuania with the Vilnius region, 1939-1940",
           "From the hand-over of 27-28 October 1939 Lithuania held the area the treaty of 10 October transferred "
           "(transfer_1939) until the Soviet occupation of 15 June 1940."),
)


def period_at(at) -> Period | None:
    """The period a day falls in, or None before the first and after the last.

    Examples
    --------
    >>> period_at("1925-01-01").name
    'the line of 1923, 1923-1939'
    >>> period_at("1920-09-01").determined
    False
    """
    day = parse_at(at)
    for period in PERIODS:
        if period.start <= day.isoformat() < period.end:
            return period
    return None


def _default_readings(frame):
    if "reading_default" not in frame.columns:
        return frame
    return frame[frame["reading_default"].isna() | (frame["reading_default"] == True)]  # noqa: E712


def _frame(frame):
    if frame is None:
        from borders.catalog import load_all

        frame = load_all()
    from borders.compare import _layer, as_features

    frame = as_features(frame, "control")
    return frame.assign(layer=_layer(frame))


def control(at, frame=None):
    """The pieces of the covered area and who held each on a day.

    Parameters
    ----------
    at : str or date
        The day (ISO date).
    frame : GeoDataFrame, optional
        Features to build from; by default :func:`borders.load_all`.

    Returns
    -------
    GeoDataFrame
        One row per piece: ``party`` (who held it), ``basis`` (the feature it is, or
        how it was derived), ``layers`` and ``readings`` it comes from, the ``period``'s
        name, and its geometry (EPSG:4326). Empty where the period is not determined.

    Examples
    --------
    >>> pieces = control("1921-06-01")
    >>> sorted(pieces["party"])
    ['Central Lithuania', 'Lithuania', 'Poland', 'neutral']
    """
    import geopandas as gpd

    frame = _frame(frame)
    period = period_at(at)
    empty = gpd.GeoDataFrame({"party": [], "basis": [], "layers": [], "readings": [], "period": []},
                             geometry=[], crs="EPSG:4326")
    if period is None or not period.determined:
        return empty
    live = _default_readings(frame[valid_at(frame, parse_at(at))])
    by_id = _default_readings(frame).set_index("id")
    known = set(by_id.index)
    coverage = shapely.union_all([by_id.loc[fid, "geometry"] for fid in COVERAGE if fid in known])
    column = {name: live[name].to_numpy(object) if name in live.columns else np.full(len(live), None, dtype=object)
              for name in ("id", "held_by", "layer", "reading", "kind")}  # by column: rows cost a Series each
    geoms = live.geometry.values
    held = [(column["id"][i], column["held_by"][i], geoms[i], column["layer"][i], column["reading"][i])
            for i in range(len(live)) if isinstance(column["held_by"][i], str)]
    held += [(fid, party, by_id.loc[fid, "geometry"], by_id.loc[fid, "layer"], by_id.loc[fid].get("reading"))
             for fid, party in period.holders if fid in known]
    cuts = [g for _, _, g, _, _ in held] + [geoms[i] for i in range(len(live))
                                              if column["layer"][i] in period.lines and column["kind"][i] == "segment"]
    edges = shapely.union_all([coverage.boundary, *[g.boundary if g.geom_type.endswith("Polygon") else g
                                                     for g in cuts]])
    faces = [f for f in shapely.get_parts(shapely.polygonize(shapely.get_parts(edges)))
             if coverage.contains(f.representative_point())]
    seeds = [(by_id.loc[pid, "geometry"] if pid in known else _place(frame, pid), party) for pid, party in period.seeds]
    rows = []
    lines_used = sorted(set(period.lines))
    for face in faces:
        inside = face.representative_point()
        owner = next((h for h in held if h[2].contains(inside)), None)
        if owner is not None:
            rows.append((owner[1], owner[0], [owner[3]], [owner[4]] if isinstance(owner[4], str) else [], face))
            continue
        party = next((p for g, p in seeds if g is not None and face.contains(g)), None)
        basis = "west and north of the period's lines" if party else "the rest of the covered area"
        party = party or period.rest
        if party is None:
            continue
        readings = sorted({h[4] for h in held if isinstance(h[4], str)})
        rows.append((party, basis, sorted({h[3] for h in held}) + lines_used, readings, face))
    table = pd.DataFrame(rows, columns=["party", "basis", "layers", "readings", "geometry"])
    if table.empty:
        return empty
    merged = (table.assign(key=table["party"] + "\x00" + table["basis"])
              .groupby("key", sort=True)
              .agg(party=("party", "first"), basis=("basis", "first"), layers=("layers", "first"),
                   readings=("readings", "first"), geometry=("geometry", lambda g: shapely.union_all(list(g)))))
    merged["period"] = period.name
    return gpd.GeoDataFrame(merged.reset_index(drop=True), geometry="geometry", crs="EPSG:4326")


def _place(frame, place_id):
    places = frame[(frame["layer"] == "places") & (frame["id"] == place_id)]
    return None if places.empty else places.geometry.iloc[0]


def control_at(points, at, frame=None) -> pd.DataFrame:
    """De jure and de facto, for each of some points on a day.

    Parameters
    ----------
    points : sequence of (lon, lat) or shapely Points
    at : str or date
    frame : GeoDataFrame, optional

    Returns
    -------
    DataFrame
        Per point: ``de_jure`` (the parties, ``; ``-joined, or ``none``), ``de_jure_by``
        (for each, ``party: territory (status)``), ``de_facto`` (the party, ``not determined``, or
        ``A or B`` within the uncertainty of a boundary), ``de_facto_by`` (the piece's
        basis), ``period`` and ``note``.

    Examples
    --------
    >>> view = control_at([(25.2798, 54.6892)], "1925-01-01")  # Vilnius
    >>> view.loc[0, "de_jure"]
    'Lithuania; Poland'
    >>> view.loc[0, "de_facto"]
    'Poland'
    """
    from shapely.geometry import Point

    geoms = [p if hasattr(p, "geom_type") else Point(*p) for p in points]
    if not all(g.geom_type == "Point" for g in geoms):
        raise BordersError("control_at takes points: (lon, lat) pairs or shapely Points")
    frame = _frame(frame)
    live = _default_readings(frame[valid_at(frame, parse_at(at))])
    assigned = live[live["assigned_to"].apply(lambda v: isinstance(v, str))] if "assigned_to" in live else live[:0]
    period = period_at(at)
    pieces = control(at, frame)
    segments = live[live["kind"] == "segment"]
    rows = []
    for point in geoms:
        claims = assigned[assigned.geometry.contains(point)]
        de_jure = "; ".join(sorted(dict.fromkeys(claims["assigned_to"]))) or "none"
        de_jure_by = [f"{party}: {fid} ({status})" for party, fid, status
                      in zip(claims["assigned_to"], claims["id"], claims["status"], strict=True)]
        if period is None or not period.determined or pieces.empty:
            rows.append((de_jure, de_jure_by, NOT_DETERMINED, None, period.name if period else None,
                         period.note if period else "Outside the periods the layers cover (1919-07-26 to "
                                                     "1940-06-15)."))
            continue
        hit = pieces[pieces.geometry.contains(point)]
        if hit.empty:  # on a boundary: the pieces that meet there
            hit = pieces[shapely.distance(np.asarray(pieces.geometry.values), point) < 1e-9]
            if len(hit) > 1:
                rows.append((de_jure, de_jure_by, " or ".join(dict.fromkeys(hit["party"])), hit["basis"].iloc[0],
                             period.name, period.note))
                continue
        if hit.empty:
            rows.append((de_jure, de_jure_by, NOT_DETERMINED, None, period.name,
                         "Outside the area these layers cover on that day."))
            continue
        piece = hit.iloc[0]
        answer = piece["party"]
        near = _near_boundary(point, piece, pieces, segments)
        if near is not None:
            answer = f"{answer} or {near}"
        rows.append((de_jure, de_jure_by, answer, piece["basis"], period.name, period.note))
    return pd.DataFrame(rows, columns=["de_jure", "de_jure_by", "de_facto", "de_facto_by", "period", "note"])


def control_over(point, when, frame=None) -> pd.DataFrame:
    """De jure and de facto for one point over a stretch of days, one row per stretch with the same answer.

    The answer can change only on a day when a territory or zone of the layers begins or ends, or a
    period of :data:`PERIODS` does; each of those days in ``when`` starts a new stretch, and
    stretches that answer alike are joined.

    Parameters
    ----------
    point : (lon, lat) or shapely Point
    when : str, date or (first, last)
        A day, or a year, month or EDTF expression (:func:`borders.dates.parse_when`).
    frame : GeoDataFrame, optional

    Returns
    -------
    DataFrame
        ``from`` and ``to`` (the first and last day of each stretch), then the columns of
        :func:`control_at`.

    Examples
    --------
    >>> view = control_over((25.2798, 54.6892), "1922")  # Vilnius: Central Lithuania, then the Wilno Land
    >>> view[["from", "to", "de_facto"]].values.tolist()
    [['1922-01-01', '1922-04-12', 'Central Lithuania'], ['1922-04-13', '1922-12-31', 'Poland']]
    """
    import datetime as dt

    period = parse_when(when)
    if period is None:
        raise BordersError("control_over needs a day or a period, e.g. '1921' or '1922-01'")
    first, last = period if isinstance(period, tuple) else (period, period)
    frame = _frame(frame)
    areas = frame[frame["kind"].isin(["territory", "zone"])]
    ends = {d for column in ("valid_from", "valid_to") for d in areas[column] if isinstance(d, str)}
    ends |= {d for p in PERIODS for d in (p.start, p.end)}
    days = sorted({first.isoformat(), *(d for d in ends if first.isoformat() < d <= last.isoformat())})
    rows = []
    for n, day in enumerate(days):
        to = (dt.date.fromisoformat(days[n + 1]) - dt.timedelta(days=1)).isoformat() if n + 1 < len(days) \
            else last.isoformat()
        answer = control_at([point], day, frame).iloc[0].to_dict()
        same = rows and all(rows[-1][k] == answer[k] for k in ("de_jure", "de_jure_by", "de_facto", "de_facto_by"))
        if same:
            rows[-1]["to"] = to
        else:
            rows.append({"from": day, "to": to, **answer})
    return pd.DataFrame(rows)


def _near_boundary(point, piece, pieces, segments) -> str | None:
    """The party across the boundary if the point lies within the uncertainty of the nearest segment on it."""
    others = pieces[pieces["party"] != piece["party"]]
    if segments.empty:
        return None
    edge = piece.geometry.boundary
    middles = shapely.line_interpolate_point(np.asarray(segments.geometry.values), 0.5, normalized=True)
    on_edge = segments[shapely.distance(middles, edge) < 1e-6]
    if on_edge.empty:
        return None
    distances = [float(Nearest(g).distance_m([point])[0]) for g in on_edge.geometry]
    best = int(np.argmin(distances))
    if distances[best] > float(on_edge.iloc[best]["uncertainty_m"]):
        return None
    if others.empty:  # the edge of what is drawn that day: beyond it, nothing is claimed
        return NOT_DETERMINED
    return others["party"].iloc[int(np.argmin(shapely.distance(np.asarray(others.geometry.values), point)))]
