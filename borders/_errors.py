"""Exception classes of the package."""

from __future__ import annotations


class BordersError(ValueError):
    """Base class of the errors this package raises for bad input."""


class LayerValidationError(BordersError):
    """A layer file or feature breaks the schema.

    The message is one line that names the file, the feature id and the field, so
    that the command line can print it as it is.
    """

    def __init__(self, message: str, *, path=None, feature=None, field=None):
        self.path = None if path is None else str(path)
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
