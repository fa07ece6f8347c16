"""Reading and writing layer files: the only module that touches the disk.

Layers are RFC 7946 GeoJSON FeatureCollections (WGS84 longitude/latitude). They
are read with the standard library's ``json`` rather than GDAL so that list and
object properties (``sources``, ``anchors``, ``names``) come back as Python lists
and dicts.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
from importlib.resources import files
from pathlib import Path

import geopandas as gpd
import shapely

__all__ = ["data_dir", "read_geojson", "read_limited", "layer_limits", "MAX_LAYER_BYTES",
           "MAX_LAYER_FEATURES", "to_geodataframe", "write_geojson", "geojson_text", "sha256", "exchange_paths",
           "scratch_folder", "remove_stale_scratch", "put_in_place", "write_file_set"]

COORDINATE_DECIMALS = 6  # about 0.1 m: finer than any source we trace from


def data_dir() -> Path:
    """Return the folder that holds the shipped layers.

    An installed package carries them as ``borders/geodata`` (see
    ``pyproject.toml``); a source checkout that is not installed falls back to
    the top-level ``geodata/`` folder.

    Examples
    --------
    >>> (data_dir() / "catalog.json").is_file()
    True
    """
    packaged = files("borders") / "geodata"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / "geodata"


def sha256(path: str | os.PathLike) -> str:
    """Return the hex SHA-256 digest of a file."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


#: The UTF-8 byte-order mark some programs put at the start of a file.
BOM = b"\xef\xbb\xbf"
#: Levels of nesting the JSON parser may recurse through above its caller's stack.
_JSON_LEVELS = 2000
BOM_ADVICE = ('starts with an invisible byte-order mark (BOM), which atlas files may not have: save it as "UTF-8" '
              'rather than "UTF-8 with BOM" (your own layers may keep it)')

#: The largest user layer read, in bytes, unless raised (see :func:`layer_limits`).
MAX_LAYER_BYTES = 20_000_000
#: The most features a user layer may have, unless raised (see :func:`layer_limits`).
MAX_LAYER_FEATURES = 5_000
#: Environment variables that raise (or lower) the two limits.
LIMIT_VARIABLES = {"bytes": "BORDERS_MAX_LAYER_BYTES", "features": "BORDERS_MAX_LAYER_FEATURES"}


def layer_limits(*, max_bytes: int | None = None, max_features: int | None = None) -> dict:
    """The size limits for user layers: the keyword if given, else the environment, else the default.

    Raises
    ------
    BordersError
        If an environment variable does not hold a positive whole number.

    Examples
    --------
    >>> layer_limits()["bytes"] == MAX_LAYER_BYTES
    True
    >>> layer_limits(max_features=50)["features"]
    50
    """
    from borders._errors import BordersError

    limits = {}
    for key, given, default in (("bytes", max_bytes, MAX_LAYER_BYTES), ("features", max_features, MAX_LAYER_FEATURES)):
        variable = LIMIT_VARIABLES[key]
        if given is None and os.environ.get(variable, "").strip():
            text = os.environ[variable].strip()
            try:
                given = int(text.replace("_", ""))
            except ValueError:
                given = 0
            if given <= 0:
                raise BordersError(f"environment variable {variable}: expected a positive whole number of {key}, "
                                   f"e.g. {variable}={default * 5}, got {text!r}")
        limits[key] = default if given is None else int(given)
    return limits


def limit_hint(key: str, limit: int) -> str:
    """How to raise a limit, for error messages."""
    keyword = "max_bytes" if key == "bytes" else "max_features"
    return (f"the limit for your own layers is {limit:,} {key}; raise it with the environment variable "
            f"{LIMIT_VARIABLES[key]}={limit * 5} (in Python: {keyword}={limit * 5})")


def read_limited(path: str | os.PathLike, *, max_bytes: int | None = None) -> bytes:
    """The bytes of a regular file, reading at most ``max_bytes`` of them (``None``: no limit).

    Anything that is not a regular file is refused before a byte is read: a named pipe
    would block until someone writes to it, and ``/dev/zero`` never ends.

    Raises
    ------
    LayerValidationError
        If the file is missing, a folder, not a regular file, or larger than ``max_bytes``.

    Examples
    --------
    >>> try:
    ...     read_limited("/dev/zero", max_bytes=100)
    ... except ValueError as err:
    ...     print(err)
    /dev/zero: is not a regular file (a device, pipe or socket); save the layer to a file and give its path
    """
    import stat

    from borders._errors import LayerValidationError

    path = Path(path)
    try:
        # O_NONBLOCK: opening a named pipe must not wait for a writer; it changes nothing for files
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise LayerValidationError("no such file", path=path) from None
    except IsADirectoryError:
        raise LayerValidationError("is a folder, expected a GeoJSON file", path=path) from None
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fh.fileno())
        if stat.S_ISDIR(info.st_mode):
            raise LayerValidationError("is a folder, expected a GeoJSON file", path=path)
        if not stat.S_ISREG(info.st_mode):
            raise LayerValidationError("is not a regular file (a device, pipe or socket); save the layer to a "
                                       "file and give its path", path=path)
        if max_bytes is not None and info.st_size > max_bytes:
            raise LayerValidationError(f"is {info.st_size:,} bytes; {limit_hint('bytes', max_bytes)}", path=path)
        raw = fh.read() if max_bytes is None else fh.read(max_bytes + 1)
    if max_bytes is not None and len(raw) > max_bytes:  # it grew while we read it
        raise LayerValidationError(f"is over {max_bytes:,} bytes; {limit_hint('bytes', max_bytes)}", path=path)
    return raw


class _KeyTwice(ValueError):
    def __init__(self, key, owner):
        super().__init__(key)
        self.key, self.owner = key, owner


def _once_each(pairs) -> dict:
    """An object from JSON pairs; a key given twice is an error (``json`` would keep the last silently)."""
    obj = {}
    for key, value in pairs:
        if key in obj:
            raise _KeyTwice(key, dict(pairs).get("id"))
        obj[key] = value
    return obj


def read_geojson(path: str | os.PathLike, *, max_bytes: int | None = None, allow_bom: bool = False,
                 assumed: list | None = None) -> dict:
    """Read a GeoJSON file into a dict, with one-line errors for bad files.

    Parameters
    ----------
    path
        The file.
    max_bytes
        Refuse a larger file (see :func:`read_limited`); ``None`` reads any size.
    allow_bom
        Skip a UTF-8 byte-order mark at the start (Windows programs write one) instead
        of refusing the file; ``assumed``, if given, is told so.

    Raises
    ------
    LayerValidationError
        If the file is missing, not a regular file, too large, empty, not UTF-8 or not JSON.
    """
    from borders._errors import LayerValidationError

    path = Path(path)
    raw = read_limited(path, max_bytes=max_bytes)
    if not raw.strip():
        raise LayerValidationError("file is empty, expected a GeoJSON FeatureCollection", path=path)
    if raw.startswith(BOM):
        if not allow_bom:
            raise LayerValidationError(BOM_ADVICE, path=path)
        raw = raw[len(BOM):]
        if assumed is not None:
            assumed.append("a byte-order mark (BOM) at the start ignored")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise LayerValidationError(
            f"not UTF-8 (bad byte at offset {err.start}); save the file as UTF-8", path=path
        ) from None
    limit = sys.getrecursionlimit()
    # the parser recurses once per level on top of the caller's stack: give it room for any real layer
    # (coordinates nested 950 deep still parse, and get a message about the feature), not for 100,000 levels
    sys.setrecursionlimit(limit + _JSON_LEVELS)
    try:
        return json.loads(text, object_pairs_hook=_once_each)
    except _KeyTwice as err:
        where = f" (the one with id {err.owner!r})" if isinstance(err.owner, (str, int)) else ""
        raise LayerValidationError(f"not valid GeoJSON: the key {err.key!r} appears twice in one object{where}; "
                                   "JSON keeps only the last: give it once", path=path) from None
    except RecursionError:
        raise LayerValidationError("not a GeoJSON layer: nested hundreds of levels deep (lists in lists; a layer "
                                   "nests fewer than ten)", path=path) from None
    except json.JSONDecodeError as err:
        truncated = err.msg.startswith("Unterminated") or err.pos >= len(text.rstrip()) - 1
        hint = " (the file looks truncated)" if truncated else ""
        what = err.msg[:1].lower() + err.msg[1:]
        at = "" if what.endswith(" at") else " at"  # "Unterminated string starting at" says it already
        raise LayerValidationError(
            f"not valid JSON{hint}: {what}{at} line {err.lineno} column {err.colno}", path=path
        ) from None
    finally:
        sys.setrecursionlimit(limit)


def to_geodataframe(collection: dict) -> gpd.GeoDataFrame:
    """Turn a FeatureCollection dict into a GeoDataFrame in EPSG:4326.

    List and dict properties are kept as Python objects.
    """
    features = collection.get("features", [])
    rows = [dict(f.get("properties") or {}) for f in features]
    geoms = [shapely.geometry.shape(f["geometry"]) if f.get("geometry") else None for f in features]
    return gpd.GeoDataFrame(rows, geometry=geoms, crs="EPSG:4326")


def _round_coords(coords, ndigits: int):
    if isinstance(coords, (list, tuple)) and coords and isinstance(coords[0], (int, float)):
        return [round(float(c), ndigits) for c in coords]
    return [_round_coords(c, ndigits) for c in coords]


def write_geojson(features: list[dict], path: str | os.PathLike, *, name: str | None = None) -> Path:
    """Write features as an RFC 7946 FeatureCollection, atomically.

    The file is written to a temporary name in the same folder and renamed, so an
    interrupted run never leaves half a file. Coordinates are rounded to
    ``COORDINATE_DECIMALS`` places and keys are written in a stable order, so the
    same input gives the same bytes (and checksum).
    """
    atomic_write_text(path, geojson_text(features, name=name))
    return Path(path)


def geojson_text(features: list[dict], *, name: str | None = None) -> str:
    """The text :func:`write_geojson` writes: rounded coordinates, stable key order, one feature a line."""
    out = []
    for feat in features:
        geom = dict(feat["geometry"])
        geom["coordinates"] = _round_coords(geom["coordinates"], COORDINATE_DECIMALS)
        out.append({"type": "Feature", "id": feat["properties"]["id"],
                     "properties": feat["properties"], "geometry": geom})
    collection = {"type": "FeatureCollection"}
    if name:
        collection["name"] = name
    collection["features"] = out
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    # One feature a line keeps diffs readable in review.
    return text.replace(',{"type":"Feature"', ',\n{"type":"Feature"') + "\n"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _naming(err: OSError, path: Path) -> OSError:
    """``err`` about the user's ``path`` rather than the temporary file next to it."""
    if err.errno == errno.ENOENT and not path.parent.is_dir():
        return OSError(err.errno, f"the folder {path.parent} does not exist; create it first", str(path))
    return OSError(err.errno, err.strerror, str(path))


def atomic_write_with(path: str | os.PathLike, write) -> None:
    """Let ``write(tmp_path)`` fill a temporary file next to ``path``, then rename it to ``path``.

    The temporary file keeps ``path``'s suffix (so writers that choose a format by it
    work) and gets the usual permissions (0666 less the umask). On any error it is removed,
    and an error of the system names ``path``, not the temporary file.

    Raises
    ------
    BordersError
        If ``path`` is empty or a folder.
    """
    from borders._errors import BordersError

    if not os.fspath(path):
        raise BordersError("expected a file name to write to, got ''")
    path = Path(path)
    if path.is_dir():
        raise BordersError(f"{path} is a folder; expected a file name to write to, e.g. {path / 'table.csv'}")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=path.suffix, dir=path.parent)
    except OSError as err:
        raise _naming(err, path) from None
    os.close(fd)
    try:
        write(tmp)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException as err:
        if os.path.exists(tmp):
            os.unlink(tmp)
        if isinstance(err, OSError):
            raise _naming(err, path) from None
        raise


def atomic_write_text(path: str | os.PathLike, text: str) -> None:
    """Write UTF-8 text to ``path`` through a temporary file and a rename (see :func:`atomic_write_with`).

    Maps written this way can be served as they are: they get the usual permissions,
    not a temporary file's private 0600.
    """
    atomic_write_with(path, lambda tmp: Path(tmp).write_text(text, encoding="utf-8", newline="\n"))


_RENAME_EXCHANGE = 2  # linux/fs.h


def exchange_paths(a: str | os.PathLike, b: str | os.PathLike) -> bool:
    """Swap two existing paths in one atomic step (Linux ``renameat2`` with ``RENAME_EXCHANGE``).

    Returns ``False``, changing nothing, where the system or file system cannot do it;
    the caller then falls back to two renames.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> top = Path(tempfile.mkdtemp())
    >>> (top / "a").mkdir(); (top / "b").mkdir(); _ = (top / "a" / "new").write_text("")
    >>> if exchange_paths(top / "a", top / "b"):
    ...     assert [p.name for p in (top / "b").iterdir()] == ["new"]
    """
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):  # not Linux, or a libc older than 2.28
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


def put_in_place(made: Path, out: Path, scratch: Path) -> None:
    """Put ``made`` at ``out``: a file with one atomic ``os.replace``; a folder by an atomic exchange.

    An earlier folder at ``out`` ends up inside ``scratch`` (removed by the caller).
    Where the system cannot exchange two folders atomically, the old one is moved into
    ``scratch`` first and put back if the move of the new one fails.
    """
    if not made.is_dir() or not (out.exists() or out.is_symlink()):
        os.replace(made, out)
        return
    if exchange_paths(made, out):
        return
    old = scratch / "previous"
    os.replace(out, old)
    try:
        os.replace(made, out)
    except BaseException:
        os.replace(old, out)
        raise


# --- scratch folders beside a target, and stale ones from killed runs -----------------------

#: The file in each scratch folder whose lock, held while its run lives, tells stale folders apart.
SCRATCH_MARK = ".borders-scratch"


def _scratch_name(target: Path) -> re.Pattern:
    # tempfile.mkdtemp's eight random characters after our prefix
    return re.compile(re.escape(f".{target.name}.borders-") + r"[a-z0-9_]{8}")


def remove_stale_scratch(target: str | os.PathLike) -> list[Path]:
    """Remove the scratch folders that killed runs left beside ``target``; return them.

    Only folders named as :func:`scratch_folder` names them are removed: those holding its
    mark file, whose lock no living run holds, and empty ones without it (a run killed
    before it made its mark). Nothing else of the user's is touched.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> top = Path(tempfile.mkdtemp())
    >>> stale = top / ".maps.borders-abcd1234"
    >>> stale.mkdir(); _ = (stale / SCRATCH_MARK).write_text("")
    >>> (top / ".maps.borders-mine").mkdir()  # not our pattern: kept
    >>> (top / ".maps.borders-empty000").mkdir()  # our pattern, empty, no mark: removed
    >>> [p.name for p in remove_stale_scratch(top / "maps")], sorted(p.name for p in top.iterdir())
    (['.maps.borders-abcd1234', '.maps.borders-empty000'], ['.maps.borders-mine'])
    """
    try:
        import fcntl
    except ImportError:  # not a POSIX system: leave them
        return []
    target = Path(os.path.abspath(target))
    pattern = _scratch_name(target)
    try:
        entries = sorted(os.listdir(target.parent))
    except OSError:
        return []
    removed = []
    for entry in entries:
        path = target.parent / entry
        if not pattern.fullmatch(entry) or path.is_symlink() or not path.is_dir():
            continue
        try:
            fd = os.open(path / SCRATCH_MARK, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except FileNotFoundError:
            # No mark: a run killed before it made one, or after its cleanup removed it.
            # Only an empty folder goes (rmdir refuses any other); a run that is just making
            # its mark sees its folder gone and makes another (see scratch_folder).
            with contextlib.suppress(OSError):
                os.rmdir(path)
                removed.append(path)
            continue
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            continue  # its run is still writing
        try:
            _remove_scratch(path)
        finally:
            os.close(fd)
        removed.append(path)
    return removed


def _remove_scratch(path: Path) -> None:
    # The mark goes last, so that a run killed half way through this leaves a folder that
    # the next run still knows as stale scratch: marked, or empty.
    with contextlib.suppress(OSError):
        for entry in os.listdir(path):
            if entry != SCRATCH_MARK:
                child = path / entry
                if child.is_dir() and not child.is_symlink():
                    shutil.rmtree(child, ignore_errors=True)
                else:
                    with contextlib.suppress(OSError):
                        child.unlink()
    with contextlib.suppress(OSError):
        (path / SCRATCH_MARK).unlink()
    with contextlib.suppress(OSError):
        os.rmdir(path)


@contextlib.contextmanager
def scratch_folder(target: str | os.PathLike, *, shown=None):
    """A temporary folder beside ``target`` (same file system, so renames are atomic), removed on exit.

    Stale scratch folders of killed runs are removed first (see :func:`remove_stale_scratch`).
    An error making it names ``shown`` (the path the user gave), not the random name.
    """
    target = Path(os.path.abspath(target))
    remove_stale_scratch(target)
    for _ in range(100):  # another run may take a folder for stale before its mark is made
        try:
            path = Path(tempfile.mkdtemp(prefix=f".{target.name}.borders-", dir=target.parent))
        except OSError as err:
            raise OSError(err.errno, err.strerror, str(shown if shown is not None else target)) from None
        try:
            fd = os.open(path / SCRATCH_MARK, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            break
        except FileNotFoundError:
            continue
    else:
        raise OSError(errno.EAGAIN, "could not make a scratch folder", str(shown if shown is not None else target))
    try:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX)  # released by the system however this run ends
    except ImportError:
        pass
    try:
        yield path
    finally:
        _remove_scratch(path)
        os.close(fd)


# --- a set of files written as a whole -------------------------------------------------------

def _refuse_set(shown, why: str, tool: str, manifest: str):
    from borders._errors import BordersError

    return BordersError(f"{shown}: {why}; {tool} replaces only a folder it wrote itself (listed in {manifest}), "
                        "so nothing of yours is lost. Choose another --out, or move your files away first")


def _earlier_set(folder: Path, *, shown, manifest: str, tool: str) -> dict | None:
    """The files (name -> sha256) of the earlier set at ``folder``; None if there is none.

    Raises unless everything in ``folder`` is a file an earlier run listed, unchanged.
    """
    if folder.is_symlink():
        raise _refuse_set(shown, "is a symbolic link", tool, manifest)
    if not folder.exists():
        return None
    if not folder.is_dir():
        raise _refuse_set(shown, f"is a file, and {tool} writes a folder", tool, manifest)
    entries = sorted(os.listdir(folder))
    if not entries:
        return {}
    try:
        listed = dict(json.loads((folder / manifest).read_text(encoding="utf-8"))["files"])
    except (OSError, ValueError, KeyError, TypeError):
        first = next(e for e in entries if e != manifest)
        raise _refuse_set(shown, f"holds {first!r} and has no {manifest}, so {tool} did not write it", tool,
                          manifest) from None
    for entry in entries:
        if entry == manifest:
            continue
        path = folder / entry
        if entry not in listed or path.is_symlink() or not path.is_file():
            raise _refuse_set(shown, f"holds {entry!r}, which {tool} did not write", tool, manifest)
        if sha256(path) != listed[entry]:
            raise _refuse_set(shown, f"{entry!r} has changed since {tool} wrote it", tool, manifest)
    return listed


def write_file_set(folder: str | os.PathLike, contents: dict, *, manifest: str, tool: str) -> Path:
    """Write a set of files (name -> text or bytes) as ``folder``: the whole set, or nothing.

    The set, and a ``manifest`` listing each file with its sha256, is written into a
    scratch folder beside ``folder`` and then swapped in by one atomic exchange (or
    rename), so a run that is killed or fails leaves the earlier set whole. An earlier
    set is replaced only if ``folder`` holds nothing but the files its manifest lists,
    unchanged: a folder with anything else of the user's is refused, never emptied.

    Returns
    -------
    Path
        ``folder``, as given.

    Raises
    ------
    BordersError
        If ``folder`` holds anything an earlier run did not write, or is the current folder.
    OSError
        If the system refuses a write; it names the user's path, not the scratch folder.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> top = Path(tempfile.mkdtemp())
    >>> _ = write_file_set(top / "out", {"a.html": "one", "b.html": "two"}, manifest="set.json", tool="demo")
    >>> _ = write_file_set(top / "out", {"a.html": "new"}, manifest="set.json", tool="demo")
    >>> sorted(p.name for p in (top / "out").iterdir()), sorted(p.name for p in top.iterdir())
    (['a.html', 'set.json'], ['out'])
    >>> _ = (top / "out" / "notes.txt").write_text("mine")
    >>> try:
    ...     write_file_set(top / "out", {"a.html": "newer"}, manifest="set.json", tool="demo")
    ... except ValueError as err:
    ...     print(str(err).split(";")[0].endswith("holds 'notes.txt', which demo did not write"))
    True
    """
    from borders._errors import BordersError

    if not os.fspath(folder):
        raise BordersError("expected a folder to write into, got ''")
    shown, folder = Path(folder), Path(os.path.abspath(folder))
    if Path.cwd().resolve().is_relative_to(folder.resolve()):
        raise BordersError(f"{shown} is the current folder or holds it; write into a folder of its own, "
                           "e.g. --out maps")
    for name in contents:
        if not name or name in (".", "..", manifest) or "/" in name or os.sep in name:
            raise BordersError(f"{name!r} cannot be a file of the set")
    earlier = _earlier_set(folder, shown=shown, manifest=manifest, tool=tool)
    folder.parent.mkdir(parents=True, exist_ok=True)
    with scratch_folder(folder, shown=shown) as scratch:
        made = scratch / "set"
        made.mkdir()
        written = {}
        for name, content in contents.items():
            try:
                if isinstance(content, bytes):
                    (made / name).write_bytes(content)
                else:
                    (made / name).write_text(content, encoding="utf-8", newline="\n")
            except OSError as err:  # e.g. a name too long for the file system
                raise OSError(err.errno, err.strerror, str(shown / name)) from None
            written[name] = sha256(made / name)
        listing = {"tool": tool, "version": _version(), "files": written}
        (made / manifest).write_text(json.dumps(listing, indent=1) + "\n", encoding="utf-8")
        if earlier is None:
            os.replace(made, folder)
            return shown
        put_in_place(made, folder, scratch)
        # The earlier set is now in the scratch folder, which is removed. Had the user added a
        # file since it was checked, put it all back rather than delete that file.
        old = made if made.exists() else scratch / "previous"
        try:
            _earlier_set(old, shown=shown, manifest=manifest, tool=tool)
        except BordersError:
            put_in_place(old, folder, scratch)
            raise
    return shown


def _version() -> str:
    try:
        from borders import __version__
    except ImportError:  # pragma: no cover
        return "unknown"
    return __version__
