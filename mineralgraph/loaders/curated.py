"""The curated dataset loader: node and relation CSV files, every row with sources.

The format is described in ``mineralgraph/data/curated/README.md``. Each non-empty
cell of a node row becomes one claim; each relation row becomes one claim with its
qualifiers. Rows are checked one by one here (types, allowed values, shares, dates,
sources present); checks across rows (dangling ids, sums) are in
:mod:`mineralgraph.validation`.

>>> from mineralgraph.loaders import bundled_data_path
>>> claims = load_curated(bundled_data_path()).claims
>>> any(c.subject == "product:f-35" for c in claims)
True
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from mineralgraph.claim import Claim
from mineralgraph.exceptions import InputError, InputErrors
from mineralgraph.loaders import LoadContext, Loader, LoadResult, register
from mineralgraph.loaders.tables import (
    END_MARK,
    csv_problem,
    cut_off,
    header_of,
    stray_quote,
    twice_named,
    unended,
)
from mineralgraph.ontology import model
from mineralgraph.values import parse_date, parse_value

PROVENANCE = ("sources", "quote", "confidence", "valid_from", "valid_to")
RELATION_COLUMNS = ("subject", "relation", "object")
IGNORED = ("note",)
CONFIDENCE = ("high", "medium", "low")


def read_text(path: Path) -> str:
    """The file's text, refusing anything that is not UTF-8 with the line of the bad byte."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:  # a dataset folder holding a link to nothing
        raise InputError(str(path), None, None, "no such file (a link to nothing?)") from None
    except OSError as exc:  # a link loop, a file it may not read
        raise InputError(str(path), None, None, f"cannot read ({exc.strerror})") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        message = f"not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        raise InputError(str(path), line, None, message) from None


def csv_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) for each data row; the header is line 1."""
    text = unended(read_text(path))
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        if not reader.fieldnames:
            raise InputError(str(path), 1, None, "empty file (no header)")
        twice = twice_named(path, reader.fieldnames)
        if twice is not None:
            raise twice
        yield from _checked_rows(path, reader, text.splitlines())
    except csv.Error as exc:
        # DictReader's own line_num lags one row behind on an error
        raise InputError(str(path), reader.reader.line_num, None, csv_problem(exc)) from None


def _checked_rows(path: Path, reader: csv.DictReader, lines: list[str]):
    previous: list[str] = []
    last = reader.reader.line_num  # the header's last line
    for row in reader:
        first, last = last + 1, reader.line_num
        cells = [v for v in row.values() if v is not None] + row.get(None, [])
        problem = cut_off(cells, reader.fieldnames, previous)
        if problem:  # a cut-off last row: the file is refused, not just the row
            raise InputError(str(path), reader.line_num - 1, *problem)
        previous = cells
        if cells == [END_MARK]:
            continue
        # a quote with no partner shifts every cell after it: said as such, at the line
        # and cell where it stands, before the knock-on errors of the shifted cells
        stray = stray_quote("\n".join(lines[first - 1:last]))
        if stray is not None:
            field = (reader.fieldnames[stray] if stray < len(reader.fieldnames)
                     else None)
            raise InputError(str(path), first, field,
                             'unbalanced quote: a " with no partner in this cell, so the '
                             "cells after it are read shifted")
        if None in row:
            raise InputError(str(path), reader.line_num, None,
                             f"{len(reader.fieldnames) + len(row[None])} cells for "
                             f"{len(reader.fieldnames)} columns")
        spanning = [k for k, v in row.items() if "\n" in (v or "")]
        if spanning:
            raise InputError(str(path), reader.line_num, spanning[0],
                             "a cell runs over several lines (an unclosed quote?)")
        if any((value or "").strip() for value in row.values()):
            yield reader.line_num, {k.strip(): (v or "").strip() for k, v in row.items()}


class RowReader:
    """Reads one CSV row of the curated format into claims, collecting errors."""

    def __init__(self, path: Path, line: int, row: dict[str, str]):
        self.path, self.line, self.row = path, line, row
        self.errors: list[InputError] = []
        self.origin = f"{path}:{line}"

    def error(self, field: str | None, message: str) -> None:
        self.errors.append(InputError(str(self.path), self.line, field, message))

    def typed(self, field: str, datatype: str, allowed=()):
        text = self.row.get(field, "")
        if not text:
            return None
        try:
            value = parse_value(text, datatype)
        except ValueError as exc:
            self.error(field, str(exc))
            return None
        if allowed and value not in allowed:
            self.error(field, f"{text!r} is not one of {', '.join(allowed)}")
            return None
        return value

    def provenance(self, self_sourced: str | None = None) -> dict:
        sources = tuple(s.strip() for s in self.row.get("sources", "").split(";") if s.strip())
        if self_sourced:
            sources = sources or (self_sourced,)
        if not sources:
            self.error("sources", "a fact needs at least one source")
        for position, source in enumerate(sources):
            if model.kind_of(source) != "Source":
                self.error("sources", f"{source!r} is not a source id (source:...)")
            elif source in sources[:position]:
                self.error("sources", f"{source} is listed twice")
        valid_from = self.typed("valid_from", "date")
        valid_to = self.typed("valid_to", "date")
        if valid_from and valid_to and valid_from >= valid_to:
            self.error("valid_to", f"{valid_to} is not after valid_from {valid_from}")
        return dict(sources=sources, quote=self.typed("quote", "string"),
                    confidence=self.typed("confidence", "string", CONFIDENCE),
                    valid_from=valid_from, valid_to=valid_to, origin=self.origin)

    def node_claims(self) -> list[Claim]:
        node_id = self.row.get("id", "")
        kind = model.kind_of(node_id)
        if kind is None:
            self.error("id", f"{node_id!r} has no known kind (kind:slug, kinds: "
                       f"{', '.join(sorted(model.by_prefix))})")
            return []
        attributes = model.node_attributes(kind)
        for column, text in self.row.items():
            if text and column not in attributes and column not in PROVENANCE + IGNORED + ("id",):
                self.error(column, f"not an attribute of {kind}")
        prov = self.provenance(node_id if kind == "Source" else None)
        claims = []
        for name, attribute in attributes.items():
            texts = [self.row.get(name, "")]
            if attribute.multi_valued:
                texts = [t.strip() for t in texts[0].split(";")]
            for text in filter(None, texts):
                value = self.typed_text(name, text, attribute)
                if value is not None:
                    claims.append(Claim(node_id, name, value, **prov))
        for required in model.kinds[kind].required:
            if not self.row.get(required):
                self.error(required, f"required for {kind}")
        # a control or licence that ends before it starts is in force on no date, and
        # read as lifted today: it would drop out of every scenario without a word
        dates = {c.predicate: c.object for c in claims
                 if c.predicate in ("effective_from", "effective_to")}
        if len(dates) == 2 and dates["effective_to"] <= dates["effective_from"]:
            self.error("effective_to", f"{dates['effective_to']} is not after "
                       f"effective_from {dates['effective_from']}")
            return []
        return claims

    def typed_text(self, name, text, attribute):
        try:
            value = parse_value(text, attribute.datatype)
        except ValueError as exc:
            self.error(name, str(exc))
            return None
        if attribute.allowed and value not in attribute.allowed:
            self.error(name, f"{text!r} is not one of {', '.join(attribute.allowed)}")
            return None
        return value

    def relation_claim(self) -> list[Claim]:
        for column in RELATION_COLUMNS:
            if not self.row.get(column):
                self.error(column, "missing")
        relation = self.row.get("relation", "")
        if relation and relation not in model.relations:
            self.error("relation", f"{relation!r} is not a relation of the ontology")
        qualifiers = []
        for name, attribute in sorted(model.qualifiers.items()):
            value = self.typed(name, attribute.datatype)
            if value is not None:
                qualifiers.append((name, value))
        for column, text in self.row.items():
            if text and column not in model.qualifiers and column not in (
                    RELATION_COLUMNS + PROVENANCE + IGNORED):
                self.error(column, "not a column of a relation file")
        share = dict(qualifiers).get("share")
        if share is not None and not 0 <= share <= 1:
            self.error("share", f"{share:g} is {'above 1' if share > 1 else 'below 0'}")
        prov = self.provenance()
        if self.errors:
            return []
        return [Claim(self.row["subject"], relation, self.row["object"], tuple(qualifiers),
                      **prov)]


def read_file(path: Path, seen: dict[str, str]) -> tuple[list[Claim], list[InputError]]:
    """Claims and row errors of one curated CSV file; ``seen`` maps node ids to origins."""
    claims, errors = [], []
    is_relations = None
    header: list[str] = []
    for line, row in csv_rows(path):
        if is_relations is None:
            is_relations, header = "relation" in row, list(row)
            if not is_relations and "id" not in row:  # every row would say so, twice
                return [], [InputError(str(path), 1, "id", "no such column in the header "
                                       f"({len(header)} columns: {', '.join(header)}): a "
                                       "node file needs id, a relation file relation")]
        reader = RowReader(path, line, row)
        if is_relations:
            claims.extend(reader.relation_claim())
        else:
            node_id = row.get("id", "")
            if node_id in seen:
                reader.error("id", f"{node_id} is already defined at {seen[node_id]}")
            seen.setdefault(node_id, reader.origin)
            claims.extend(reader.node_claims())
        errors.extend(reader.errors)
    return claims, _header_problems_once(path, header, errors, bool(is_relations))


def _header_problems_once(path: Path, header: list[str], errors: list[InputError],
                          is_relations: bool) -> list[InputError]:
    """The row errors, with those of a column misnamed in the header (``shares``,
    ``subj``) given once, at the header, rather than once (or twice) on every row."""
    if is_relations:
        known = RELATION_COLUMNS + tuple(sorted(model.qualifiers)) + PROVENANCE + IGNORED
        unknown, missing = "not a column of a relation file", RELATION_COLUMNS
    else:
        known, unknown, missing = (), None, ()
    absent = {c for c in missing if c not in header}
    rows: dict[str, int] = {}
    kept = []
    for error in errors:
        if error.path == str(path) and ((error.field in absent and error.message == "missing")
                                        or (error.message == unknown
                                            and error.field not in known)):
            rows[error.field] = rows.get(error.field, 0) + 1
            continue
        kept.append(error)
    once = [InputError(str(path), 1, column, f"no such column in the header ({len(header)} "
                       f"columns: {', '.join(header)}); {rows[column]} rows need it")
            for column in missing if column in rows]
    once += [InputError(str(path), 1, column, f"{unknown}, yet {rows[column]} rows fill it "
                        f"(columns: {', '.join(RELATION_COLUMNS + PROVENANCE)} and the "
                        "qualifiers of the ontology, e.g. share, year, quantity)")
             for column in header if column in rows and column not in missing]
    return once + kept


def curated_files(path: Path) -> list[Path]:
    """The CSV files of a curated dataset folder (or the one file given), sorted.

    A ``.csv`` entry of the folder that is no regular file (a FIFO, a link to
    ``/dev/zero``) raises InputError: reading it would block or never end.
    """
    from mineralgraph.files import not_a_file

    if not path.is_dir():
        return [path]
    files = sorted(path.glob("*.csv"))
    for file in files:
        kind = not_a_file(file)
        if kind is not None:
            raise InputError(str(file), None, None, f"is {kind}, not a CSV file")
    return files


def load_curated(path: Path, context: LoadContext | None = None) -> LoadResult:
    """Read a curated dataset (folder or one file); raise :class:`InputErrors` on any bad row."""
    claims, errors, seen = [], [], {}
    for file in curated_files(Path(path)):
        try:
            file_claims, file_errors = read_file(file, seen)
        except InputError as exc:
            file_claims, file_errors = [], [exc]
        claims.extend(file_claims)
        errors.extend(file_errors)
    if errors:
        raise InputErrors(errors)
    return LoadResult(claims=claims)


def looks_curated(path: Path) -> bool:
    """A folder of CSV files, or a CSV file with an ``id`` or ``relation`` column and sources."""
    if path.is_dir():
        return any(path.glob("*.csv"))
    if path.suffix.lower() != ".csv":
        return False
    header = header_of(path)
    return ("id" in header or "relation" in header) and ("sources" in header or "title" in header)


register(Loader("curated", "curated dataset: node and relation CSV files with sources",
                looks_curated, load_curated))

__all__ = ["load_curated", "parse_date"]
