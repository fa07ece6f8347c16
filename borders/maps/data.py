"""What a map needs to know of its data: whether it holds the layers asked for, and the timeline's dates.

The data is prepared (simplified geometry, uncertainty bands) the same way for the
static plots, by :func:`borders.scene.prepare`; every map takes the same ``data``
argument (:data:`borders.scene.MapData`).
"""

from __future__ import annotations

from borders._errors import BordersError, UnknownLayerError
from borders.scene import Prepared

__all__ = ["check_layers", "check_dates", "short_name", "timeline_events"]


def check_layers(prepared: Prepared, *layer_ids: str) -> None:
    """Raise :class:`~borders.UnknownLayerError`, naming the known layers, for an id the data does not hold.

    Examples
    --------
    >>> from borders.scene import prepare
    >>> check_layers(prepare(), "treaty_1902")
    Traceback (most recent call last):
    ...
    borders._errors.UnknownLayerError: unknown layer 'treaty_1902'; known: demarcation_1923, foch_line, ...
    """
    known = sorted({props["layer"] for props in prepared.records.values()})
    for layer_id in layer_ids:
        if layer_id not in known:
            raise UnknownLayerError(f"unknown layer {layer_id!r}; known: {', '.join(known)}")


def check_dates(*, first: str, last: str, start: str) -> None:
    """Raise :class:`~borders.BordersError` unless the timeline's days are ISO dates, in order.

    Examples
    --------
    >>> check_dates(first="1919-06-01", last="1940-12-31", start="1921-06-01")
    >>> check_dates(first="1921-01-01", last="1920-01-01", start="1920-06-01")
    Traceback (most recent call last):
    ...
    borders._errors.BordersError: the timeline's first day 1921-01-01 comes after its last, 1920-01-01
    """
    from borders.dates import parse_at

    days = {"first": first, "last": last, "start": start}
    for name, value in days.items():
        if not isinstance(value, str):
            raise TypeError(f"the timeline's {name} day is an ISO date string like '1920-07-12'; got {value!r}")
        try:
            parse_at(value)
        except BordersError as err:
            raise BordersError(f"the timeline's {name} day: {err}") from None
    if first > last:
        raise BordersError(f"the timeline's first day {first} comes after its last, {last}")
    if not first <= start <= last:
        raise BordersError(f"the timeline's start day {start} is outside its range {first}..{last}")


def short_name(name: str) -> str:
    """A feature's name up to its first comma, colon or parenthesis: what a timeline's caption says.

    Examples
    --------
    >>> short_name("Neutral zone between Lithuanian and Polish forces, 30 November 1920 - 15 February 1923")
    'Neutral zone between Lithuanian and Polish forces'
    >>> short_name("Foch line (demarcation line of 26 July 1919)")
    'Foch line'
    """
    cut = min((at for at in (name.find(", "), name.find(" ("), name.find(": ")) if at > 0), default=len(name))
    return name[:cut]


def timeline_events(prepared: Prepared, first: str, last: str) -> list[dict]:
    """The days between ``first`` and ``last`` when a line, territory or zone began or ended.

    Each is ``{"date": ..., "began": [names], "ended": [names]}``, by date, with the
    features' short names (:func:`short_name`, once each). Only the readings drawn at first
    count (another reading is off until the reader shows it), and no frame (it only closes
    a territory, which is named). The names are plain text: the page sets them with
    ``textContent``, so they are not escaped.

    Examples
    --------
    >>> from borders.scene import prepare
    >>> timeline_events(prepare(), "1919-01-01", "1919-12-31")[1]
    {'date': '1919-07-26', 'began': ['Area the Foch line assigned to Lithuanian administration', 'Foch line'], \
'ended': ['Entente demarcation line of 18 June 1919']}
    """
    events: dict[str, dict[str, set]] = {}
    for idx in prepared.select(kinds={"line", "territory", "zone"}):
        props = prepared.records[idx]
        if props.get("reading_default") is False or props.get("status") == "frame":
            continue
        for end, key in (("valid_from", "began"), ("valid_to", "ended")):
            day = props.get(end)
            if isinstance(day, str):
                events.setdefault(day, {"began": set(), "ended": set()})[key].add(short_name(str(props["name"])))
    return [{"date": d, "began": sorted(e["began"]), "ended": sorted(e["ended"])} for d, e in sorted(events.items())
            if first <= d <= last]
