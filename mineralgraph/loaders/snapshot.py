"""Read a snapshot back as a source, so ``build --source old.json`` merges it."""

from __future__ import annotations

from pathlib import Path

from mineralgraph.graph.snapshot import FORMAT, load_snapshot
from mineralgraph.loaders import LoadContext, Loader, LoadResult, register


def load_snapshot_source(path: Path, context: LoadContext | None = None) -> LoadResult:
    """The claims of a snapshot file; a problem found later is named at its line (one
    claim a line, as ``build`` writes it)."""
    return LoadResult(claims=load_snapshot(path), where=lambda index: (index + 2, None))


def looks_like_snapshot(path: Path) -> bool:
    """A ``.json`` file that names the snapshot format in its first bytes."""
    if path.suffix.lower() != ".json" or not path.is_file():
        return False
    with path.open("rb") as fh:
        return FORMAT.encode() in fh.read(200)


register(Loader("snapshot", "a mineralgraph snapshot (build --out)",
                looks_like_snapshot, load_snapshot_source))
