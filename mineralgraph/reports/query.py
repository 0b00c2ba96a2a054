"""Query results as text: Cypher answers (``mineralgraph cypher``).

SPARQL answers are serialised by :mod:`mineralgraph.graph.sparql_results`, which the
endpoint shares.
"""

from __future__ import annotations

from mineralgraph.cells import text_table, to_csv, to_json


def render_cypher(result, fmt: str = "text") -> str:
    """A Cypher result (:class:`~mineralgraph.graph.cypher.CypherResult`) as a text table
    (``text``, or ``table``), JSON (a list of objects) or CSV."""
    if fmt == "json":
        return to_json(result.rows)
    if fmt == "csv":
        return to_csv([{k: _cell(v) for k, v in row.items()} for row in result.rows],
                      result.columns)
    if not result.columns:
        return "(no columns)"
    text = text_table([{k: _cell(v) for k, v in row.items()} for row in result.rows],
                      result.columns)
    cut = ", cut at the row limit" if getattr(result, "truncated", False) else ""
    return f"{text}\n({len(result.rows)} row{'s' if len(result.rows) != 1 else ''}{cut})"


def _cell(value):
    if isinstance(value, dict):
        return to_json(value).replace("\n", " ").replace("  ", "")
    if isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value):
        return to_json(value).replace("\n", " ").replace("  ", "")
    return value
