"""What changed between two graphs (:class:`~mineralgraph.graph.diff.GraphDiff`) as
text, Markdown, JSON or CSV (``mineralgraph diff``)."""

from __future__ import annotations

from mineralgraph.cells import md_code, qualifier_text, to_csv, to_json
from mineralgraph.claim import Claim
from mineralgraph.graph.diff import GraphDiff


def _value(claim: Claim) -> str:
    quals = ", ".join(qualifier_text(k, v, claim.predicate) for k, v in claim.qualifiers)
    when = ""
    if claim.valid_from or claim.valid_to:
        when = f" [{claim.valid_from or '…'} to {claim.valid_to or '…'}]"
    return f"{claim.object}{' (' + quals + ')' if quals else ''}{when}"


def _fact_line(claim: Claim) -> str:
    return f"{claim.subject} {claim.predicate} {_value(claim)} <{', '.join(claim.sources)}>"


def _loss(value: float | tuple[float, float] | None) -> str:
    """A figure, or a range as ``low-high`` (one figure when its ends agree to 3 digits)."""
    if value is None:
        return "-"
    if isinstance(value, tuple):
        low, high = f"{value[0]:.3g}", f"{value[1]:.3g}"
        return low if low == high else f"{low}-{high}"
    return f"{value:.3g}"


def _product_lines(change) -> list[str]:
    old, new = change.baseline
    lines = [f"{change.product} ({change.label}): baseline {_loss(old)} -> {_loss(new)}"]
    lines += [f"  SPOF added: {n}" for n in change.spofs_added]
    lines += [f"  SPOF removed: {n}" for n in change.spofs_removed]
    lines += [f"  chokepoint added: {n} (loss {_loss(v)})" for n, v in change.chokepoints_added]
    lines += [f"  chokepoint removed: {n} (loss {_loss(v)})"
              for n, v in change.chokepoints_removed]
    lines += [f"  loss {n}: {_loss(a)} -> {_loss(b)}" for n, a, b in change.loss_changed]
    return lines


def render_text(diff: GraphDiff, old: str, new: str, markdown: bool = False) -> str:
    """The diff as text (or Markdown): a summary line, then facts, then chokepoints."""
    facts = diff.facts
    products = diff.products
    head = (f"{len(facts.added)} facts added, {len(facts.removed)} removed, "
            f"{len(facts.changed)} changed from {old} to {new}")
    if products is not None:
        head += f"; chokepoints changed for {len(products)} product(s)"
    sections: list[tuple[str, list[str]]] = [
        ("Added", [f"+ {_fact_line(c)}" for c in facts.added]),
        ("Removed", [f"- {_fact_line(c)}" for c in facts.removed]),
        ("Changed", [f"~ {c.new.subject} {c.new.predicate}: {_value(c.old)} -> "
                     f"{_value(c.new)} <{', '.join(c.new.sources)}>" for c in facts.changed]),
    ]
    if diff.beside:
        from mineralgraph.reports.news import beside_text

        sections.append(("Trade figures of articles beside the statistical figures of the "
                         "same flow and month", beside_text(diff.beside)))
    if products is not None:
        sections.append(("Chokepoints", [line for p in products for line in _product_lines(p)]))
    if markdown:
        out = [f"**{head}.**"]
        for title, lines in sections:
            if lines:
                out += ["", f"## {title}", ""] + [f"- {md_code(line)}" for line in lines]
        return "\n".join(out)
    out = [head + "."]
    for title, lines in sections:
        if lines:
            out += ["", f"{title}:"] + [f"  {line}" for line in lines]
    return "\n".join(out)


#: Columns of the CSV: one row per fact added, removed or changed, and per product change.
CSV_COLUMNS = ["change", "subject", "predicate", "old", "new", "sources"]


def diff_rows(diff: GraphDiff) -> list[dict]:
    """The diff as rows: facts added, removed and changed, then for each product its
    baseline and each SPOF and chokepoint that came, went or changed loss."""
    facts = diff.facts
    rows = [{"change": "added", "subject": c.subject, "predicate": c.predicate,
             "new": _value(c), "sources": ";".join(c.sources)} for c in facts.added]
    rows += [{"change": "removed", "subject": c.subject, "predicate": c.predicate,
              "old": _value(c), "sources": ";".join(c.sources)} for c in facts.removed]
    rows += [{"change": "changed", "subject": c.new.subject, "predicate": c.new.predicate,
              "old": _value(c.old), "new": _value(c.new), "sources": ";".join(c.new.sources)}
             for c in facts.changed]
    for p in diff.products or []:
        rows.append({"change": "baseline", "subject": p.product, "predicate": "availability",
                     "old": _loss(p.baseline[0]), "new": _loss(p.baseline[1])})
        rows += [{"change": "spof added", "subject": p.product, "predicate": "spof", "new": n}
                 for n in p.spofs_added]
        rows += [{"change": "spof removed", "subject": p.product, "predicate": "spof",
                  "old": n} for n in p.spofs_removed]
        rows += [{"change": "chokepoint added", "subject": p.product, "predicate": n,
                  "new": _loss(v)} for n, v in p.chokepoints_added]
        rows += [{"change": "chokepoint removed", "subject": p.product, "predicate": n,
                  "old": _loss(v)} for n, v in p.chokepoints_removed]
        rows += [{"change": "loss changed", "subject": p.product, "predicate": n,
                  "old": _loss(a), "new": _loss(b)} for n, a, b in p.loss_changed]
    return rows


def render_diff(diff: GraphDiff, old: str, new: str, fmt: str = "text") -> str:
    """The diff as ``text``, ``md``, ``json`` (with the two names) or ``csv``."""
    if fmt == "json":
        data = diff.as_dict()
        data.update(old=old, new=new)
        return to_json(data)
    if fmt == "csv":
        return to_csv(diff_rows(diff), CSV_COLUMNS)
    return render_text(diff, old, new, markdown=fmt == "md")
