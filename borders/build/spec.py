"""Reading the specification files, and the schema that checks them before anything is built.

The specifications are TOML (read with the standard library's ``tomllib``; no code
runs from them). :func:`read_spec` parses a file and records on which line each
table, key and step stands, so that every error can say ``file:line``, the
feature it concerns and what was expected. The checks stop at the first problem.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> path = Path(tempfile.mkdtemp()) / "mine.toml"
>>> _ = path.write_text('[layer]\\nid = "mine"\\n\\n[[lines]]\\nid = "mine/a"\\nstatus = "treaty"\\n')
>>> spec = read_spec(path)
>>> spec.line_of("lines", 0, "status")
6
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from borders._errors import BordersError
from borders.build.steps import POINT_KINDS, STEP_KINDS, kind_of
from borders.build.units import metres
from borders.schema import (
    LINE_SIDES,
    MAX_UNCERTAINTY_M,
    METHODS,
    PARTIES,
    REGION_BOUNDS,
    STATUSES,
    evidence_problem,
    evidence_years,
)

__all__ = ["SpecError", "SpecFile", "read_spec", "Context", "check_line_layer", "check_places", "check_part",
           "PLACE_TYPES", "FEATURE_KINDS"]

#: What a gazetteer entry is.
PLACE_TYPES = frozenset({"city", "town", "village", "station", "lake", "river_mouth", "river_source",
                         "boundary_marker"})
#: What a territory of a line layer may be.
FEATURE_KINDS = frozenset({"territory", "zone"})


class SpecError(BordersError):
    """A specification breaks the schema, or cannot be built: ``file:line: feature: what was expected``."""

    def __init__(self, message: str, *, path=None, line=None, feature=None):
        self.path, self.line, self.feature = path, line, feature
        where = f"{_shown(path)}:{line}" if path is not None and line else (_shown(path) if path else "")
        parts = [p for p in (where, feature) if p]
        super().__init__(": ".join([*parts, message]))


def _shown(path) -> str:
    """A path as the user would type it: relative to the working folder where it lies below it."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


# --- reading, with line numbers ------------------------------------------------------

_ARRAY_TABLE = re.compile(r"^\[\[\s*([^\]]+?)\s*\]\]")
_TABLE = re.compile(r"^\[\s*([^\]]+?)\s*\]")
_KEY = re.compile(r'^("[^"]*"|[A-Za-z0-9_-]+)\s*=\s*(.*)$')


def _locate(text: str) -> dict:
    """Line numbers of the tables, keys and array elements of a TOML text (one element a line)."""
    where: dict = {}
    counts: dict = {}
    table: tuple = ()
    in_string = False
    array_key = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if in_string:
            in_string = line.count('"""') % 2 == 0
            continue
        if not line or line.startswith("#"):
            continue
        if array_key is not None:
            if line.startswith("]"):
                array_key = None
            else:
                index = counts.get(table + (array_key,), 0)
                where[table + (array_key, index)] = number
                counts[table + (array_key,)] = index + 1
            continue
        if match := _ARRAY_TABLE.match(line):
            names = [n.strip() for n in match.group(1).split(".")]
            path: tuple = ()
            for name in names[:-1]:
                path += (name,)
                if path in counts:  # an array of tables: its latest element
                    path += (counts[path] - 1,)
            path += (names[-1],)
            counts[path] = counts.get(path, 0) + 1
            table = path + (counts[path] - 1,)
            where[table] = number
        elif match := _TABLE.match(line):
            table = tuple(n.strip().strip('"') for n in match.group(1).split("."))
            where[table] = number
        elif match := _KEY.match(line):
            key, value = match.group(1).strip('"'), match.group(2).strip()
            where[table + (key,)] = number
            if value.startswith('"""') and value.count('"""') % 2 == 1:
                in_string = True
            elif value == "[":
                array_key = key
    return where


@dataclass
class SpecFile:
    """A parsed specification file: its data and where each part of it stands."""

    path: Path
    data: dict
    lines: dict = field(repr=False)

    def line_of(self, *keys) -> int | None:
        """The line of the most specific part of ``keys`` that the file shows (e.g. a step, its segment)."""
        for end in range(len(keys), 0, -1):
            if keys[:end] in self.lines:
                return self.lines[keys[:end]]
        return None

    def error(self, message: str, keys=(), feature: str | None = None) -> SpecError:
        return SpecError(message, path=self.path, line=self.line_of(*keys), feature=feature)


def read_spec(path) -> SpecFile:
    """Parse a specification file.

    Raises
    ------
    SpecError
        If it cannot be read or is not valid TOML (with the line TOML's parser names).
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SpecError("no such file", path=path) from None
    except UnicodeDecodeError as err:
        raise SpecError(f"not UTF-8 (bad byte at offset {err.start}); save it as UTF-8", path=path) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        found = re.search(r"\(at line (\d+), column (\d+)\)", str(err))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(err)) or "invalid TOML"
        line = int(found.group(1)) if found else None
        raise SpecError(f"not valid TOML: {message}", path=path, line=line) from None
    return SpecFile(path=path, data=data, lines=_locate(text))


# --- the schema ----------------------------------------------------------------------

@dataclass
class Context:
    """What specifications may refer to: places, sources, today's countries, railways."""

    places: dict
    sources: set
    countries: set
    railways: dict = field(default_factory=dict)
    places_file: str = "geodata/specs/places.toml"
    lines: set = field(default_factory=set)
    #: The ids of the sources of kind "gazetteer", which a place's ``source`` may name.
    gazetteers: set = field(default_factory=set)
    #: Segment id -> the segment table, of every layer checked so far (what ``same_as`` may name).
    earlier: dict = field(default_factory=dict)


_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_EDTF = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?[~?%]?$")


def _suggest(value, choices) -> str:
    close = difflib.get_close_matches(str(value), [str(c) for c in choices], n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


class _Checker:
    """Walks one file, raising the first :class:`SpecError`."""

    def __init__(self, spec: SpecFile, ctx: Context):
        self.spec, self.ctx = spec, ctx

    def fail(self, message, keys, feature=None):
        raise self.spec.error(message, keys, feature)

    def keys(self, table, keys, *, required, optional=(), feature=None, what="table"):
        if not isinstance(table, dict):
            self.fail(f"expected a {what}, got {table!r}", keys, feature)
        for name in required:
            if name not in table:
                self.fail(f"field {name!r}: missing", keys, feature)
        allowed = set(required) | set(optional)
        for name in table:
            if name not in allowed:
                self.fail(f"field {name!r}: not a field of a {what}{_suggest(name, allowed)}; "
                          f"expected {', '.join(sorted(allowed))}", keys + (name,), feature)

    def text(self, table, name, keys, feature, *, optional=False):
        value = table.get(name)
        if value is None and optional:
            return
        if not isinstance(value, str) or not value.strip():
            self.fail(f"field {name!r}: expected non-empty text, got {value!r}", keys + (name,), feature)

    def id_of(self, table, keys, prefix, seen, what):
        fid = table.get("id")
        if not isinstance(fid, str) or not fid.startswith(prefix) or len(fid) == len(prefix):
            self.fail(f"field 'id': expected an id that begins with {prefix!r}, got {fid!r}", keys + ("id",))
        if fid in seen:
            self.fail(f"field 'id': {fid!r} is used twice in the layer", keys + ("id",))
        seen.add(fid)
        return f"{what} {fid!r}"

    def sources(self, table, keys, feature):
        src = table.get("sources")
        if not isinstance(src, list) or not src or not all(isinstance(s, str) for s in src):
            self.fail(f"field 'sources': expected a non-empty list of source ids, got {src!r}", keys + ("sources",),
                      feature)
        for s in src:
            if s not in self.ctx.sources:
                self.fail(f"field 'sources': unknown source id {s!r}{_suggest(s, self.ctx.sources)}; "
                          "add it to geodata/sources.json", keys + ("sources",), feature)

    def dates(self, table, keys, feature, *, need_from=True):
        days = {}
        for name in ("valid_from", "valid_to", "signed", "in_force", "presented", "confirmed",
                     "confirmed_suwalki_section"):
            value = table.get(name)
            if value is None:
                if name == "valid_from" and need_from:
                    self.fail("field 'valid_from': missing", keys, feature)
                continue
            try:
                if not isinstance(value, str) or not _ISO_DAY.match(value):
                    raise ValueError
                days[name] = dt.date.fromisoformat(value)
            except ValueError:
                self.fail(f"field {name!r}: expected an ISO date 'YYYY-MM-DD', got {value!r} (an uncertain date "
                          f"goes in {name}_edtf, e.g. '1922-01')", keys + (name,), feature)
        for name in ("valid_from_edtf", "valid_to_edtf"):
            value = table.get(name)
            if value is not None and (not isinstance(value, str) or not _EDTF.match(value)):
                self.fail(f"field {name!r}: expected an EDTF date such as '1922-01' or '1920-10~', got {value!r}",
                          keys + (name,), feature)
        if "valid_from" in days and "valid_to" in days and days["valid_to"] <= days["valid_from"]:
            self.fail(f"field 'valid_to': {days['valid_to']} is not after valid_from {days['valid_from']}; a "
                      "feature is valid from its first day up to, not including, its last", keys + ("valid_to",),
                      feature)

    def number(self, table, name, keys, feature):
        value = table.get(name)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
                or not 0 < value <= MAX_UNCERTAINTY_M:
            self.fail(f"field {name!r}: expected a number of metres above 0 and at most {MAX_UNCERTAINTY_M:,}, "
                      f"got {value!r}", keys + (name,), feature)

    # --- steps ---
    def place(self, value, keys, feature, label):
        if not isinstance(value, str) or value not in self.ctx.places:
            self.fail(f"{label}: unknown place id {value!r}{_suggest(value, self.ctx.places)}; expected an id of "
                      f"{self.ctx.places_file}", keys, feature)

    def country(self, value, keys, feature, label):
        if value not in self.ctx.countries:
            self.fail(f"{label}: unknown country {value!r}; expected one of {', '.join(sorted(self.ctx.countries))}",
                      keys, feature)

    def step(self, step, keys, feature, label, *, point_only=False):
        if not isinstance(step, dict):
            self.fail(f"{label}: expected a step such as {{place = \"vilnius\"}}, got {step!r}", keys, feature)
        kind = kind_of(step)
        if kind is None:
            named = [k for k in step if k in STEP_KINDS]
            guess = _suggest(next(iter(step), ""), STEP_KINDS)
            self.fail(f"{label}: " + (f"names several kinds ({', '.join(named)}); a step has one" if named else
                      f"no step kind{guess}; expected one of {', '.join(STEP_KINDS)}"), keys, feature)
        spec = STEP_KINDS[kind]
        label = f"{label} ({kind})"
        if point_only and kind not in POINT_KINDS:
            self.fail(f"{label}: expected a point step ({', '.join(sorted(POINT_KINDS))})", keys, feature)
        for name in spec.fields:
            if name not in step and name not in spec.optional:
                self.fail(f"{label}: field {name!r}: missing; e.g. {spec.example}", keys, feature)
        for name, value in step.items():
            if name not in spec.fields:
                self.fail(f"{label}: field {name!r} is not a field of {kind}{_suggest(name, spec.fields)}; "
                          f"e.g. {spec.example}", keys, feature)
            self.value(spec.fields[name], value, keys, feature, f"{label}: field {name!r}", owner=kind)

    def value(self, kind, value, keys, feature, label, owner=None):
        if kind == "place":
            self.place(value, keys, feature, label)
        elif kind == "places":
            if not isinstance(value, list) or len(value) != 2:
                self.fail(f"{label}: expected two place ids, got {value!r}", keys, feature)
            for v in value:
                self.place(v, keys, feature, label)
        elif kind == "country":
            self.country(value, keys, feature, label)
        elif kind == "countries":
            if not isinstance(value, list) or len(value) != 2 or value[0] == value[1]:
                self.fail(f"{label}: expected two country codes, e.g. [\"LT\", \"PL\"], got {value!r}", keys, feature)
            for v in value:
                self.country(v, keys, feature, label)
        elif kind == "length":
            try:
                if not metres(value) > 0:
                    raise ValueError(f"expected a length above 0, got {value!r}")
            except ValueError as err:
                self.fail(f"{label}: {err}", keys, feature)
        elif kind == "bearing":
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value < 360:
                self.fail(f"{label}: expected a bearing in degrees from 0 to 360, got {value!r}", keys, feature)
        elif kind == "point":
            self.step(value, keys, feature, label, point_only=True)
        elif kind == "until":
            if isinstance(value, dict) and "border" in value:
                if set(value) != {"border"}:
                    self.fail(f"{label}: expected {{border = [A, B]}} alone, got {value!r}", keys, feature)
                self.value("countries", value["border"], keys, feature, label)
            else:
                self.step(value, keys, feature, label, point_only=True)
        elif kind == "evidence":
            count = 2 if owner == "midpoint" else 1
            years = value if isinstance(value, list) else [value]
            if len(years) != count or not all(evidence_years(y) for y in years):
                self.fail(f"{label}: expected the year (1921), the years ('1919-1922') or 'undated' that the "
                          "statement of the place's side describes"
                          + (", one for each of the two places, e.g. [1913, 1921]" if count == 2 else "")
                          + f", got {value!r}", keys, feature)
        elif kind == "place_or_point":
            if isinstance(value, dict):
                self.step(value, keys, feature, label, point_only=True)
            else:
                self.place(value, keys, feature, label)
        elif kind == "line":
            if value not in self.ctx.lines:
                self.fail(f"{label}: unknown line {value!r}{_suggest(value, self.ctx.lines)}; expected the id of a "
                          f"line of the file: {', '.join(sorted(self.ctx.lines)) or 'none'}", keys, feature)
        elif kind == "railway":
            if value not in self.ctx.railways:
                self.fail(f"{label}: unknown railway {value!r}; expected one of the file's [railways]: "
                          f"{', '.join(self.ctx.railways) or 'none'}", keys, feature)
        elif "|" in kind:
            if value not in kind.split("|"):
                self.fail(f"{label}: expected {' or '.join(repr(w) for w in kind.split('|'))}, got {value!r}",
                          keys, feature)
        else:  # pragma: no cover - a kind the table above does not know
            raise AssertionError(kind)

    def segment(self, seg, keys, prefix, seen, *, first_of_line=False, frame=False):
        feature = self.id_of(seg, keys, prefix, seen, "segment")
        if isinstance(seg, dict) and "same_as" in seg:
            self.keys(seg, keys, required=("id", "same_as"), feature=feature, what="segment drawn as another")
            other = seg["same_as"]
            if other not in self.ctx.earlier:
                self.fail(f"field 'same_as': {other!r} is not a segment of a layer listed before this one in "
                          f"catalog.toml{_suggest(other, self.ctx.earlier)}", keys + ("same_as",), feature)
            return
        self.keys(seg, keys, required=("id", "name", "sources", "method", "basis", "uncertainty_m", "determined",
                                       "note", "steps"),
                  optional=("status", "clause", "clause_language", "confirmed", "unidentified", "valid_from",
                            "valid_to", "valid_from_edtf", "valid_to_edtf"), feature=feature, what="segment")
        self.text(seg, "name", keys, feature)
        self.text(seg, "note", keys, feature)
        self.text(seg, "clause", keys, feature, optional=True)
        self.text(seg, "clause_language", keys, feature, optional=True)
        if not frame and "clause" not in seg:
            self.fail("field 'clause': missing; quote the short clause of the source this segment implements",
                      keys, feature)
        if "clause" in seg and not re.fullmatch(r"[a-z]{2,3}", str(seg.get("clause_language", ""))):
            self.fail(f"field 'clause_language': expected the language of the clause as a code such as 'en', 'pl', "
                      f"'lt' or 'ru', got {seg.get('clause_language')!r}", keys + ("clause_language",), feature)
        if "status" in seg and seg["status"] not in STATUSES:
            self.fail(f"field 'status': expected one of {', '.join(sorted(STATUSES))}, got {seg['status']!r}",
                      keys + ("status",), feature)
        self.sources(seg, keys, feature)
        if seg["method"] not in METHODS:
            self.fail(f"field 'method': expected one of {', '.join(sorted(METHODS))}, got {seg['method']!r}",
                      keys + ("method",), feature)
        self.number(seg, "uncertainty_m", keys, feature)
        unidentified = seg.get("unidentified", [])
        if not isinstance(unidentified, list) or not all(isinstance(u, str) and u.strip() for u in unidentified):
            self.fail(f"field 'unidentified': expected the names of the points the source gives that could not be "
                      f"located, e.g. [\"Borovyia\"], got {unidentified!r}", keys + ("unidentified",), feature)
        problem = evidence_problem(seg["basis"], seg["determined"], seg["note"], unidentified)
        if problem:
            self.fail(f"field {problem[0]!r}: {problem[1]}", keys + (problem[0],), feature)
        self.dates(seg, keys, feature, need_from=False)
        steps = seg["steps"]
        if not isinstance(steps, list) or not steps:
            self.fail("field 'steps': expected a list of steps, one a line", keys + ("steps",), feature)
        for i, step in enumerate(steps):
            self.step(step, keys + ("steps", i), feature, f"step {i + 1}")
        if first_of_line and kind_of(steps[0]) not in POINT_KINDS:
            self.fail(f"step 1 ({kind_of(steps[0])}): a line's first segment must begin with a point step "
                      f"({', '.join(sorted(POINT_KINDS))}), where the line starts", keys + ("steps", 0), feature)


def _check_layer_table(checker: _Checker, layer_id: str) -> None:
    spec = checker.spec
    layer = spec.data.get("layer")
    checker.keys(layer if layer is not None else None, ("layer",), what="[layer] table",
                 required=("id", "title", "description", "licence", "sources", "method", "valid_from"),
                 optional=("valid_to",))
    if layer["id"] != layer_id:
        checker.fail(f"field 'id': expected {layer_id!r}, the file's name, got {layer['id']!r}", ("layer", "id"))
    for name in ("title", "description", "licence", "method"):
        checker.text(layer, name, ("layer",), "[layer]")
    checker.sources(layer, ("layer",), "[layer]")
    checker.dates(layer, ("layer",), "[layer]")


def check_line_layer(spec: SpecFile, ctx: Context, parts: dict) -> None:
    """Check a layer of lines, segments and territories (e.g. ``treaty_1920.toml``).

    ``parts`` maps the names a ``[[frame]]`` may ``use`` to their :class:`SpecFile`.
    """
    checker = _Checker(spec, ctx)
    layer_id = spec.path.stem
    checker.keys(spec.data, (), required=("layer", "lines"),
                 optional=("railways", "frame", "territories", "questions"), what="layer file")
    _check_layer_table(checker, layer_id)
    railways = spec.data.get("railways", {})
    for rid, railway in railways.items():
        keys = ("railways", rid)
        checker.keys(railway, keys, required=("name", "stations"), what="railway", feature=f"railway {rid!r}")
        stations = railway["stations"]
        if not isinstance(stations, list) or len(stations) < 2:
            checker.fail("field 'stations': expected a list of at least two place ids", keys + ("stations",))
        for station in stations:
            checker.place(station, keys + ("stations",), f"railway {rid!r}", "field 'stations'")
    ctx.railways = {rid: r["stations"] for rid, r in railways.items()}
    prefix, seen = f"{layer_id}/", set()
    lines = spec.data["lines"]
    if not isinstance(lines, list) or not lines:
        checker.fail("expected one or more [[lines]]", ("lines",))
    ctx.lines = {line.get("id") for line in lines if isinstance(line, dict)}
    line_ids = set()
    for i, line in enumerate(lines):
        keys = ("lines", i)
        feature = checker.id_of(line, keys, prefix, seen, "line")
        line_ids.add(line["id"])
        checker.keys(line, keys, required=("id", "name", "status", "valid_from", "sources", "note", "segments"),
                     optional=("valid_to", "valid_from_edtf", "valid_to_edtf", "signed", "in_force", "presented",
                               "confirmed_suwalki_section", *LINE_SIDES), feature=feature, what="line")
        given = [side for side in LINE_SIDES if side in line]
        if len(given) == 1:
            other = next(side for side in LINE_SIDES if side not in line)
            checker.fail(f"field {given[0]!r} without {other!r}: a line's sides are given both or neither",
                         keys + (given[0],), feature)
        for side in given:
            if line[side] not in PARTIES:
                checker.fail(f"field {side!r}: expected one of {', '.join(sorted(PARTIES))}, got {line[side]!r}",
                             keys + (side,), feature)
        checker.text(line, "name", keys, feature)
        checker.text(line, "note", keys, feature)
        if line["status"] not in STATUSES:
            checker.fail(f"field 'status': expected one of {', '.join(sorted(STATUSES))}, got {line['status']!r}",
                         keys + ("status",), feature)
        checker.sources(line, keys, feature)
        checker.dates(line, keys, feature)
        segments = line["segments"]
        if not isinstance(segments, list) or not segments:
            checker.fail("expected one or more [[lines.segments]] below the line", keys, feature)
        for j, seg in enumerate(segments):
            checker.segment(seg, keys + ("segments", j), prefix, seen, first_of_line=j == 0,
                            frame=line["status"] == "frame")
    frame = spec.data.get("frame", [])
    for i, entry in enumerate(frame):
        keys = ("frame", i)
        if isinstance(entry, dict) and "use" in entry:
            checker.keys(entry, keys, required=("use",), what="[[frame]] use")
            if entry["use"] not in parts:
                checker.fail(f"field 'use': unknown part {entry['use']!r}; expected one of "
                             f"{', '.join(sorted(parts)) or 'none'} (geodata/specs/parts/)", keys + ("use",))
            for seg in parts[entry["use"]].data["segments"]:
                full = dict(seg, id=f"{prefix}{seg['id']}")
                if full["id"] in seen:
                    checker.fail(f"part {entry['use']!r} has segment {full['id']!r}, which the layer uses already",
                                 keys + ("use",))
                seen.add(full["id"])
            continue
        checker.segment(entry, keys, prefix, seen, frame=True)
    territories = spec.data.get("territories", [])
    framed = 0
    for i, terr in enumerate(territories):
        keys = ("territories", i)
        feature = checker.id_of(terr, keys, prefix, seen, "territory")
        checker.keys(terr, keys, required=("id", "name", "kind", "status", "valid_from", "ring", "seed", "sources",
                                           "note"),
                     optional=("valid_to", "valid_from_edtf", "valid_to_edtf", "assigned_to", "held_by"),
                     feature=feature, what="territory")
        for party in ("assigned_to", "held_by"):
            if party in terr and terr[party] not in PARTIES:
                checker.fail(f"field {party!r}: expected one of {', '.join(sorted(PARTIES))}, got {terr[party]!r}",
                             keys + (party,), feature)
        checker.text(terr, "name", keys, feature)
        checker.text(terr, "note", keys, feature)
        if terr["kind"] not in FEATURE_KINDS:
            checker.fail(f"field 'kind': expected territory or zone, got {terr['kind']!r}", keys + ("kind",), feature)
        if terr["status"] not in STATUSES:
            checker.fail(f"field 'status': expected one of {', '.join(sorted(STATUSES))}, got {terr['status']!r}",
                         keys + ("status",), feature)
        checker.sources(terr, keys, feature)
        checker.dates(terr, keys, feature)
        for seed in terr["seed"] if isinstance(terr["seed"], list) else [terr["seed"]]:
            checker.value("place_or_point", seed, keys + ("seed",), feature, "field 'seed'")
        ring = terr["ring"]
        if not isinstance(ring, list) or not ring:
            checker.fail("field 'ring': expected the ids of the lines and segments that enclose it",
                         keys + ("ring",), feature)
        for ref in ring:
            if ref == "frame":
                if not frame:
                    checker.fail("field 'ring': names 'frame', but the file has no [[frame]]", keys + ("ring",),
                                 feature)
                framed += 1
            elif ref not in line_ids and ref not in seen:
                checker.fail(f"field 'ring': {ref!r} is not a line or segment of the layer"
                             f"{_suggest(ref, line_ids | seen)}", keys + ("ring",), feature)
    if frame and framed != 1:
        checker.fail(f"the [[frame]] closes the ring of exactly one territory, but {framed} name 'frame'",
                     ("frame", 0))
    _check_questions(checker, spec, prefix, seen)
    for line in lines:  # what later layers may draw again with same_as
        ctx.earlier.update({s["id"]: s for s in line["segments"]})
    for entry in frame:
        if "use" in entry:
            ctx.earlier.update({f"{prefix}{s['id']}": s for s in parts[entry["use"]].data["segments"]})
        else:
            ctx.earlier[entry["id"]] = entry


_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def _check_questions(checker: _Checker, spec: SpecFile, prefix: str, seen: set) -> None:
    """Questions the sources answer differently, each with its readings: one the default, the others data."""
    data = spec.data
    lines = {line["id"]: line for line in data["lines"]}
    owner = {s["id"]: lid for lid, line in lines.items() for s in line["segments"]}
    asked: set = set()
    for i, question in enumerate(data.get("questions", [])):
        keys = ("questions", i)
        checker.keys(question, keys, required=("id", "question", "segments", "default", "readings"),
                     what="question", feature=f"question {question.get('id')!r}")
        qid = question["id"]
        feature = f"question {qid!r}"
        if not isinstance(qid, str) or not _SLUG.match(qid) or qid in {q["id"] for q in data["questions"][:i]}:
            checker.fail(f"field 'id': expected a new id of lower-case words joined by '-', got {qid!r}",
                         keys + ("id",), feature)
        checker.text(question, "question", keys, feature)
        replaced = question["segments"]
        if not isinstance(replaced, list) or not replaced or any(r not in owner for r in replaced):
            checker.fail("field 'segments': expected the ids of the line's segments that the readings disagree "
                         f"about, got {replaced!r}", keys + ("segments",), feature)
        line = lines[owner[replaced[0]]]
        order = [s["id"] for s in line["segments"]]
        first = order.index(replaced[0])
        if order[first:first + len(replaced)] != replaced:
            checker.fail("field 'segments': expected consecutive segments of one line, in its order",
                         keys + ("segments",), feature)
        if asked & set(replaced) or any(owner[r] in {owner[a] for a in asked} for r in replaced):
            checker.fail("field 'segments': another question already covers this line; one question a line",
                         keys + ("segments",), feature)
        asked |= set(replaced)
        readings = question["readings"]
        ids = [r.get("id") for r in readings] if isinstance(readings, list) else []
        if len(ids) < 2 or len(set(ids)) != len(ids) or not all(isinstance(r, str) and _SLUG.match(r) for r in ids):
            checker.fail("field 'readings': expected two or more [[questions.readings]] with distinct ids of "
                         "lower-case words joined by '-'", keys, feature)
        if question["default"] not in ids:
            checker.fail(f"field 'default': expected one of the readings ({', '.join(ids)}), got "
                         f"{question['default']!r}", keys + ("default",), feature)
        touched = {owner[replaced[0]]} | {t["id"] for t in data.get("territories", [])
                                          if set(_ring_segments(t, lines, data)) & set(replaced)}
        for j, reading in enumerate(readings):
            rkeys = keys + ("readings", j)
            rfeature = f"reading {qid + '/' + reading['id']!r}"
            is_default = reading["id"] == question["default"]
            checker.keys(reading, rkeys, required=("id", "name", "sources", "note",
                                                   *(() if is_default else ("variants", "segments"))),
                         what="default reading" if is_default else "reading", feature=rfeature)
            checker.text(reading, "name", rkeys, rfeature)
            checker.text(reading, "note", rkeys, rfeature)
            checker.sources(reading, rkeys, rfeature)
            if is_default:
                continue
            variants = reading["variants"]
            if not isinstance(variants, dict) or set(variants) != touched:
                got = sorted(variants) if isinstance(variants, dict) else variants
                checker.fail(f"field 'variants': expected an id for the reading's version of each of "
                             f"{', '.join(sorted(touched))}, got {got!r}", rkeys + ("variants",), rfeature)
            for new_id in variants.values():
                if not isinstance(new_id, str) or not new_id.startswith(prefix) or new_id in seen:
                    checker.fail(f"field 'variants': {new_id!r} must be a new id that begins with {prefix!r}",
                                 rkeys + ("variants",), rfeature)
                seen.add(new_id)
            segments = reading["segments"]
            if not isinstance(segments, list) or not segments:
                checker.fail("expected the reading's own [[questions.readings.segments]]", rkeys, rfeature)
            for k, seg in enumerate(segments):
                checker.segment(seg, rkeys + ("segments", k), prefix, seen, first_of_line=first == 0 and k == 0)


def _ring_segments(terr: dict, lines: dict, data: dict) -> list:
    ids = []
    for ref in terr.get("ring", []):
        if ref in lines:
            ids += [s["id"] for s in lines[ref]["segments"]]
        elif ref != "frame":
            ids.append(ref)
    return ids


def check_part(spec: SpecFile, ctx: Context) -> None:
    """Check a part that layers include (``parts/*.toml``: frame segments without their layer prefix)."""
    checker = _Checker(spec, ctx)
    checker.keys(spec.data, (), required=("segments",), what="part file")
    seen: set = set()
    for i, seg in enumerate(spec.data["segments"]):
        checker.segment(seg, ("segments", i), "", seen, frame=True)


def check_places(spec: SpecFile, ctx: Context, geonames: dict) -> None:
    """Check the gazetteer (``places.toml``): every place located by GeoNames or by a cited coordinate."""
    checker = _Checker(spec, ctx)
    checker.keys(spec.data, (), required=("layer", "places"), what="places file")
    _check_layer_table(checker, spec.path.stem)
    for pid, place in spec.data["places"].items():
        keys = ("places", pid)
        feature = f"place {pid!r}"
        if not re.fullmatch(r"[a-z0-9_]+", pid):
            checker.fail("expected an id of lower-case letters, digits and '_'", keys, feature)
        located = "geonameid" in place
        checker.keys(place, keys, required=("type", "uncertainty_m", "names", *(() if located else
                                                                              ("lat", "lon", "source"))),
                     optional=("geonameid",) if located else ("read_at",), feature=feature, what="place")
        if located and place["geonameid"] not in geonames:
            checker.fail(f"field 'geonameid': {place['geonameid']!r} is not in geodata/inputs/geonames.csv; add "
                         "the place, then run scripts/refresh_inputs.py", keys + ("geonameid",), feature)
        if not located:
            lon0, lat0, lon1, lat1 = REGION_BOUNDS
            for name, lo, hi in (("lat", lat0, lat1), ("lon", lon0, lon1)):
                value = place[name]
                if isinstance(value, bool) or not isinstance(value, (int, float)) or not lo <= value <= hi:
                    checker.fail(f"field {name!r}: expected degrees from {lo:g} to {hi:g}, got {value!r}",
                                 keys + (name,), feature)
            if not str(place["source"]).startswith("https://") and place["source"] not in ctx.gazetteers:
                checker.fail(f"field 'source': expected the https:// address of the article that gives the "
                             f"coordinate, or the id of a gazetteer (kind \"gazetteer\") in geodata/sources.json, got "
                             f"{place['source']!r}", keys + ("source",), feature)
            if "read_at" in place and not str(place["read_at"]).startswith(("https://", "http://")):
                checker.fail(f"field 'read_at': expected the address of the copy the coordinate was read at, got "
                             f"{place['read_at']!r}", keys + ("read_at",), feature)
        if place["type"] not in PLACE_TYPES:
            checker.fail(f"field 'type': expected one of {', '.join(sorted(PLACE_TYPES))}, got {place['type']!r}",
                         keys + ("type",), feature)
        checker.number(place, "uncertainty_m", keys, feature)
        names = place["names"]
        if not isinstance(names, dict) or not isinstance(names.get("en"), str) or not all(
                isinstance(v, str) and v.strip() for v in names.values()):
            checker.fail("field 'names': expected {en = \"…\", lt = \"…\", …} with an English name at least",
                         keys + ("names",), feature)
