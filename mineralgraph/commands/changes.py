"""``diff``: what changed between two snapshots, down to the chokepoints."""

from __future__ import annotations

from pathlib import Path

import click

from mineralgraph.cells import qualifier_text
from mineralgraph.claim import Claim
from mineralgraph.commands.options import as_of_option
from mineralgraph.graph.diff import GraphDiff, graph_diff
from mineralgraph.output import emit, md_code, output_options, to_json
from mineralgraph.reports.news import beside_text


def read_claims(path: str) -> list[Claim]:
    """The claims of a snapshot, or of any source a loader reads (a curated folder...)."""
    from mineralgraph.graph.snapshot import load_snapshot
    from mineralgraph.loaders import load_source
    from mineralgraph.loaders.snapshot import looks_like_snapshot

    if looks_like_snapshot(Path(path)):
        return load_snapshot(path)
    return load_source(Path(path)).claims


def _value(claim: Claim) -> str:
    quals = ", ".join(qualifier_text(k, v, claim.predicate) for k, v in claim.qualifiers)
    when = ""
    if claim.valid_from or claim.valid_to:
        when = f" [{claim.valid_from or '…'} to {claim.valid_to or '…'}]"
    return f"{claim.object}{' (' + quals + ')' if quals else ''}{when}"


def _fact_line(claim: Claim) -> str:
    return f"{claim.subject} {claim.predicate} {_value(claim)} <{', '.join(claim.sources)}>"


def _loss(value: float | None) -> str:
    return "-" if value is None else f"{value:.3g}"


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


@click.command()
@click.argument("old", type=click.Path(exists=False))
@click.argument("new", type=click.Path(exists=False))
@output_options(formats=("text", "md", "json"))
@as_of_option
@click.option("--no-chokepoints", is_flag=True,
              help="Compare the facts only (skip the chokepoint analysis of both graphs).")
def diff(old, new, fmt, output, as_of, no_chokepoints):
    """Show what changed from snapshot OLD to snapshot NEW.

    Facts added, removed and changed (a fact is identified by its subject, predicate,
    object and sources), then for each product the SPOFs and chokepoints that appeared,
    went, or whose loss changed. --as-of compares the chokepoints as of that date.
    """
    result = graph_diff(read_claims(old), read_claims(new), as_of=as_of,
                        with_chokepoints=not no_chokepoints)
    if fmt == "json":
        data = result.as_dict()
        data.update(old=old, new=new)
        return emit(to_json(data), output)
    emit(render_text(result, old, new, markdown=fmt == "md"), output)


COMMANDS = [diff]
