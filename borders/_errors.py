"""Exception classes of the package, and the one-line form of their messages."""

from __future__ import annotations

import re

#: Control characters (a newline, an escape code...), Unicode's line and paragraph separators, and the
#: bidirectional overrides and isolates, which reorder the text a terminal shows.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def one_line(text: str) -> str:
    r"""``text`` with control characters shown as escapes, so a message stays on one line.

    Examples
    --------
    >>> print(one_line("two\nlines.geojson: \x1b[2J"))
    two\nlines.geojson: \x1b[2J
    """
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), str(text))


class BordersError(ValueError):
    """Base class of the errors this package raises for bad input."""


class LayerValidationError(BordersError):
    """A layer file or feature breaks the schema.

    The message is one line that names the file, the feature id and the field, so
    that the command line can print it as it is.
    """

    def __init__(self, message: str, *, path=None, feature=None, field=None):
        self.path = None if path is None else one_line(path)
        self.feature = feature
        self.field = field
        parts = []
        if self.path is not None:
            parts.append(self.path)
        if feature is not None:
            parts.append(f"feature {feature!r}")
        if field is not None:
            parts.append(f"field {field!r}")
        prefix = ": ".join(parts)
        super().__init__(f"{prefix}: {message}" if prefix else message)


class UnknownLayerError(BordersError, KeyError):
    """A layer id that is not in the catalogue."""

    def __str__(self) -> str:  # KeyError would add quotes around the message
        return str(self.args[0])


class AssumptionWarning(UserWarning):
    """What was assumed to read a user's layer (QGIS' forms of the fields); one line, naming the file."""
