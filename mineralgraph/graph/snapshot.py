"""Snapshots: the claims of a graph in one JSON file, written atomically.

A snapshot lists every claim, sorted, one per line, so two snapshots diff cleanly and a
graph saved and loaded again is equal to the original.

>>> import tempfile, pathlib
>>> from mineralgraph.claim import Claim
>>> claims = [Claim("element:Dy", "symbol", "Dy", sources=("source:s",))]
>>> path = pathlib.Path(tempfile.mkdtemp()) / "g.json"
>>> save_snapshot(claims, path)
>>> load_snapshot(path) == claims
True
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from mineralgraph.claim import Claim
from mineralgraph.exceptions import InputError
from mineralgraph.files import write_atomically
from mineralgraph.loaders.values import claim_text_problem

FORMAT = "mineralgraph-snapshot"
VERSION = 1


def snapshot_text(claims: Iterable[Claim]) -> str:
    """The JSON text of a snapshot: a header, then one claim per line in a stable order."""
    ordered = sorted({c.id: c for c in claims}.values(),
                     key=lambda c: (c.subject, c.predicate, c.id))
    lines = [json.dumps(c.to_dict(), sort_keys=True, ensure_ascii=False) for c in ordered]
    body = ",\n".join(lines)
    return (f'{{"format": "{FORMAT}", "version": {VERSION}, "claims": [\n'
            f"{body}\n]}}\n")


def save_snapshot(claims: Iterable[Claim], path: str | Path) -> None:
    """Save claims as a snapshot file at ``path`` (atomically)."""
    write_atomically(path, snapshot_text(claims))


def load_snapshot(path: str | Path) -> list[Claim]:
    """The claims of a snapshot file, in file order; InputError names what is wrong."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(str(path), None, None, "no such file") from None
    except UnicodeDecodeError as exc:
        raise InputError(str(path), None, None, f"not UTF-8 ({exc.reason})") from None
    except json.JSONDecodeError as exc:
        raise InputError(str(path), exc.lineno, None, f"not JSON: {exc.msg}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError(str(path), None, "format", f"not a {FORMAT} file")
    if data.get("version") != VERSION:
        raise InputError(str(path), None, "version",
                         f"version {data.get('version')!r} is not {VERSION}")
    claims = []
    for index, item in enumerate(data.get("claims", [])):
        try:
            claim = Claim.from_dict(item)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise InputError(str(path), index + 2, "claims",
                             f"claim {index + 1} is malformed ({exc})") from None
        problem = claim_text_problem(claim)
        if problem:
            raise InputError(str(path), index + 2, *problem)
        claims.append(claim)
    return claims
