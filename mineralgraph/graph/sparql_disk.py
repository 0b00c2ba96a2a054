"""An Oxigraph store on disk, so a large graph is loaded once and then served from there.

:func:`build_store_dir` loads the graph's triples (or an RDF file's) into a RocksDB
store in a new folder, and writes :data:`MARKER` beside them saying what was loaded;
:func:`open_store_dir` opens such a folder read-only, without loading anything.
The folder appears only when complete: it is built under a temporary name and
renamed at the end, so a killed build leaves no half store behind it (and the next
build clears the temporary folder of a killed one).

Each process opens its own read-only handle (a worker forked by the endpoint's pool
or by a timed query reopens it), as RocksDB handles do not survive a fork.
"""

from __future__ import annotations

import gc
import json
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

from mineralgraph.exceptions import InputError, MineralGraphError
from mineralgraph.graph.sparql import OxigraphStore

#: The file in a store folder that says what the store holds.
MARKER = "mineralgraph-store.json"


class OxigraphDiskStore(OxigraphStore):
    """A read-only Oxigraph store in a folder made by :func:`build_store_dir`."""

    engine = "oxigraph"

    def __init__(self, path):
        self.path = Path(path)
        self.info = read_marker(self.path)
        self._handle: tuple[int, object] | None = None

    @property
    def store(self):
        """This process's read-only handle (opened on first use, again after a fork)."""
        if self._handle is None or self._handle[0] != os.getpid():
            import pyoxigraph as ox

            try:
                self._handle = (os.getpid(), ox.Store.read_only(str(self.path)))
            except OSError as exc:
                raise MineralGraphError(f"{self.path}: cannot open the store ({exc})") from None
        return self._handle[1]

    def __len__(self) -> int:
        return int(self.info["triples"])


def read_marker(path) -> dict:
    """What a store folder holds (its :data:`MARKER`); MineralGraphError if it is none."""
    marker = Path(path) / MARKER
    try:
        info = json.loads(marker.read_text(encoding="utf-8"))
        if not isinstance(info, dict) or "source" not in info or "triples" not in info:
            raise ValueError("source or triples missing")
        # a marker written by hand or by another tool: fields of another shape were
        # tracebacks where they are read (source.get, int(triples))
        if not isinstance(info["source"], dict):
            raise ValueError("source is not an object")
        if isinstance(info["triples"], bool) or not isinstance(info["triples"], int) \
                or info["triples"] < 0:
            raise ValueError("triples is not a count")
        if not isinstance(info.get("built"), str):
            raise ValueError("built is not a date")
    except FileNotFoundError:
        raise MineralGraphError(f"{path}: not a mineralgraph store (no {MARKER}); give a "
                                "new folder to build one") from None
    except RecursionError:
        raise MineralGraphError(f"{marker}: unreadable (nested too deep)") from None
    except (OSError, ValueError) as exc:
        raise MineralGraphError(f"{marker}: unreadable ({exc})") from None
    return info


def is_store_dir(path) -> bool:
    """Whether ``path`` is a folder holding a built store."""
    return (Path(path) / MARKER).is_file()


def source_of(path: str | None) -> dict:
    """How a source file is recorded (path, size, modification time), to notice a change."""
    if path is None:
        return {}
    stat = Path(path).stat()
    return {"path": str(Path(path).resolve()), "bytes": stat.st_size,
            "modified": datetime.fromtimestamp(stat.st_mtime, UTC).isoformat()}


def folder_fingerprint(folder) -> str:
    """A digest of a folder's files (names, sizes, times), to notice a change (the
    bundled data's folder, for a store built from it)."""
    import hashlib

    root = Path(folder)
    digest = hashlib.sha256()
    for file in sorted(p for p in root.rglob("*") if p.is_file()):
        stat = file.stat()
        digest.update(f"{file.relative_to(root)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


def open_store_dir(path, source: dict) -> OxigraphDiskStore:
    """Open a built store, provided it was built from ``source`` (else MineralGraphError)."""
    store = OxigraphDiskStore(path)
    built = store.info["source"]
    if built != source:
        if _describe(built) == _describe(source):
            raise MineralGraphError(f"{path} holds a store built from {_describe(source)} "
                                    "before it changed: delete the folder to rebuild it")
        raise MineralGraphError(
            f"{path} holds a store built from {_describe(store.info['source'])}, not from "
            f"{_describe(source)}: give another folder, or delete it to rebuild")
    return store


def build_store_dir(path, source: dict, *, nt: str | None = None,
                    rdf_file: str | None = None) -> OxigraphDiskStore:
    """Load N-Triples text, or an RDF file, into a new store folder ``path``; open it.

    ``source`` is recorded in the marker, for :func:`open_store_dir` to compare.
    """
    import pyoxigraph as ox

    from mineralgraph.graph.rdf import SUFFIXES
    from mineralgraph.graph.rdf_files import rdf_source, rdf_syntax_error

    path = Path(path)
    if path.is_symlink():  # the store is built beside it and renamed into place
        raise MineralGraphError(f"{path}: a symbolic link; give the folder it points to "
                                f"({os.path.realpath(path)}) or a new one")
    if path.exists() and not path.is_dir():
        raise MineralGraphError(f"{path}: not a folder; give a new or empty folder")
    if not path.parent.is_dir():  # the store is built beside it, in the same folder
        raise MineralGraphError(f"{path}: its folder {path.parent} does not exist; "
                                "make it, or give a folder inside one that exists")
    if path.exists() and any(path.iterdir()):
        raise MineralGraphError(f"{path}: not empty and not a mineralgraph store (no "
                                f"{MARKER}); give a new or empty folder")
    _clear_dead_builds(path)
    building = path.with_name(f"{_building_prefix(path)}{os.getpid()}")
    store = None
    try:
        store = ox.Store(str(building))
        if rdf_file is not None:
            fmt = SUFFIXES.get(Path(rdf_file).suffix.lower())
            if fmt is None:
                raise InputError(rdf_file, None, None, "not an RDF file (.ttl, .nt or .jsonld)")
            format_ = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES,
                       "jsonld": ox.RdfFormat.JSON_LD}[fmt]
            try:
                with rdf_source(rdf_file) as rdf:
                    store.bulk_load(**rdf, format=format_)
            except SyntaxError as exc:
                raise rdf_syntax_error(Path(rdf_file), exc) from None
            _merge_named_graphs(store)
        else:
            store.bulk_load(input=(nt or "").encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
        store.flush()
        triples = len(store)
        if not triples and rdf_file is not None:  # every answer would be "no" or 0 rows
            raise InputError(str(rdf_file), None, None, "an empty file: nothing to query"
                             if not Path(rdf_file).stat().st_size else "no triples in it "
                             "(prefixes or a context only): nothing to query")
        del store
        gc.collect()  # closes RocksDB before the folder is renamed
        info = {"format": "mineralgraph-oxigraph-store", "version": 1, "source": source,
                "triples": triples,
                "built": datetime.now(UTC).isoformat(timespec="seconds")}
        (building / MARKER).write_text(json.dumps(info, indent=1, sort_keys=True) + "\n",
                                       encoding="utf-8")
        try:
            if path.exists():
                path.rmdir()  # the empty folder the user made for it
            building.rename(path)
        except OSError:
            if not is_store_dir(path):
                raise MineralGraphError(f"{path}: filled by another program while the store "
                                        "was built; give a new or empty folder") from None
            # two first runs at once: the other built the store first; use it
            shutil.rmtree(building, ignore_errors=True)
            return open_store_dir(path, source)
    except BaseException:
        store = None  # noqa: F841 - closes RocksDB (its lock) before the folder goes
        gc.collect()
        shutil.rmtree(building, ignore_errors=True)
        raise
    return OxigraphDiskStore(path)


def _merge_named_graphs(store) -> None:
    """Move the triples of a loaded file's named graphs (JSON-LD can hold them) into the
    default graph, as the in-memory stores read the file: the view is one default graph,
    and a store on disk answers as the store in memory does."""
    if next(iter(store.named_graphs()), None) is None:
        return
    store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } } ; DROP NAMED")


def _clear_dead_builds(path: Path) -> None:
    """Remove the temporary folders of builds of ``path`` whose process was killed."""
    import glob

    for folder in path.parent.glob(f"{glob.escape(_building_prefix(path))}*"):
        suffix = folder.name.rsplit("-", 1)[1]
        if not suffix.isascii() or not suffix.isdigit() or folder.is_symlink():
            continue  # a folder that only looks alike (.db.building-notes) is the user's
        try:
            pid = int(suffix)
            os.kill(pid, 0)  # still building: leave it
            if pid != os.getpid():
                continue
        except (ProcessLookupError, OverflowError):
            pass
        except PermissionError:  # another user's live process
            continue
        shutil.rmtree(folder, ignore_errors=True)


def _building_prefix(path: Path) -> str:
    """``.NAME.building-``, NAME cut so that the folder's name, with a process id after
    it, stays within the 255 bytes a name may have (a --data-dir of 250 characters was
    an OSError traceback from RocksDB: "File name too long")."""
    head = path.name.encode("utf-8", "surrogateescape")[:255 - 1 - 10 - 20]
    return f".{head.decode('utf-8', 'ignore')}.building-"


def _describe(source: dict) -> str:
    what = source.get("data") or source.get("graph") or {}
    text = what.get("path", "the bundled data") if isinstance(what, dict) else str(what)
    if source.get("as_of"):
        text += f" as of {source['as_of']}"
    return text
