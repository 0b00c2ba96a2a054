"""What changed between two graphs (:class:`~mineralgraph.graph.diff.GraphDiff`) as
text, Markdown, JSON or CSV (``mineralgraph diff``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from mineralgraph.cells import md_code, qualifier_text, to_csv, to_json
from mineralgraph.claim import Claim
from mineralgraph.graph.diff import GraphDiff
from mineralgraph.reports.common import PRESS_FIGURES_LINE, WORST_CASE_LINE, span

#: Qualifiers that say how a fact was read, not what it says: a fact that differs from
#: one already held only in these (or in its sources, quote, rating or dates) is the same
#: fact, re-sourced.
HOW_READ = ("dated_by", "note")


def fact_content(claim: Claim) -> tuple:
    """What a fact says, whoever says it: subject, predicate, object (the value) and the
    qualifiers that are part of it (a share, a year), not those of :data:`HOW_READ`."""
    return (claim.subject, claim.predicate, claim.object,
            tuple((k, v) for k, v in claim.qualifiers if k not in HOW_READ))


@dataclass
class Resourced:
    """A fact of the new graph that the old one already held from other sources:
    ``kept`` the sources that still say it, ``dropped`` those whose claim went."""

    claim: Claim
    kept: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {**self.claim.to_dict(), "already_from": self.kept, "was_from": self.dropped}

    def note(self) -> str:
        parts = ([f"already from {', '.join(self.kept)}"] if self.kept else []) + (
            [f"was from {', '.join(self.dropped)}"] if self.dropped else [])
        return f"re-sourced: {'; '.join(parts)}"


@dataclass
class FactView:
    """The facts of a diff as an analyst reads them: new facts, facts only re-sourced
    (a new source for what the old graph already said), removed and changed."""

    added: list[Claim]
    resourced: list[Resourced]
    removed: list[Claim]
    changed: list


def fact_view(diff: GraphDiff, before: Iterable[Claim] | None = None) -> FactView:
    """Split the facts a diff adds into new facts and re-sourced ones: an added claim
    whose content (:func:`fact_content`) the old graph (``before``, its claims) already
    held. A removed claim with the same content as an added one is a source replaced: it
    shows on the re-sourced line (``was from``), not as a removal. Without ``before``
    every added claim is new, as the fact diff says."""
    facts = diff.facts
    if before is None:
        return FactView(list(facts.added), [], list(facts.removed), list(facts.changed))
    removed_ids = {c.id for c in facts.removed}
    held: dict[tuple, list[Claim]] = {}
    for claim in before:
        held.setdefault(fact_content(claim), []).append(claim)
    added, resourced, replaced = [], [], set()
    for claim in facts.added:
        earlier = held.get(fact_content(claim))
        if not earlier:
            added.append(claim)
            continue
        kept = sorted({s for c in earlier if c.id not in removed_ids for s in c.sources})
        dropped = sorted({s for c in earlier if c.id in removed_ids for s in c.sources})
        replaced |= {c.id for c in earlier if c.id in removed_ids}
        resourced.append(Resourced(claim, kept, dropped))
    removed = [c for c in facts.removed if c.id not in replaced]
    return FactView(added, resourced, removed, list(facts.changed))


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


def _percent(value: tuple[float, float] | None) -> str:
    """A range in % as every report gives it (``91-100%``); ``-`` for none."""
    return "-" if value is None else span(*value)


def _product_lines(change) -> list[str]:
    old, new = change.baseline
    lines = [f"{change.product} ({change.label}): availability {_percent(old)} -> "
             f"{_percent(new)}"]
    lines += [f"  SPOF added: {n}" for n in change.spofs_added]
    lines += [f"  SPOF removed: {n}" for n in change.spofs_removed]
    lines += [f"  chokepoint added: {n} (loss {_percent(v)})"
              for n, v in change.chokepoints_added]
    lines += [f"  chokepoint removed: {n} (loss {_percent(v)})"
              for n, v in change.chokepoints_removed]
    lines += [f"  loss {n}: {_percent(a)} -> {_percent(b)}" for n, a, b in change.loss_changed]
    return lines


def render_text(diff: GraphDiff, old: str, new: str, markdown: bool = False,
                before: Iterable[Claim] | None = None) -> str:
    """The diff as text (or Markdown): a summary line, then facts (``+`` new, ``=``
    re-sourced, ``-`` removed, ``~`` changed), then chokepoints."""
    facts = fact_view(diff, before)
    products = diff.products
    head = (f"{len(facts.added)} facts added, {len(facts.resourced)} re-sourced, "
            f"{len(facts.removed)} removed, {len(facts.changed)} changed from {old} to {new}")
    if products is not None:
        head += f"; chokepoints changed for {len(products)} product(s)"
    if diff.worst_case:
        head += ". " + WORST_CASE_LINE
    if diff.press_figures:
        head += ". " + PRESS_FIGURES_LINE
    sections: list[tuple[str, list[str]]] = [
        ("Added", [f"+ {_fact_line(c)}" for c in facts.added]),
        ("Re-sourced (facts already held, now from another source too)",
         [f"= {_fact_line(r.claim)} ({r.note()})" for r in facts.resourced]),
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


#: Columns of the CSV: one row per fact added, re-sourced, removed or changed, and per
#: product change; ``earlier_sources``: who already said a re-sourced fact.
CSV_COLUMNS = ["change", "subject", "predicate", "old", "new", "sources", "earlier_sources"]


def diff_rows(diff: GraphDiff, before: Iterable[Claim] | None = None) -> list[dict]:
    """The diff as rows: facts added, re-sourced (``old`` and ``new`` the same value,
    ``earlier_sources`` who said it before), removed and changed, then for each product
    its baseline and each SPOF and chokepoint that came, went or changed loss."""
    facts = fact_view(diff, before)
    rows = [{"change": "added", "subject": c.subject, "predicate": c.predicate,
             "new": _value(c), "sources": ";".join(c.sources)} for c in facts.added]
    rows += [{"change": "re-sourced", "subject": r.claim.subject,
              "predicate": r.claim.predicate, "old": _value(r.claim), "new": _value(r.claim),
              "sources": ";".join(r.claim.sources),
              "earlier_sources": ";".join(sorted(set(r.kept) | set(r.dropped)))}
             for r in facts.resourced]
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


def render_diff(diff: GraphDiff, old: str, new: str, fmt: str = "text",
                before: Iterable[Claim] | None = None) -> str:
    """The diff as ``text``, ``md``, ``json`` (with the two names) or ``csv``; given
    ``before`` (the old graph's claims), a fact the new graph only re-sources is shown as
    such (JSON ``resourced``, CSV ``re-sourced``, text ``=``), not as added."""
    if fmt == "json":
        data = diff.as_dict()
        facts = fact_view(diff, before)
        data.update(old=old, new=new,
                    added=[c.to_dict() for c in facts.added],
                    resourced=[r.as_dict() for r in facts.resourced],
                    removed=[c.to_dict() for c in facts.removed])
        data["summary"].update(added=len(facts.added), resourced=len(facts.resourced),
                               removed=len(facts.removed))
        if diff.worst_case:
            data["worst_case"] = True
        if diff.press_figures:
            data["press_figures"] = True
        return to_json(data)
    if fmt == "csv":
        rows, columns = diff_rows(diff, before), CSV_COLUMNS
        if diff.press_figures:
            rows, columns = [{**r, "press_figures": "yes"} for r in rows], [*columns,
                                                                            "press_figures"]
        return to_csv(rows, columns)
    return render_text(diff, old, new, markdown=fmt == "md", before=before)
