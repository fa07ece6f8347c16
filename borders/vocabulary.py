"""Plain words for the codes the data uses (kinds, statuses, methods, bases), for readers of maps and plots.

The data keeps its codes (``de_facto``, ``segment``); popups and legends show the
words, with the code beside them, so that a reader can find the field in the data.

Examples
--------
>>> from borders.vocabulary import words
>>> words("status", "de_facto"), words("kind", "segment")
('de facto control', 'segment of the line')
>>> words("status", "my own status")  # a code we have no words for is shown as it is
'my own status'
"""

from __future__ import annotations

__all__ = ["WORDS", "LINE_LABELS", "words"]

#: Plain words for each code of each field (see :mod:`borders.schema` for the codes).
WORDS: dict[str, dict[str, str]] = {
    "kind": {
        "line": "line",
        "segment": "segment of the line",
        "territory": "territory",
        "zone": "zone",
        "place": "place",
        "country": "today's country",
        "river": "river",
        "lake": "lake",
        "railway": "railway",
        "control": "area held in a stable period (borders.control)",
    },
    "status": {
        "treaty": "border agreed by treaty",
        "decree": "boundary set by decree, not agreed between states",
        "demarcation": "demarcation line",
        "de_facto": "de facto control",
        "electoral": "area of an election",
        "neutral": "neutral zone",
        "frame": "frame: closes a territory, not itself the line studied",
        "undetermined": "not determined by the sources",
        "gazetteer": "gazetteer entry",
        "modern": "today's",
        "context": "context for the period",
    },
    "method": {
        "named_place": "through named places",
        "follows_river": "along a river",
        "follows_boundary": "along a boundary",
        "follows_shore": "along a lake shore",
        "interpolated": "straight between known points",
    },
    "basis": {
        "text": "the text of the document that made the line",
        "summary": "a secondary summary of the course",
        "inferred": "inferred from places whose side is known",
        "proxy": "another line stands in; no source says they coincide",
    },
}

#: A line's status as legends name it: the web maps', the print plot's and the QGIS styles'.
LINE_LABELS: dict[str, str] = {
    "treaty": "Treaty border",
    "decree": "Boundary set by decree",
    "demarcation": "Demarcation line",
    "de_facto": "Held by force (de facto)",
    "neutral": "Neutral zone",
    "undetermined": "Undetermined by the sources",
    "frame": "Frame (closes a territory)",
    "user": "Your layer",
}


def words(field: str, code) -> str:
    """The plain words for ``code`` of ``field`` (``"kind"``, ``"status"``, ``"method"``, ``"basis"``).

    A code we have no words for is returned as text, unchanged.

    Examples
    --------
    >>> words("basis", "proxy")
    'another line stands in; no source says they coincide'
    >>> words("method", None)
    'None'
    """
    return WORDS.get(field, {}).get(code, str(code))
