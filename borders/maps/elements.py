"""The folium elements of these maps: fixed markup, and scripts whose data is one JSON object per page.

Every :class:`Script` puts its data into the page's one JSON object, ``bordersData``
(keyed by the element's name and embedded with every ``<`` escaped, :func:`script_safe`,
so that no string in it can end its ``<script>``), inlines the asset files its code
needs (``borders/maps/assets/``), and adds one line of script that hands the two to
that code. Only folium's own variable names are written into code.

branca would compile each element's output again as a Jinja template: slow for
large data, and ``{{ … }}`` in a layer's strings would be evaluated. These elements
put their output into the page as it is.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from importlib.resources import files
from typing import Any

from branca.element import Element, Figure, MacroElement
from jinja2.utils import htmlsafe_json_dumps

__all__ = ["Raw", "Script", "SharedJson", "asset", "script_safe", "stable_ids"]


@cache
def asset(name: str) -> str:
    """The text of an asset file shipped in ``borders/maps/assets/`` (JavaScript or CSS).

    Examples
    --------
    >>> "borders.timeline" in asset("timeline.js")
    True
    """
    text = (files("borders.maps") / "assets" / name).read_text(encoding="utf-8")
    if "</script" in text.lower() or "</style" in text.lower():  # would end the inline element early
        raise RuntimeError(f"asset {name} contains a closing tag; it cannot be inlined")
    return text


def stable_ids(m: Element, seed: str) -> Element:
    """Give ``m``'s page and every element in it an id made from ``seed`` and its place in the page.

    branca draws each element's id at random, so two runs of ``borders maps`` wrote different
    bytes; with these a page is the same every time it is made from the same data. Elements
    added afterwards get random ids again. A notebook shows each map in its own frame, so two
    maps with one ``seed`` do not clash there.

    Examples
    --------
    >>> import folium
    >>> a, b = stable_ids(folium.Map(), "x"), stable_ids(folium.Map(), "x")
    >>> a.get_name() == b.get_name() and a.get_root().render() == b.get_root().render()
    True
    """
    def visit(element: Element, path: str) -> None:
        element._id = hashlib.sha256(f"{seed}\x00{path}\x00{type(element).__name__}".encode()).hexdigest()[:32]
        for n, child in enumerate(element._children.values()):
            visit(child, f"{path}.{n}")

    visit(m.get_root(), "0")
    return m


class Raw(Element):
    """Fixed markup, put in the page as it is."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


_JSON = {"ensure_ascii": False, "separators": (",", ":")}


class SharedJson(dict):
    """A JSON object that keeps its encoding, for data that several pages share (features).

    Maps drawn in a row from one prepared data share their features; each is then
    encoded once. It must not change once it is in a page.
    """

    @property
    def encoded(self) -> str:
        """Its JSON text (made the first time it is asked for)."""
        if "_encoded" not in self.__dict__:
            self.__dict__["_encoded"] = json.dumps(self, **_JSON)
        return self.__dict__["_encoded"]


def _dumps(value, **kwargs) -> str:
    """``json.dumps``, except that a :class:`SharedJson` is put in as it was encoded (with the page's options)."""
    if isinstance(value, SharedJson):
        return value.encoded
    if isinstance(value, dict):
        return "{" + ",".join(f"{json.dumps(str(k), **kwargs)}:{_dumps(v, **kwargs)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):  # most often a layer's features
        return "[" + ",".join(v.encoded if isinstance(v, SharedJson) else _dumps(v, **kwargs) for v in value) + "]"
    return json.dumps(value, **kwargs)


def script_safe(text: str) -> str:
    """JSON text that cannot end or restart the ``<script>`` it is inlined in: every ``<`` escaped.

    Inside a script element only ``</script``, ``<!--`` and ``<script`` are markup, and all
    begin with ``<``; ``>``, ``&`` and quotes are not, so they are left as they are (escaping them,
    as ``htmlsafe_json_dumps`` does, cost the overview 5 bytes for each in its popups).

    Examples
    --------
    >>> print(script_safe('{"name": "</script><b>&"}'))
    {"name": "\\u003c/script>\\u003cb>&"}
    """
    return text.replace("<", "\\u003c")


class _PageData(Element):
    """The page's one JSON object: each script's data under its element's name."""

    def __init__(self):
        super().__init__()
        self.parts: dict[str, Any] = {}

    def render(self, **kwargs) -> str:
        data = script_safe(_dumps(self.parts, **_JSON))
        return f"<script>window.bordersData = Object.assign(window.bordersData || {{}}, {data});</script>"


def _page_data(figure: Figure) -> _PageData:
    data = figure.header._children.get("borders_data")
    if data is None:
        data = _PageData()
        figure.header.add_child(data, name="borders_data")
    return data


class Script(MacroElement):
    """An element drawn by one of our scripts, from its data in the page's JSON object.

    Subclasses set ``assets`` (the files their code needs, in order), ``data`` (plain
    JSON-able values) and :meth:`call` (the line that runs the code; ``data`` is the
    expression for this element's data).
    """

    assets: tuple[str, ...] = ()

    def __init__(self):
        super().__init__()
        self.data: dict[str, Any] = {}

    def call(self, data: str) -> str:
        raise NotImplementedError

    def render(self, **kwargs) -> None:
        figure = self.get_root()
        if not isinstance(figure, Figure):
            raise TypeError(f"cannot render {type(self).__name__}: it is not in a folium Map or branca Figure")
        for name in self.assets:
            tag = "style" if name.endswith(".css") else "script"
            figure.header.add_child(Raw(f"<{tag}>{asset(name)}</{tag}>"), name=f"borders_{name}")
        name = self.get_name()
        _page_data(figure).parts[name] = self.data
        figure.script.add_child(Raw(self.call(f"bordersData[{htmlsafe_json_dumps(name)}]") + "\n"), name=name)
        for child in self._children.values():
            child.render(**kwargs)
