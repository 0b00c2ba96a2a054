"""What ``validate`` found (:class:`~mineralgraph.loaders.Validation`) as text, Markdown,
JSON or CSV."""

from __future__ import annotations

from mineralgraph.cells import markdown_table, to_csv, to_json
from mineralgraph.exceptions import InputError
from mineralgraph.validation import PRESS_ONLY

#: Columns of the CSV and of the Markdown table: one row per problem and warning.
COLUMNS = ["severity", "file", "line", "field", "message"]


def _row(severity: str, problem: InputError | str) -> dict:
    if isinstance(problem, InputError):
        return {"severity": severity, "file": problem.path, "line": problem.line,
                "field": problem.field, "message": problem.message}
    if getattr(problem, "path", None):  # a warning that knows its file and line
        return {"severity": severity, "file": problem.path,
                "line": int(problem.line) if str(problem.line).isdigit() else problem.line,
                "field": None, "message": problem.message}
    return {"severity": severity, "message": problem}


def validation_rows(found) -> list[dict]:
    """One row per problem (``error``), then per warning."""
    return ([_row("error", p) for p in found.problems]
            + [_row("warning", w) for w in found.warnings])


def validation_summary(found) -> str:
    """``ok: N facts, N nodes, N sources``, or how many problems in which files."""
    if found.ok:
        counts = found.counts()
        return (f"ok: {counts['facts']} facts, {counts['source_records']} source records, "
                f"{counts['nodes']} nodes, {counts['sources']} sources")
    return f"{len(found.problems)} problem(s) in {', '.join(found.targets)}"


def press_only_summary(warnings: list[str], hint: str) -> list[str]:
    """The warnings on press-only shares said in one line (their count and where to read
    them: ``hint``), after the other warnings, each as it is; nothing when there are none.

    >>> press_only_summary(["warning: material:a: country shares come only from press or "
    ...     "reposts (source:x); set aside ...", "warning: other"], "build --verbose lists them")
    ['warning: other', 'warning: 1 material has country shares only from press or reposts \
(set aside, not used by the analysis: design note 5.5); build --verbose lists them']
    """
    press = [w for w in warnings if PRESS_ONLY in w]
    out = [w for w in warnings if PRESS_ONLY not in w]
    if press:
        many = "materials have" if len(press) > 1 else "material has"
        used = all("(--press-figures)" in w for w in press)
        out.append(f"warning: {len(press)} {many} country shares only from press or reposts "
                   + ("(the analysis uses them for lack of a statistical source, "
                      "--press-figures)" if used else
                      "(set aside, not used by the analysis: design note 5.5)")
                   + f"; {hint}")
    return out


def render_validation(found, fmt: str = "text") -> str:
    """The result as ``text`` (the summary line; problems go to stderr one a line),
    ``md``, ``json`` or ``csv`` (one row per problem and warning)."""
    if fmt == "json":
        return to_json({"ok": found.ok, "targets": list(found.targets),
                        **(found.counts() if found.ok else {}),
                        "problems": [_row("error", p) for p in found.problems],
                        "warnings": list(found.warnings)})
    if fmt == "csv":
        return to_csv(validation_rows(found), COLUMNS)
    if fmt == "md":
        rows = validation_rows(found)
        return f"**{validation_summary(found)}**" + (
            "\n\n" + markdown_table(rows, COLUMNS) if rows else "")
    return validation_summary(found)
