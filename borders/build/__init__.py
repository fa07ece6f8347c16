"""Build the shipped layers from their specifications: ``geodata/specs`` + ``geodata/inputs`` -> ``geodata/``.

The data flows one way. The specifications (TOML, one file a layer, described in
``geodata/specs/README.md``) say how each segment is drawn, step by step; the
inputs are shipped extracts of today's borders, rivers, lake shores and GeoNames
(``geodata/inputs/``, refreshed by ``scripts/refresh_inputs.py``). :func:`build`
checks every specification against the schema first, then traces each layer and
writes the GeoJSON files and ``catalog.json``; :func:`check` rebuilds in memory and
reports the first byte that differs from what is shipped. Neither needs a network
or any tool besides the package.

Modules: :mod:`~borders.build.spec` (reading and the schema), :mod:`~borders.build.steps`
(the step kinds), :mod:`~borders.build.inputs` and :mod:`~borders.build.rivers`
(what steps draw on), :mod:`~borders.build.layers` (assembling lines, territories and
the context layers), :mod:`~borders.build.units` (lengths).

Examples
--------
>>> from borders.build import check
>>> from borders.io import data_dir
>>> check(data_dir())  # the shipped layers are what their specifications say
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from borders._errors import BordersError
from borders.build.inputs import InputError, Inputs, load_inputs
from borders.build.layers import (
    COUNTRY_INPUTS,
    build_countries,
    build_lakes,
    build_line_layer,
    build_places,
    build_railways,
    build_rivers,
    place_coordinates,
)
from borders.build.spec import Context, SpecError, SpecFile, check_line_layer, check_part, check_places, read_spec
from borders.io import geojson_text

__all__ = ["build", "check", "rebuild", "read_specifications", "Specifications", "BuildDifference", "SpecError"]

#: The order of the first keys of each catalogue entry; the rest follow as built.
_CATALOG_FIRST = ("title", "description", "filename")


class BuildDifference(BordersError):
    """The shipped files differ from what their specifications build."""


@dataclass
class Specifications:
    """Every specification file of a data folder, checked, with the inputs they draw on."""

    folder: Path
    order: list
    layers: dict
    parts: dict
    inputs: Inputs


def read_specifications(data_dir) -> Specifications:
    """Read and check every specification in ``data_dir/specs`` against the schema; build nothing.

    Raises
    ------
    SpecError
        At the first problem, with ``file:line``, the feature and what was expected.
    """
    folder = Path(data_dir)
    specs_dir = folder / "specs"
    if not (specs_dir / "catalog.toml").is_file():
        raise SpecError(f"no specifications here (expected {specs_dir / 'catalog.toml'}); run from a clone of the "
                        "repository, or pass --data DIR")
    try:
        inputs = load_inputs(folder / "inputs")
    except InputError as err:
        raise SpecError(str(err)) from None
    catalog = read_spec(specs_dir / "catalog.toml")
    order = catalog.data.get("layers")
    if not isinstance(order, list) or not order or not all(isinstance(x, str) for x in order):
        raise catalog.error("field 'layers': expected the list of layer ids", ("layers",))
    for layer_id in order:
        if not (specs_dir / f"{layer_id}.toml").is_file():
            raise catalog.error(f"field 'layers': {layer_id!r} has no specification {layer_id}.toml", ("layers",))
    with open(folder / "sources.json", encoding="utf-8") as fh:
        bibliography = json.load(fh)
    sources = set(bibliography)
    layers = {layer_id: read_spec(specs_dir / f"{layer_id}.toml") for layer_id in order}
    parts = {p.stem: read_spec(p) for p in sorted((specs_dir / "parts").glob("*.toml"))}
    places = layers.get("places")
    if places is None:
        raise catalog.error("field 'layers': the gazetteer 'places' is missing; every layer draws on it", ("layers",))
    ctx = Context(places=places.data.get("places", {}), sources=sources, countries=set(inputs.countries),
                  places_file=str(Path("geodata", "specs", "places.toml")),
                  gazetteers={sid for sid, entry in bibliography.items()
                              if isinstance(entry, dict) and entry.get("kind") == "gazetteer"})
    check_places(places, ctx, inputs.geonames)
    for part in parts.values():
        check_part(part, ctx)
    for layer_id, spec in layers.items():
        if "lines" in spec.data:
            check_line_layer(spec, ctx, parts)
        elif layer_id != "places":
            _check_context_layer(spec, layer_id, ctx, inputs)
    return Specifications(folder=folder, order=order, layers=layers, parts=parts, inputs=inputs)


#: The tables that say what a context layer holds, with the fields each must have.
_CONTEXT_BODIES = {"countries": ("sources", "uncertainty_m", "note", "names"), "rivers": ("sources", "uncertainty_m",
                   "note", "levels"), "lakes": ("sources", "uncertainty_m", "note", "min_area_km2"),
                   "railways": ()}
_RAILWAY_FIELDS = ("name", "stations", "sources", "uncertainty_m", "valid_from", "note")


def _check_context_layer(spec: SpecFile, layer_id: str, ctx: Context, inputs: Inputs) -> None:
    """A context layer (countries, rivers, lakes, railways): a [layer] table and the table saying what it holds."""
    body = next((b for b in _CONTEXT_BODIES if b in spec.data), None)
    if body is None:
        raise spec.error("expected a [lines], [places], [countries], [rivers], [lakes] or [railways] table saying "
                         "what the layer holds")
    if spec.data["layer"].get("id") != layer_id:
        raise spec.error(f"field 'id': expected {layer_id!r}, the file's name", ("layer", "id"))
    if body == "railways":
        for rid, railway in spec.data["railways"].items():
            _check_railway(spec, rid, railway, ctx)
        return
    for name in _CONTEXT_BODIES[body]:
        if name not in spec.data[body]:
            raise spec.error(f"field {name!r}: missing; the [{body}] table needs {', '.join(_CONTEXT_BODIES[body])}",
                             (body,))
    unknown = set(spec.data[body]["sources"]) - ctx.sources
    if unknown:
        raise spec.error(f"field 'sources': unknown source id {sorted(unknown)[0]!r}", (body, "sources"))
    if body == "countries":
        extract = spec.data[body].get("input", COUNTRY_INPUTS[0])
        if extract not in COUNTRY_INPUTS:
            raise spec.error(f"field 'input': {extract!r} is not a countries extract; expected one of "
                             f"{', '.join(COUNTRY_INPUTS)}", (body, "input"))
        have = inputs.neighbours if extract == "neighbour_countries.geojson" else inputs.countries
        missing = set(spec.data[body]["names"]) - set(have)
        if missing:
            raise spec.error(f"field 'names': no country {sorted(missing)[0]!r} in geodata/inputs/{extract}",
                             (body, "names"))


def _check_railway(spec: SpecFile, rid: str, railway: dict, ctx: Context) -> None:
    keys = ("railways", rid)
    for name in _RAILWAY_FIELDS:
        if name not in railway:
            raise spec.error(f"field {name!r}: missing; a railway needs {', '.join(_RAILWAY_FIELDS)}", keys,
                             f"railway {rid!r}")
    stations = railway["stations"]
    if not isinstance(stations, list) or len(stations) < 2:
        raise spec.error("field 'stations': expected a list of at least two place ids, in order", keys + ("stations",),
                         f"railway {rid!r}")
    for pid in stations:
        if pid not in ctx.places:
            raise spec.error(f"field 'stations': unknown place id {pid!r}; expected an id of {ctx.places_file}",
                             keys + ("stations",), f"railway {rid!r}")
    unknown = set(railway["sources"]) - ctx.sources
    if unknown:
        raise spec.error(f"field 'sources': unknown source id {sorted(unknown)[0]!r}", keys + ("sources",),
                         f"railway {rid!r}")


def rebuild(data_dir) -> dict[str, str]:
    """Build every layer and the catalogue from the specifications; return file name -> text. Writes nothing."""
    specs = read_specifications(data_dir)
    places = place_coordinates(specs.layers["places"], specs.inputs)
    texts, catalog, segments = {}, {}, {}
    for layer_id in specs.order:
        spec = specs.layers[layer_id]
        if layer_id == "places":
            features = build_places(spec, specs.inputs)
        elif "lines" in spec.data:
            features = build_line_layer(spec, specs.parts, places, specs.inputs, segments)
            segments.update({f["properties"]["id"]: f for f in features if f["properties"]["kind"] == "segment"})
        elif "countries" in spec.data:
            features = build_countries(spec, specs.inputs)
        elif "lakes" in spec.data:
            features = build_lakes(spec, specs.inputs, specs.layers["places"], places)
        elif "railways" in spec.data:
            features = build_railways(spec, places)
        else:
            features = build_rivers(spec, specs.inputs)
        filename = f"{layer_id}.geojson"
        texts[filename] = geojson_text(features, name=layer_id)
        catalog[layer_id] = _catalog_entry(spec.data["layer"], filename, features, texts[filename],
                                           specs.inputs.versions, spec.data.get("questions", []))
    texts["catalog.json"] = json.dumps(catalog, ensure_ascii=False, indent=1) + "\n"
    return texts


def _catalog_entry(meta: dict, filename: str, features: list, text: str, versions: dict,
                   questions: list) -> dict:
    """A layer's catalogue entry; with ``questions``, the readings of each and which one is the default."""
    import hashlib

    entry = {"title": meta["title"], "description": meta["description"], "filename": filename,
             "licence": meta["licence"], "sources": meta["sources"], "method": meta["method"],
             "valid_from": meta["valid_from"], "valid_to": meta.get("valid_to"),
             "nrows": len(features), "columns": sorted({k for f in features for k in f["properties"]}),
             "geometry_types": sorted({f["geometry"]["type"] for f in features}),
             "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(), "build_inputs": dict(versions)}
    if questions:
        entry["questions"] = {}
        for q in questions:
            readings = {f"{q['id']}/{r['id']}": {"name": r["name"], "sources": r["sources"], "note": r["note"]}
                        for r in q["readings"]}
            entry["questions"][q["id"]] = {"question": q["question"], "default_reading": f"{q['id']}/{q['default']}",
                                           "readings": readings}
    return {**{k: entry[k] for k in _CATALOG_FIRST}, **{k: v for k, v in entry.items() if k not in _CATALOG_FIRST}}


def build(data_dir) -> list[Path]:
    """Rebuild the layers and ``catalog.json`` in ``data_dir``; return the files that changed.

    Everything is built before anything is written, so an error writes nothing; each
    file is then replaced atomically.
    """
    from borders.io import atomic_write_text

    folder = Path(data_dir)
    changed = []
    for name, text in rebuild(folder).items():
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            atomic_write_text(path, text)
            changed.append(path)
    return changed


def check(data_dir) -> None:
    """Rebuild in memory and compare with the files in ``data_dir``, byte for byte.

    Raises
    ------
    BuildDifference
        Naming the first file that differs, and in it the first feature (or
        catalogue entry) and field.
    """
    folder = Path(data_dir)
    for name, text in rebuild(folder).items():
        path = folder / name
        shipped = path.read_text(encoding="utf-8") if path.is_file() else None
        if shipped != text:
            raise BuildDifference(f"{path}: {_first_difference(name, shipped, text)}; run `borders build` and "
                                  "read the diff, or put the specification back")


def _first_difference(name: str, shipped: str | None, built: str) -> str:
    if shipped is None:
        return "missing, but the specifications build it"
    try:
        old, new = json.loads(shipped), json.loads(built)
    except ValueError:
        return "not valid JSON any more"
    if name == "catalog.json":
        for layer in dict.fromkeys([*new, *old]):
            if old.get(layer) != new.get(layer):
                fields = [k for k in dict.fromkeys([*new.get(layer, {}), *old.get(layer, {})])
                          if old.get(layer, {}).get(k) != new.get(layer, {}).get(k)]
                return f"entry {layer!r} differs in {fields[0] if fields else 'key order'!r}"
        return "differs in its formatting"
    old_f = {f["properties"]["id"]: f for f in old.get("features", [])}
    for feature in new["features"]:
        fid = feature["properties"]["id"]
        before = old_f.get(fid)
        if before is None:
            return f"feature {fid!r} is new"
        if before != feature:
            keys = ["geometry"] if before["geometry"] != feature["geometry"] else [
                k for k in dict.fromkeys([*feature["properties"], *before["properties"]])
                if before["properties"].get(k) != feature["properties"].get(k)] or ["key order"]
            return f"feature {fid!r} differs in {keys[0]!r}"
    gone = [fid for fid in old_f if fid not in {f["properties"]["id"] for f in new["features"]}]
    if gone:
        return f"feature {gone[0]!r} is no longer built"
    return "features differ in their order or formatting"
